/**
 * A client app wrote a `reminders` document: schedule it (status, nextRunAt), and confirm to
 * the recipient (reminder_created / reminder_updated / reminder_completed). The backend's own
 * writes to a reminder change only its fields, which plan nothing, so they cause no message.
 */
import { reminderRef } from "../../data/refs";
import { Timestamp } from "firebase-admin/firestore";
import { COLLECTIONS, isFailedPrecondition } from "../../data/firestore";
import { loadTemplate } from "../../data/templates";
import { formatLocalDateTime, resolveTimeZone } from "../../domain/localTime";
import { reminderAuthority } from "../../domain/authority";
import type { Sender } from "../../domain/allowance";
import {
  parseReminder,
  planReminderChange,
  type Reminder,
  type ReminderPlan,
} from "../../domain/reminders";
import { toLanguage, type Language } from "../../domain/templates";
import { compose, languageFor } from "../outbox/compose";
import type { Settings } from "../../params";
import { enqueueMessage } from "../outbox/enqueue";
import { reminderConfirmationId } from "../outbox/ids";
import { hasAssignedTask, roleOfAccount } from "../users/authority";
import { loadRecipient } from "../recipients/lookup";
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

/** Where a reminder goes: its user's number, language and zone, or its own phone number. */
export interface ReminderTarget {
  phone: string;
  language: Language;
  timeZone: string;
  userId?: string;
  /** Who is charged, and whether opt-outs are overridden (see domain/authority). */
  sender?: Sender;
  optOutExempt: boolean;
}

/**
 * The recipient of a reminder and the authority it is sent under, or the reason it may not be
 * sent. The author's role and partner link are read here, so a reminder written before the
 * rules changed cannot claim what its author may not do. Only an admin's reminder may fall
 * back to its own `phone_number` when its user has none.
 */
export async function reminderTarget(
  reminder: Reminder,
  settings: Settings,
): Promise<{ ok: true; value: ReminderTarget } | { ok: false; reason: string }> {
  const { userId, createdBy } = reminder;
  const foreignAuthor = createdBy && createdBy !== userId ? createdBy : undefined;
  const authorRole = foreignAuthor ? await roleOfAccount(foreignAuthor) : undefined;
  const authorIsPartnerOfUser =
    !!foreignAuthor && !!userId && authorRole === "partner"
      ? await hasAssignedTask(foreignAuthor, userId)
      : false;
  const recipient = userId ? await loadRecipient(userId, settings) : undefined;
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
    const { phone, language, timeZone } = recipient.value;
    const zone = resolveTimeZone([reminder.timezone], timeZone);
    return { ok: true, value: { phone, language, userId, timeZone: zone, sender, optOutExempt } };
  }
  if (recipient && (!reminder.phone_number || authorRole !== "admin")) {
    return { ok: false, reason: recipient.reason };
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

/** Writes backend fields, unless the client has written the reminder again since. */
async function writeFields(
  change: ReminderChange,
  fields: Record<string, unknown>,
): Promise<boolean> {
  const ref = reminderRef(change.reminderId);
  try {
    if (change.updateTime) await ref.update(fields, { lastUpdateTime: change.updateTime });
    else await ref.update(fields);
    return true;
  } catch (error) {
    // A newer write exists: its own trigger run plans from it.
    if (isFailedPrecondition(error)) return false;
    throw error;
  }
}

/** Marks a reminder failed with a reason, once (writing the same again would loop). */
async function markInvalid(change: ReminderChange, reason: string): Promise<void> {
  logs.skippedDocument(`${COLLECTIONS.reminders}/${change.reminderId}`, reason);
  if (change.after?.status === "failed" && change.after?.errorMessage === reason) return;
  await writeFields(change, { status: "failed", nextRunAt: null, errorMessage: reason });
}

async function confirm(
  plan: Required<Pick<ReminderPlan, "confirmation">>,
  change: ReminderChange,
  reminder: Reminder,
  target: ReminderTarget,
  nextRunAt: Date | null,
  settings: Settings,
  now: Date,
): Promise<void> {
  const template = await loadTemplate(plan.confirmation);
  if (!template) return;
  const language = languageFor(template, target.language);
  const time = nextRunAt ? formatLocalDateTime(nextRunAt, target.timeZone, language) : "";
  await enqueueMessage(
    {
      id: reminderConfirmationId(plan.confirmation, change.reminderId, change.version),
      to: target.phone,
      ...compose(template, language, { title: reminder.title, time }),
      userId: target.userId,
      reminderId: change.reminderId,
      sender: target.sender,
      optOutExempt: target.optOutExempt,
      timeZone: target.timeZone,
    },
    settings,
    now,
  );
}

/** Handles one write of a reminder; safe to run twice. */
export async function handleReminderChange(
  change: ReminderChange,
  settings: Settings,
  now: Date,
): Promise<ReminderPlan> {
  if (!change.after) return {};
  const after = parseReminder(change.after);
  if (!after.ok) {
    await markInvalid(change, `The reminder is not valid: ${after.reason}`);
    return {};
  }
  const before = change.before ? parseReminder(change.before) : null;
  const target = await reminderTarget(after.value, settings);
  if (!target.ok) {
    await markInvalid(change, `The reminder cannot be sent: ${target.reason}`);
    return {};
  }
  const plan = planReminderChange(
    before?.ok ? before.value : null,
    after.value,
    target.value.timeZone,
    now,
  );
  if (plan.fields) {
    const { status, nextRunAt, errorMessage } = plan.fields;
    const written = await writeFields(change, {
      status,
      errorMessage,
      nextRunAt: nextRunAt ? Timestamp.fromDate(nextRunAt) : null,
    });
    if (!written) return {};
  }
  if (plan.confirmation) {
    const scheduled = change.after.nextRunAt as Timestamp | null | undefined;
    const nextRunAt = plan.fields ? plan.fields.nextRunAt : (scheduled?.toDate() ?? null);
    await confirm(
      { confirmation: plan.confirmation },
      change,
      after.value,
      target.value,
      nextRunAt,
      settings,
      now,
    );
  }
  return plan;
}
