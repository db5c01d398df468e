/**
 * A client app wrote a `reminders` document: schedule it (status, nextRunAt), and confirm to
 * the recipient (reminder_created / reminder_updated / reminder_completed). The backend's own
 * writes to a reminder change only its fields, which plan nothing, so they cause no message.
 */
import type { Timestamp } from "firebase-admin/firestore";
import { COLLECTIONS } from "../../data/firestore";
import {
  nextRunAtOf,
  updateOnTopOf,
  writeReminderFields,
  type ReminderFields,
} from "../../data/reminders";
import { loadTemplate } from "../../data/templates";
import { formatLocalDateTime, resolveTimeZone } from "../../domain/localTime";
import { reminderAuthority } from "../../domain/authority";
import type { Sender } from "../../domain/allowance";
import type { Parsed } from "../../domain/clientDocs";
import {
  parseReminder,
  planReminderChange,
  type Reminder,
  type ReminderChannel,
  type ReminderPlan,
} from "../../domain/reminders";
import { toLanguage, type Language, type TemplateDefinition } from "../../domain/templates";
import type { Role } from "../../errors";
import { compose, languageFor } from "../outbox/compose";
import type { Settings } from "../../params";
import { stageMessages, type NewMessage, type StagedMessage } from "../outbox/enqueue";
import { birthClaim } from "../outbox/born";
import { sendStaged } from "../outbox/inline";
import { reminderConfirmationId } from "../outbox/ids";
import { hasAssignedTask, roleOfAccount } from "../users/authority";
import { loadRecipient, type Recipient } from "../recipients/lookup";
import * as logs from "../../logs";

export interface ReminderChange {
  reminderId: string;
  before: FirebaseFirestore.DocumentData | null;
  after: FirebaseFirestore.DocumentData | null;
  /** Identifies this write; see `writeVersion`. */
  version: string;
  /** The written document's update time: later backend writes are made only on top of it. */
  updateTime?: Timestamp;
}

/**
 * Where a reminder goes: its user's number (or, for an email reminder, address), language and
 * zone, or its own phone number.
 */
export interface ReminderTarget {
  phone: string;
  email?: string;
  language: Language;
  timeZone: string;
  userId?: string;
  /** Who is charged, and whether opt-outs are overridden (see domain/authority). */
  sender?: Sender;
  optOutExempt: boolean;
}

/** What deciding a reminder's target reads: its author's standing and its user. */
export interface ReminderTargetPorts {
  /** The account's role as Firebase Auth (or its users document) vouches for it. */
  roleOfAccount(uid: string): Promise<Role | undefined>;
  /** Whether the partner created a task assigned to the student. */
  hasAssignedTask(partnerId: string, studentId: string): Promise<boolean>;
  loadRecipient(
    userId: string,
    settings: Pick<Settings, "defaultLanguage" | "defaultTimeZone">,
    channel?: ReminderChannel,
  ): Promise<Parsed<Recipient>>;
}

/** What handling a reminder's write depends on. */
export interface ReminderChangePorts extends ReminderTargetPorts {
  loadTemplate(templateId: string, maxAgeMs?: number): Promise<TemplateDefinition | undefined>;
  /** False when the reminder was written again after `lastUpdateTime` (nothing written). */
  writeReminderFields(
    reminderId: string,
    fields: ReminderFields,
    lastUpdateTime?: Timestamp,
  ): Promise<boolean>;
  /**
   * Atomically: writes the plan's fields (only on top of `lastUpdateTime`, when given) and
   * queues its confirmation (a known id is left as it is). False, and nothing done, when the
   * reminder is gone or was written again since; a failure leaves nothing half done, so a
   * retried event finds the write it must build on and confirms.
   */
  applyReminderPlan(
    reminderId: string,
    plan: { fields?: ReminderFields; confirmation?: NewMessage },
    lastUpdateTime: Timestamp | undefined,
    settings: Settings,
    now: Date,
  ): Promise<boolean>;
}

/** The plan's fields and confirmation in one transaction of the reminder and the outbox. */
async function applyReminderPlan(
  reminderId: string,
  plan: { fields?: ReminderFields; confirmation?: NewMessage },
  lastUpdateTime: Timestamp | undefined,
  settings: Settings,
  now: Date,
): Promise<boolean> {
  const { fields, confirmation } = plan;
  let staged: StagedMessage[] = [];
  const claim = confirmation ? await birthClaim(settings, now) : undefined;
  const applied = await updateOnTopOf(reminderId, lastUpdateTime, async (tx) => {
    if (confirmation) {
      const stage = await stageMessages(tx, [confirmation], settings, now, claim);
      stage.write();
      staged = stage.messages;
    }
    return fields;
  });
  // Sent from this invocation: born claimed when the policy allows (../outbox/born).
  if (applied) await sendStaged(staged, settings, now);
  return applied;
}

/** Firestore, Firebase Auth and the outbox: what production runs on. */
export const firestoreReminderPorts: ReminderChangePorts = {
  roleOfAccount,
  hasAssignedTask,
  loadRecipient,
  loadTemplate,
  writeReminderFields,
  applyReminderPlan,
};

/**
 * The recipient of a reminder and the authority it is sent under, or the reason it may not be
 * sent. The author's role and partner link are read here, so a reminder written before the
 * rules changed cannot claim what its author may not do. Only an admin's reminder may fall
 * back to its own `phone_number` when its user has none.
 */
export async function reminderTarget(
  reminder: Reminder,
  settings: Settings,
  ports: ReminderTargetPorts = firestoreReminderPorts,
): Promise<{ ok: true; value: ReminderTarget } | { ok: false; reason: string }> {
  const { userId, createdBy } = reminder;
  const foreignAuthor = createdBy && createdBy !== userId ? createdBy : undefined;
  const authorRole = foreignAuthor ? await ports.roleOfAccount(foreignAuthor) : undefined;
  const authorIsPartnerOfUser =
    !!foreignAuthor && !!userId && authorRole === "partner"
      ? await ports.hasAssignedTask(foreignAuthor, userId)
      : false;
  const recipient = userId
    ? await ports.loadRecipient(userId, settings, reminder.channel)
    : undefined;
  const authority = reminderAuthority({
    userId,
    createdBy,
    authorRole,
    authorIsPartnerOfUser,
    toProfileNumber: recipient?.ok === true,
  });
  if (!authority.ok) return { ok: false, reason: authority.reason };
  const { sender, optOutExempt } = authority;
  if (recipient?.ok) {
    const { phone, email, language, timeZone } = recipient.value;
    const zone = resolveTimeZone([reminder.timezone], timeZone);
    return {
      ok: true,
      value: { phone, email, language, userId, timeZone: zone, sender, optOutExempt },
    };
  }
  const ownNumber = reminder.channel !== "email" && reminder.phone_number;
  if (recipient && (!ownNumber || authorRole !== "admin")) {
    return { ok: false, reason: recipient.reason };
  }
  if (!recipient && reminder.channel === "email") {
    return { ok: false, reason: "an email reminder needs a userId" };
  }
  return {
    ok: true,
    value: {
      phone: reminder.phone_number ?? "",
      language: toLanguage(settings.defaultLanguage, "en"),
      userId,
      timeZone: resolveTimeZone([reminder.timezone], settings.defaultTimeZone),
      sender,
      optOutExempt,
    },
  };
}

/** Marks a reminder failed with a reason, once (writing the same again would loop). */
async function markInvalid(
  change: ReminderChange,
  reason: string,
  ports: ReminderChangePorts,
): Promise<void> {
  logs.skippedDocument(`${COLLECTIONS.reminders}/${change.reminderId}`, reason);
  if (change.after?.status === "failed" && change.after?.errorMessage === reason) return;
  const fields: ReminderFields = { status: "failed", nextRunAt: null, errorMessage: reason };
  await ports.writeReminderFields(change.reminderId, fields, change.updateTime);
}

/**
 * Where a reminder's messages go and on what: an email reminder's confirmations go by email
 * too; the others' by SMS (a call or a WhatsApp template for each edit would be too much).
 */
export function reminderDestination(
  reminder: Pick<Reminder, "channel">,
  target: ReminderTarget,
): { to: string | undefined; channel: "email" } | { to: string; channel?: undefined } {
  return reminder.channel === "email"
    ? { to: target.email, channel: "email" }
    : { to: target.phone };
}

/** The confirmation of one write, telling the recipient when the reminder runs. */
async function confirmation(
  confirmationId: NonNullable<ReminderPlan["confirmation"]>,
  change: ReminderChange,
  about: { reminder: Reminder; target: ReminderTarget; nextRunAt: Date | null },
  ports: ReminderChangePorts,
  settings: Settings,
): Promise<NewMessage | undefined> {
  const { reminder, target, nextRunAt } = about;
  const template = await ports.loadTemplate(confirmationId, settings.templateCacheMs);
  if (!template) return undefined;
  const language = languageFor(template, target.language);
  const time = nextRunAt ? formatLocalDateTime(nextRunAt, target.timeZone, language) : "";
  return {
    id: reminderConfirmationId(confirmationId, change.reminderId, change.version),
    ...reminderDestination(reminder, target),
    ...compose(template, language, { title: reminder.title, time }),
    userId: target.userId,
    reminderId: change.reminderId,
    sender: target.sender,
    optOutExempt: target.optOutExempt,
    timeZone: target.timeZone,
  };
}

/** Handles one write of a reminder; safe to run twice. */
export async function handleReminderChange(
  change: ReminderChange,
  settings: Settings,
  now: Date,
  ports: ReminderChangePorts = firestoreReminderPorts,
): Promise<ReminderPlan> {
  if (!change.after) return {};
  const after = parseReminder(change.after);
  if (!after.ok) {
    await markInvalid(change, `The reminder is not valid: ${after.reason}`, ports);
    return {};
  }
  const before = change.before ? parseReminder(change.before) : null;
  const target = await reminderTarget(after.value, settings, ports);
  if (!target.ok) {
    await markInvalid(change, `The reminder cannot be sent: ${target.reason}`, ports);
    return {};
  }
  const plan = planReminderChange(
    before?.ok ? before.value : null,
    after.value,
    target.value.timeZone,
    now,
  );
  const nextRunAt = plan.fields ? plan.fields.nextRunAt : (nextRunAtOf(change.after) ?? null);
  const about = { reminder: after.value, target: target.value, nextRunAt };
  const message = plan.confirmation
    ? await confirmation(plan.confirmation, change, about, ports, settings)
    : undefined;
  if (!plan.fields && !message) return plan;
  // Fields are written only on top of this write (a newer one plans for itself); a
  // confirmation alone is not held back by a newer write.
  const lastUpdateTime = plan.fields ? change.updateTime : undefined;
  const applied = await ports.applyReminderPlan(
    change.reminderId,
    { fields: plan.fields, confirmation: message },
    lastUpdateTime,
    settings,
    now,
  );
  if (!applied) return {};
  return plan;
}
