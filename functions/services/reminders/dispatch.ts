/**
 * Due reminders: every minute, each reminder whose `nextRunAt` has come is claimed in a
 * transaction that queues its message (one id per occurrence) and moves the reminder on (next
 * occurrence, or `sending`). Two overlapping runs cannot send an occurrence twice.
 */
import { Timestamp, type Transaction } from "firebase-admin/firestore";
import { db } from "../../data/firestore";
import { remindersCollection } from "../../data/refs";
import { loadTemplate } from "../../data/templates";
import { toInstant } from "../../domain/clientDocs";
import { nextOccurrence, occurrenceKey } from "../../domain/recurrence";
import { parseReminder } from "../../domain/reminders";
import { compose } from "../outbox/compose";
import type { Settings } from "../../params";
import { logStaged, stageMessages, type NewMessage } from "../outbox/enqueue";
import { reminderOccurrenceId } from "../outbox/ids";
import { reminderTarget } from "./changes";
import * as logs from "../../logs";

const PAGE_SIZE = 100;
const MAX_PAGES = 20;

export interface DispatchReport {
  dispatched: number;
  failed: number;
  skipped: number;
}

/** Queues the due occurrence of one reminder and schedules the next. */
export async function dispatchReminder(
  reminderId: string,
  settings: Settings,
  now: Date,
): Promise<"dispatched" | "failed" | "skipped"> {
  const ref = remindersCollection().doc(reminderId);
  const snapshot = await ref.get();
  const parsed = parseReminder(snapshot.data());
  const dueAt = (snapshot.get("nextRunAt") as Timestamp | null | undefined)?.toDate();
  if (!parsed.ok || snapshot.get("status") !== "scheduled" || !dueAt || dueAt > now) {
    return "skipped";
  }
  const reminder = parsed.value;
  const target = await reminderTarget(reminder, settings);
  const template = await loadTemplate("reminder");
  if (!target.ok || !template) {
    const reason = target.ok ? "no reminder template" : target.reason;
    await ref.update({
      status: "failed",
      nextRunAt: null,
      errorMessage: `The reminder cannot be sent: ${reason}`,
    });
    return "failed";
  }
  const { timeZone } = target.value;
  const messageId = reminderOccurrenceId(reminderId, occurrenceKey(dueAt, timeZone));
  const message: NewMessage = {
    id: messageId,
    to: target.value.phone,
    ...compose(template, target.value.language, { message: reminder.message }),
    channel: reminder.channel,
    userId: target.value.userId,
    taskId: reminder.taskId,
    reminderId,
    sender: target.value.sender,
    optOutExempt: target.value.optOutExempt,
    timeZone,
  };
  // Occurrences missed while nothing ran are skipped, not sent in a burst.
  const first = toInstant(reminder.scheduledTime, timeZone);
  const following = nextOccurrence(first, reminder.recurrence, timeZone, dueAt > now ? dueAt : now);

  const outcome = await db().runTransaction(async (tx: Transaction) => {
    const current = await tx.get(ref);
    const staged = await stageMessages(tx, [message], settings, now);
    const stillDue =
      current.get("status") === "scheduled" &&
      (current.get("nextRunAt") as Timestamp | null)?.toMillis() === dueAt.getTime();
    if (!stillDue) return { result: "skipped" as const };
    staged.write();
    const { record } = staged.messages[0];
    const invalid = record.status === "failed";
    tx.update(ref, {
      status: invalid ? "failed" : following ? "scheduled" : "sending",
      nextRunAt: following && !invalid ? Timestamp.fromDate(following) : null,
      lastMessageId: messageId,
      errorMessage: invalid ? (record.error?.userMessage ?? null) : null,
    });
    return { result: invalid ? ("failed" as const) : ("dispatched" as const), staged };
  });
  if (outcome.staged) logStaged(outcome.staged.messages);
  return outcome.result;
}

/** Dispatches every reminder due at `now`, oldest first. */
export async function dispatchDueReminders(settings: Settings, now: Date): Promise<DispatchReport> {
  const report: DispatchReport = { dispatched: 0, failed: 0, skipped: 0 };
  const seen = new Set<string>();
  for (let page = 0; page < MAX_PAGES; page++) {
    const due = await remindersCollection()
      .where("status", "==", "scheduled")
      .where("nextRunAt", "<=", Timestamp.fromDate(now))
      .orderBy("nextRunAt")
      .limit(PAGE_SIZE)
      .get();
    const fresh = due.docs.filter((doc) => !seen.has(doc.id));
    for (const doc of fresh) {
      seen.add(doc.id);
      try {
        report[await dispatchReminder(doc.id, settings, now)]++;
      } catch (error) {
        logs.deliveryError(`reminders/${doc.id}`, error);
      }
    }
    if (due.size < PAGE_SIZE || fresh.length === 0) break;
  }
  return report;
}
