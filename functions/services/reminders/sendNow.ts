/**
 * `sendReminderNow` (admin): delivers a reminder's next occurrence now, once, to test it.
 *
 * - Due (`nextRunAt` has come): the occurrence is dispatched exactly as the due-reminders job
 *   dispatches it (./dispatch: its occurrence id, its sender, the schedule moved on), so the
 *   job finds nothing left to send.
 * - Not due: one extra message for the next occurrence, composed as the occurrence will be,
 *   under its own id (`reminder-now_<reminderId>_<occurrence>`); the schedule is untouched and
 *   the occurrence itself still goes at its time. The admin caused this message, so it is
 *   charged to the admin's allowance, all or nothing like `sendSms` (past it: LimitError and
 *   nothing written), and it gets no opt-out exemption: a STOP holds against it.
 *
 * Asking twice for the same occurrence queues one message and answers with its status.
 */
import { runTransaction } from "../../data/firestore";
import { getMessage } from "../../data/messages";
import { readReminder } from "../../data/reminders";
import type { MessageStatus } from "../../domain/messageStatus";
import { occurrenceKey } from "../../domain/recurrence";
import { scheduledReminder, type ScheduledReminder } from "../../domain/upcomingRuns";
import type { TemplateDefinition } from "../../domain/templates";
import { LimitError, NotFoundError, PreconditionError, type Caller } from "../../errors";
import type { Settings } from "../../params";
import { stageMessages, type StagedMessage } from "../outbox/enqueue";
import { birthClaim } from "../outbox/born";
import { sendStaged } from "../outbox/inline";
import { reminderNowId, reminderOccurrenceId } from "../outbox/ids";
import { reminderTarget, type ReminderTarget } from "./changes";
import { dispatchReminder, firestoreDispatchPorts, occurrenceMessage } from "./dispatch";

export interface ReminderSentNow {
  reminderId: string;
  messageId: string;
  status: MessageStatus;
}

/**
 * The occurrence's own message, queued by the dispatch the job would have run (which also
 * marks the reminder failed when it cannot be sent, as the job would).
 */
async function dispatchDue(
  scheduled: ScheduledReminder,
  settings: Settings,
  now: Date,
): Promise<ReminderSentNow> {
  const { reminderId, reminder, nextRunAt } = scheduled;
  // Not dispatched by this call ("skipped") when a job run took the occurrence first: its
  // message is the answer all the same.
  await dispatchReminder(reminderId, settings, now, firestoreDispatchPorts);
  const target = await reminderTarget(reminder, settings, firestoreDispatchPorts);
  if (target.ok) {
    const key = occurrenceKey(nextRunAt, target.value.timeZone);
    const messageId = reminderOccurrenceId(reminderId, key);
    const message = await getMessage(messageId);
    if (message) return { reminderId, messageId, status: message.status };
  }
  const errorMessage: unknown = (await readReminder(reminderId))?.data.errorMessage;
  throw new PreconditionError(
    typeof errorMessage === "string" && errorMessage
      ? errorMessage
      : "The reminder changed while it was being sent; try again.",
  );
}

/** One extra message for the next occurrence, charged to the admin; the schedule stays. */
async function sendAhead(
  scheduled: ScheduledReminder,
  target: ReminderTarget,
  template: TemplateDefinition,
  caller: Caller,
  settings: Settings,
  now: Date,
): Promise<ReminderSentNow> {
  const { reminderId, reminder, nextRunAt } = scheduled;
  const messageId = reminderNowId(reminderId, occurrenceKey(nextRunAt, target.timeZone));
  const message = {
    ...occurrenceMessage(messageId, reminderId, reminder, target, template),
    sender: caller,
    optOutExempt: false,
  };
  // The existence check, the charge and the write share one transaction: a second call finds
  // the message and charges nothing; a call past the allowance writes nothing.
  const claim = await birthClaim(settings, now);
  const [staged] = await runTransaction(async (tx): Promise<StagedMessage[]> => {
    const stage = await stageMessages(tx, [message], settings, now, claim);
    const [item] = stage.messages;
    if (item.created && item.record.error?.code === "sender_limit") {
      throw new LimitError("This account has used its allowance of messages for this hour.");
    }
    stage.write();
    return stage.messages;
  });
  // Sent from this call (../outbox/born): the status is what the send came to; one queued by
  // an earlier call is read as it stands now.
  const [sent] = await sendStaged([staged], settings, now);
  const status = staged.created
    ? sent.status
    : ((await getMessage(messageId))?.status ?? staged.record.status);
  return { reminderId, messageId, status };
}

/**
 * Sends the reminder's next occurrence now. NotFoundError for an unknown reminder;
 * PreconditionError for one that will not run (completed, cancelled, invalid, failed) or
 * cannot be sent (no recipient, an author without the authority).
 */
export async function sendReminderNow(
  reminderId: string,
  caller: Caller,
  settings: Settings,
  now: Date,
): Promise<ReminderSentNow> {
  const stored = await readReminder(reminderId);
  if (!stored) throw new NotFoundError(`No reminder ${reminderId}.`);
  const parsed = scheduledReminder({ reminderId, ...stored });
  if (!parsed.ok) throw new PreconditionError(`The reminder will not run: ${parsed.reason}.`);
  const scheduled = parsed.value;
  if (scheduled.nextRunAt <= now) return dispatchDue(scheduled, settings, now);
  const [target, template] = await Promise.all([
    reminderTarget(scheduled.reminder, settings, firestoreDispatchPorts),
    firestoreDispatchPorts.loadTemplate("reminder"),
  ]);
  if (!target.ok) {
    throw new PreconditionError(`The reminder cannot be sent: ${target.reason}.`);
  }
  if (!template) throw new PreconditionError("The reminder cannot be sent: no reminder template.");
  return sendAhead(scheduled, target.value, template, caller, settings, now);
}
