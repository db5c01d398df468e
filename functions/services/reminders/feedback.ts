/**
 * A reminder learns how its latest message ended, in the same transaction that records the
 * outcome: `lastSentAt`, or a plain-language `errorMessage`; a one-off reminder moves from
 * `sending` to `sent` or `failed`, a recurring one stays `scheduled` for its next occurrence.
 */
import type { DeliveryMessage, DeliveryTransaction, ReminderState } from "../../data/delivery";

/** The reads and writes of a reminder's outcome, inside the outcome's transaction. */
export type ReminderOutcomeTransaction = Pick<
  DeliveryTransaction,
  "readReminder" | "updateReminder"
>;

/** A message's reminder as read in the transaction. */
export interface MessageReminder extends ReminderState {
  reminderId: string;
}

/** Reads the message's reminder (transactions read before they write); null when none. */
export async function readReminder(
  tx: ReminderOutcomeTransaction,
  record: Pick<DeliveryMessage, "reminderId">,
): Promise<MessageReminder | null> {
  if (!record.reminderId) return null;
  const reminder = await tx.readReminder(record.reminderId);
  return reminder ? { reminderId: record.reminderId, ...reminder } : null;
}

/** Writes the final outcome of `messageId` onto its reminder, if it is still the latest. */
export function recordReminderOutcome(
  tx: ReminderOutcomeTransaction,
  reminder: MessageReminder | null,
  messageId: string,
  outcome: { sentAt: Date } | { errorMessage: string },
): void {
  if (!reminder || reminder.lastMessageId !== messageId) return;
  const sending = reminder.status === "sending";
  if ("sentAt" in outcome) {
    tx.updateReminder(reminder.reminderId, {
      lastSentAt: outcome.sentAt,
      errorMessage: null,
      ...(sending ? { status: "sent" as const } : {}),
    });
  } else {
    tx.updateReminder(reminder.reminderId, {
      errorMessage: outcome.errorMessage,
      ...(sending ? { status: "failed" as const } : {}),
    });
  }
}
