/**
 * Due reminders: every minute, each reminder whose `nextRunAt` has come is claimed in a
 * transaction that queues its message (one id per occurrence) and moves the reminder on (next
 * occurrence, or `sending`). Two overlapping runs cannot send an occurrence twice.
 */
import type { MessageRecord } from "../../data/messages";
import {
  dueReminderIds,
  readReminder,
  updateIfStillDue,
  writeReminderFields,
  type ReminderDispatchFields,
  type ReminderFields,
  type StoredReminder,
} from "../../data/reminders";
import { loadTemplate } from "../../data/templates";
import { toInstant } from "../../domain/clientDocs";
import { nextOccurrence, occurrenceKey } from "../../domain/recurrence";
import { parseReminder, type Reminder } from "../../domain/reminders";
import type { TemplateDefinition } from "../../domain/templates";
import { compose } from "../outbox/compose";
import type { Settings } from "../../params";
import { stageMessages, type NewMessage, type StagedMessage } from "../outbox/enqueue";
import { birthClaim } from "../outbox/born";
import { sendStaged } from "../outbox/inline";
import { reminderOccurrenceId } from "../outbox/ids";
import {
  firestoreReminderPorts,
  reminderDestination,
  reminderTarget,
  type ReminderTarget,
  type ReminderTargetPorts,
} from "./changes";
import * as logs from "../../logs";

const PAGE_SIZE = 100;
const MAX_PAGES = 20;

export interface DispatchReport {
  dispatched: number;
  failed: number;
  skipped: number;
}

/** One due occurrence to queue, and how the reminder moves on once its message is recorded. */
export interface Occurrence {
  reminderId: string;
  dueAt: Date;
  message: NewMessage;
  advance(record: MessageRecord): ReminderDispatchFields;
}

/** What dispatching reminders depends on. */
export interface DispatchPorts extends ReminderTargetPorts {
  loadTemplate(templateId: string): Promise<TemplateDefinition | undefined>;
  /** Up to `limit` ids of reminders scheduled at or before `now`, oldest first. */
  dueReminderIds(now: Date, limit: number): Promise<string[]>;
  readReminder(reminderId: string): Promise<StoredReminder | undefined>;
  writeReminderFields(reminderId: string, fields: ReminderFields): Promise<boolean>;
  /**
   * Atomically, when the reminder is still scheduled at `dueAt`: queues the message (a known
   * id is left as it is) and writes `advance` of its record. Undefined when no longer due.
   */
  queueOccurrence(
    occurrence: Occurrence,
    settings: Settings,
    now: Date,
  ): Promise<StagedMessage | undefined>;
}

/** The outbox's staging inside the reminder's own transaction. */
async function queueOccurrence(
  { reminderId, dueAt, message, advance }: Occurrence,
  settings: Settings,
  now: Date,
): Promise<StagedMessage | undefined> {
  const claim = await birthClaim(settings, now);
  const queued = await updateIfStillDue(reminderId, dueAt, async (tx) => {
    const staged = await stageMessages(tx, [message], settings, now, claim);
    staged.write();
    return { fields: advance(staged.messages[0].record), value: staged.messages };
  });
  // Sent from this invocation: born claimed when the policy allows (../outbox/born).
  if (queued) await sendStaged(queued, settings, now);
  return queued?.[0];
}

/** Firestore, Firebase Auth and the outbox: what production runs on. */
export const firestoreDispatchPorts: DispatchPorts = {
  ...firestoreReminderPorts,
  loadTemplate,
  dueReminderIds,
  readReminder,
  writeReminderFields,
  queueOccurrence,
};

/**
 * The message of one occurrence of a reminder, under `id`: its text in the recipient's
 * language, on its channel, to its target, charged and exempted as its authority says.
 */
export function occurrenceMessage(
  id: string,
  reminderId: string,
  reminder: Reminder,
  target: ReminderTarget,
  template: TemplateDefinition,
): NewMessage {
  return {
    id,
    ...compose(template, target.language, { message: reminder.message }),
    to: reminderDestination(reminder, target).to,
    channel: reminder.channel,
    userId: target.userId,
    taskId: reminder.taskId,
    reminderId,
    sender: target.sender,
    optOutExempt: target.optOutExempt,
    timeZone: target.timeZone,
  };
}

/** Queues the due occurrence of one reminder and schedules the next. */
export async function dispatchReminder(
  reminderId: string,
  settings: Settings,
  now: Date,
  ports: DispatchPorts = firestoreDispatchPorts,
): Promise<"dispatched" | "failed" | "skipped"> {
  const stored = await ports.readReminder(reminderId);
  const parsed = parseReminder(stored?.data);
  const dueAt = stored?.nextRunAt;
  if (!parsed.ok || stored?.status !== "scheduled" || !dueAt || dueAt > now) {
    return "skipped";
  }
  const reminder = parsed.value;
  const target = await reminderTarget(reminder, settings, ports);
  const template = await ports.loadTemplate("reminder");
  if (!target.ok || !template) {
    const reason = target.ok ? "no reminder template" : target.reason;
    await ports.writeReminderFields(reminderId, {
      status: "failed",
      nextRunAt: null,
      errorMessage: `The reminder cannot be sent: ${reason}`,
    });
    return "failed";
  }
  const { timeZone } = target.value;
  const messageId = reminderOccurrenceId(reminderId, occurrenceKey(dueAt, timeZone));
  const message = occurrenceMessage(messageId, reminderId, reminder, target.value, template);
  // Occurrences missed while nothing ran are skipped, not sent in a burst.
  const first = toInstant(reminder.scheduledTime, timeZone);
  const following = nextOccurrence(first, reminder.recurrence, timeZone, dueAt > now ? dueAt : now);
  const advance = (record: MessageRecord): ReminderDispatchFields => {
    const invalid = record.status === "failed";
    return {
      status: invalid ? "failed" : following ? "scheduled" : "sending",
      nextRunAt: following && !invalid ? following : null,
      lastMessageId: messageId,
      errorMessage: invalid ? (record.error?.userMessage ?? null) : null,
    };
  };
  const queued = await ports.queueOccurrence(
    { reminderId, dueAt, message, advance },
    settings,
    now,
  );
  if (!queued) return "skipped";
  return queued.record.status === "failed" ? "failed" : "dispatched";
}

/** Dispatches every reminder due at `now`, oldest first. */
export async function dispatchDueReminders(
  settings: Settings,
  now: Date,
  ports: DispatchPorts = firestoreDispatchPorts,
): Promise<DispatchReport> {
  const report: DispatchReport = { dispatched: 0, failed: 0, skipped: 0 };
  const seen = new Set<string>();
  for (let page = 0; page < MAX_PAGES; page++) {
    const due = await ports.dueReminderIds(now, PAGE_SIZE);
    const fresh = due.filter((reminderId) => !seen.has(reminderId));
    for (const reminderId of fresh) {
      seen.add(reminderId);
      try {
        report[await dispatchReminder(reminderId, settings, now, ports)]++;
      } catch (error) {
        logs.deliveryError(`reminders/${reminderId}`, error);
      }
    }
    if (due.length < PAGE_SIZE || fresh.length === 0) break;
  }
  return report;
}
