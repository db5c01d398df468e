/**
 * The email channel (docs/contract.md §2, `channel: "email"`): messages are handed to the
 * official Trigger Email extension by writing its `mail` collection, and follow what the
 * extension writes back in `delivery`. Pure: addresses, rendering, and reading `delivery`.
 */
import { z } from "zod";
import type { Language, MessageType } from "./templates";

export type EmailAddress = { ok: true; address: string } | { ok: false; reason: string };

const emailSchema = z.email();

/** A recipient's address as the apps wrote it, trimmed and with its domain in lower case. */
export function normalizeEmail(value: unknown): EmailAddress {
  if (typeof value !== "string" || value.trim() === "") {
    return { ok: false, reason: "no email address" };
  }
  const trimmed = value.trim();
  if (!emailSchema.safeParse(trimmed).success) {
    return { ok: false, reason: `"${trimmed}" is not an email address` };
  }
  const at = trimmed.lastIndexOf("@");
  return { ok: true, address: `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}` };
}

/** What the extension reads from a `mail` document's `message`. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const SUBJECT_LABELS: Record<Language, Partial<Record<MessageType, string>> & { default: string }> =
  {
    en: {
      default: "Notification",
      reminder: "Reminder",
      reminder_created: "Reminder set",
      reminder_updated: "Reminder changed",
      reminder_completed: "Reminder done",
      task_reminder: "Your tasks",
      daily_summary: "Your day",
      progress_update: "Your week",
    },
    tr: {
      default: "Bildirim",
      reminder: "Hatırlatma",
      reminder_created: "Hatırlatma kuruldu",
      reminder_updated: "Hatırlatma değişti",
      reminder_completed: "Hatırlatma tamamlandı",
      task_reminder: "Görevlerin",
      daily_summary: "Günün",
      progress_update: "Haftan",
    },
  };

/** Longest part of the body repeated in the subject, so it reads whole in a mail client's list. */
const SUBJECT_SNIPPET_MAX = 60;

function snippet(body: string): string {
  const firstLine = body.trim().split(/\r?\n/, 1)[0] ?? "";
  if (firstLine.length <= SUBJECT_SNIPPET_MAX) return firstLine;
  const cut = firstLine.slice(0, SUBJECT_SNIPPET_MAX);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > SUBJECT_SNIPPET_MAX / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

/**
 * The email of a message: a subject naming what it is (in its language, unless the body's
 * first line already does) and the start of the body, the body as text, and the same as HTML (escaped: a task title is user input).
 */
export function renderEmail(message: {
  body: string;
  type: MessageType;
  language: Language;
}): RenderedEmail {
  const labels = SUBJECT_LABELS[message.language] ?? SUBJECT_LABELS.en;
  const label = labels[message.type] ?? labels.default;
  const start = snippet(message.body);
  const paragraphs = message.body
    .trim()
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\r?\n/g, "<br>")}</p>`);
  const fold = (text: string) => text.toLocaleLowerCase(message.language);
  // A body that already opens with the label ("Reminder: …") is not labelled twice.
  const labelled = !start || fold(start).startsWith(fold(label));
  return {
    subject: !start ? label : labelled ? start : `${label}: ${start}`,
    text: message.body,
    html: paragraphs.join("\n"),
  };
}

/** What the extension's `delivery` field says about a mail. */
export type MailDelivery =
  { state: "pending" } | { state: "sent"; at?: Date } | { state: "failed"; error: string };

const deliverySchema = z.object({
  state: z.string(),
  error: z.unknown().optional(),
  endTime: z.unknown().optional(),
});

function dateOf(value: unknown): Date | undefined {
  if (value instanceof Date) return value;
  const candidate = value as { toDate?: () => Date } | null | undefined;
  return typeof candidate?.toDate === "function" ? candidate.toDate() : undefined;
}

/**
 * Reads `delivery` as the extension writes it: `PENDING`, `PROCESSING` and `RETRY` are still on
 * their way, `SUCCESS` is sent, `ERROR` failed (with `error`). Anything else counts as pending.
 */
export function readMailDelivery(delivery: unknown): MailDelivery {
  const parsed = deliverySchema.safeParse(delivery);
  if (!parsed.success) return { state: "pending" };
  const { state, error, endTime } = parsed.data;
  if (state === "SUCCESS") return { state: "sent", at: dateOf(endTime) };
  if (state === "ERROR") {
    const reason = typeof error === "string" && error.trim() ? error.trim() : "unknown error";
    return { state: "failed", error: reason };
  }
  return { state: "pending" };
}
