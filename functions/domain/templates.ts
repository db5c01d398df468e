/** Languages messages are written in. */
export type Language = "en" | "tr";

/** Every supported language, English first because it is the fallback for missing content. */
export const LANGUAGES: readonly Language[] = Object.freeze(["en", "tr"] as const);

/**
 * Reads a language from a document or request. Accepts `en`, `tr` in any case and locale tags
 * such as `tr-TR` or `en_US` (client apps store either); anything else gives `fallback`.
 */
export function toLanguage(value: unknown, fallback: Language): Language {
  if (typeof value !== "string") return fallback;
  const primary = value.trim().toLowerCase().split(/[-_]/)[0];
  return LANGUAGES.find((language) => language === primary) ?? fallback;
}

/** What a message is about (docs/contract.md §4); stored as `type` on every message and template. */
export type MessageType =
  | "task_created"
  | "task_updated"
  | "task_completed"
  | "task_reminder"
  | "motivational"
  | "progress_update"
  | "task_overdue"
  | "daily_summary"
  | "reminder_created"
  | "reminder_updated"
  | "reminder_completed"
  | "reminder"
  | "manual"
  | "campaign"
  | "appointment_reminder"
  | "assessment_notification"
  | "password_reset"
  | "2fa_code";

// A name starts with a letter or underscore; `{{ name }}` with spaces is the same placeholder.
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Unique placeholder names in `content`, in order of first appearance. */
export function templateVariables(content: string): string[] {
  return [...new Set(Array.from(content.matchAll(PLACEHOLDER), (match) => match[1]))];
}

/**
 * One alternative wording of a saved template (an A/B test, domain/templateVariants.ts): its own
 * text in the languages of the template, with the same variables, and its share of recipients.
 */
export interface TemplateVariant {
  /** Short and unique in the template (`A`, `B`); recorded on each message as `variant`. */
  id: string;
  content: Partial<Record<Language, string>> & { en: string };
  /** Relative share: a variant of weight 2 goes to twice as many recipients as one of weight 1. */
  weight: number;
}

/** A message template: built in here, or saved in `sms_templates` under the same id. */
export interface TemplateDefinition {
  id: string;
  name: string;
  type: MessageType;
  /** Text per language with `{{variable}}` placeholders; English is required as the fallback. */
  content: Partial<Record<Language, string>> & { en: string };
  variables: string[];
  /** When present, every message uses one of these instead of `content` (never a built-in). */
  variants?: TemplateVariant[];
}

function template(
  id: string,
  name: string,
  type: MessageType,
  content: TemplateDefinition["content"],
): TemplateDefinition {
  // Variables are derived from the English text so the list cannot drift from the content.
  return { id, name, type, content, variables: templateVariables(content.en) };
}

// English texts stay in GSM-7 (straight quotes, no emoji) so that, with typical names and
// titles, each fits one 160-character segment. Turkish needs UCS-2 anyway (ş, ğ, ı).
// Variables are never given Turkish suffixes, since the right suffix depends on the value.
const DEFINITIONS: TemplateDefinition[] = [
  template("task_created", "New task", "task_created", {
    en: "Hi {{name}}, you have a new task: {{taskTitle}}. Due: {{deadline}}.",
    tr: "Merhaba {{name}}, yeni bir görevin var: {{taskTitle}}. Teslim: {{deadline}}.",
  }),
  template("task_updated", "Task updated", "task_updated", {
    en: "Hi {{name}}, your task was updated: {{taskTitle}}. Due: {{deadline}}.",
    tr: "Merhaba {{name}}, görevin güncellendi: {{taskTitle}}. Teslim: {{deadline}}.",
  }),
  template("task_completed", "Task completed (student)", "task_completed", {
    en: "Well done, {{name}}! You completed {{taskTitle}}.{{streak}}",
    tr: "Tebrikler {{name}}! {{taskTitle}} görevini tamamladın.{{streak}}",
  }),
  template("task_completed_creator", "Task completed (assigner)", "task_completed", {
    en: "Hi {{name}}, {{studentName}} completed the task you assigned: {{taskTitle}}.",
    tr: "Merhaba {{name}}, {{studentName}} verdiğin görevi tamamladı: {{taskTitle}}.",
  }),
  // `tasks`: up to three titles, nearest deadline first, then "+N more" (domain/scheduledMessages).
  template("task_reminder", "Daily task reminder", "task_reminder", {
    en: "Good morning {{name}}! Pending tasks ({{count}}): {{tasks}}",
    tr: "Günaydın {{name}}! Bekleyen görevlerin ({{count}}): {{tasks}}",
  }),
  // `message` is the line of the day, chosen by domain/motivation.ts from the streak and the
  // date (a different one each day); `streak` (the number of days) is there for saved templates.
  template("motivational", "Daily motivation", "motivational", {
    en: "Hi {{name}}! {{message}}",
    tr: "Merhaba {{name}}! {{message}}",
  }),
  // `pending` counts every open task; `overdue` is the part of them whose deadline has passed.
  template("progress_update", "Weekly progress", "progress_update", {
    en: "Hi {{name}}, your week: {{completed}} completed, {{pending}} open ({{overdue}} overdue). Keep going!",
    tr: "Merhaba {{name}}, bu hafta {{completed}} görev tamamladın; {{pending}} görev bekliyor, {{overdue}} tanesi gecikmiş. Böyle devam!",
  }),
  template("task_overdue", "Task overdue", "task_overdue", {
    en: "Hi {{name}}, the deadline for {{taskTitle}} has passed ({{deadline}}). Finish it when you can!",
    tr: "Merhaba {{name}}, {{taskTitle}} görevinin teslim tarihi geçti ({{deadline}}). Fırsat bulunca tamamla!",
  }),
  template("daily_summary", "Daily summary", "daily_summary", {
    en: "Hi {{name}}, today: {{completed}} completed, {{pending}} open ({{overdue}} overdue).",
    tr: "Merhaba {{name}}, bugün {{completed}} görev tamamladın; {{pending}} görev bekliyor, {{overdue}} tanesi gecikmiş.",
  }),
  template("reminder_created", "Reminder set", "reminder_created", {
    en: "Reminder set for {{time}}: {{title}}.",
    tr: "Hatırlatıcı {{time}} için kuruldu: {{title}}.",
  }),
  template("reminder_updated", "Reminder updated", "reminder_updated", {
    en: "Reminder updated, now {{time}}: {{title}}.",
    tr: "Hatırlatıcı güncellendi, artık {{time}}: {{title}}.",
  }),
  template("reminder_completed", "Reminder done", "reminder_completed", {
    en: "Reminder done: {{title}}. Nice work!",
    tr: "Hatırlatıcı tamamlandı: {{title}}. Harika!",
  }),
  // The user wrote these words themselves, so they are sent as they are.
  template("reminder", "Reminder", "reminder", { en: "{{message}}", tr: "{{message}}" }),
  template("manual", "Manual message", "manual", { en: "{{message}}", tr: "{{message}}" }),
  template("campaign", "Campaign message", "campaign", { en: "{{message}}", tr: "{{message}}" }),
  template("appointment_reminder", "Appointment reminder", "appointment_reminder", {
    en: "Hi {{name}}, reminder: {{appointment}} with {{with}} on {{time}}.",
    tr: "Merhaba {{name}}, hatırlatma: {{time}} tarihinde {{with}} ile {{appointment}}.",
  }),
  template("assessment_notification", "Assessment", "assessment_notification", {
    en: "Hi {{name}}, your assessment {{assessment}} is on {{time}}. Good luck!",
    tr: "Merhaba {{name}}, {{assessment}} sınavın {{time}} tarihinde. Başarılar!",
  }),
  template("password_reset", "Password reset", "password_reset", {
    en: "Your password reset code is {{code}}. It expires in {{minutes}} minutes. If you did not ask for it, ignore this message.",
    tr: "Şifre sıfırlama kodun: {{code}}. Kod {{minutes}} dakika geçerli. Sen istemediysen bu mesajı yok say.",
  }),
  template("2fa_code", "Sign-in code", "2fa_code", {
    en: "Your sign-in code is {{code}}. It expires in {{minutes}} minutes. Never share it.",
    tr: "Giriş kodun: {{code}}. Kod {{minutes}} dakika geçerli. Kimseyle paylaşma.",
  }),
  // The answer to a HELP reply: who we are and how to opt out (carriers require both).
  template("help", "HELP reply", "manual", {
    en: "Study reminders from your learning platform. Help: ask your teacher in the app. Reply STOP to unsubscribe, START to resubscribe. Msg & data rates may apply.",
    tr: "Öğrenme platformundan görev hatırlatmaları. Yardım için uygulamadan öğretmenine yaz. Almamak için İPTAL ya da STOP, yeniden almak için BAŞLA yaz. Operatör ücreti uygulanabilir.",
  }),
  // The one answer to an opt-out (carriers require it): no marketing, how to opt back in.
  template("opt_out_confirmation", "Opt-out confirmation", "manual", {
    en: "You are unsubscribed from your learning platform's messages and will receive no more. Reply START to subscribe again.",
    tr: "Öğrenme platformunun mesajlarından çıkarıldın, artık mesaj almayacaksın. Yeniden almak için BAŞLA yaz.",
  }),
  // Answers to a DONE reply (docs/contract.md §6).
  template("done_confirmation", "DONE: task completed", "manual", {
    en: "Marked done: {{taskTitle}}. Well done!",
    tr: "Tamamlandı olarak işaretlendi: {{taskTitle}}. Tebrikler!",
  }),
  template("done_which", "DONE: which task?", "manual", {
    en: "Which task did you finish? Open: {{tasks}}. Mark it done in the app.",
    tr: "Hangi görevi bitirdin? Açık görevler: {{tasks}}. Uygulamadan tamamlandı olarak işaretle.",
  }),
  template("done_nothing", "DONE: nothing open", "manual", {
    en: "You have no open task to mark done.",
    tr: "Tamamlanacak açık görevin yok.",
  }),
  template("opt_in_confirmation", "Opt-in confirmation", "manual", {
    en: "You are subscribed again to your learning platform's messages. Reply STOP to unsubscribe. Msg & data rates may apply.",
    tr: "Öğrenme platformunun mesajlarına yeniden abone oldun. Almak istemiyorsan İPTAL yaz. Operatör ücretleri uygulanabilir.",
  }),
];

/**
 * Built-in templates by id: one per message type in docs/contract.md §4 (the id equals the type), plus
 * `task_completed_creator`, the `task_completed` message for the person who assigned the task,
 * and `help`, the answer to a HELP reply.
 * A `sms_templates` document with the same id overrides one of these.
 */
export const BUILT_IN_TEMPLATES: Record<string, TemplateDefinition> = Object.fromEntries(
  DEFINITIONS.map((definition) => [definition.id, definition]),
);

/**
 * Small pieces the services compose into template variables, e.g. `deadline` when a task has
 * none, or `streak`. They are templates themselves: render them with {@link renderTemplate}
 * (`streak` needs `days`). The leading space in `streak` lets a template write
 * `...done.{{streak}}` and read well when the streak is empty (`noStreak`).
 */
export const PHRASES: Record<Language, { noDeadline: string; streak: string; noStreak: string }> = {
  en: { noDeadline: "no deadline", streak: " You're on a {{days}}-day streak!", noStreak: "" },
  tr: { noDeadline: "son tarih yok", streak: " {{days}} günlük serin devam ediyor!", noStreak: "" },
};

/** A template was rendered without a value for some of its placeholders. */
export class TemplateVariableError extends Error {
  /** Every placeholder name that had no value, in order of first appearance. */
  readonly missing: string[];

  constructor(missing: string[]) {
    super(`Missing template variables: ${missing.join(", ")}`);
    this.name = "TemplateVariableError";
    this.missing = missing;
  }
}

/**
 * Fills `{{name}}` placeholders. A placeholder without a value (missing, `undefined` or `null`)
 * is an error naming every such variable, because a blank in a sent SMS cannot be taken back.
 * Numbers are rendered with `String()`, extra variables are ignored, and values are inserted
 * as they are: no HTML escaping (this is SMS), and no re-expansion of braces inside values.
 *
 * @throws TemplateVariableError
 */
export function renderTemplate(
  content: string,
  variables: Record<string, string | number | undefined | null>,
): string {
  const valueOf = (name: string): string | undefined => {
    // Own properties only: `{{constructor}}` must not find Object.prototype.constructor.
    const value = Object.hasOwn(variables, name) ? variables[name] : undefined;
    return value === undefined || value === null ? undefined : String(value);
  };
  const missing = templateVariables(content).filter((name) => valueOf(name) === undefined);
  if (missing.length > 0) throw new TemplateVariableError(missing);
  return content.replace(PLACEHOLDER, (_match, name: string) => valueOf(name) ?? "");
}

/**
 * Chooses the text to send: the recipient's language, else English, else the first language
 * that has content. Empty strings count as missing, so a half-translated saved template falls
 * back instead of sending nothing.
 *
 * @throws Error when no language has content.
 */
export function pickContent(
  content: Partial<Record<Language, string>>,
  language: Language,
): { language: Language; text: string } {
  const order: Language[] = [language, "en", ...LANGUAGES];
  for (const candidate of order) {
    const text = content[candidate];
    if (typeof text === "string" && text.trim() !== "") return { language: candidate, text };
  }
  throw new Error("The template has no content in any supported language");
}
