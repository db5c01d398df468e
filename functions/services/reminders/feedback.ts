/**
 * A reminder learns how its latest message ended, in the same transaction that records the
 * outcome: `lastSentAt`, or a plain-language `errorMessage`; a one-off reminder moves from
 * `sending` to `sent` or `failed`, a recurring one stays `scheduled` for its next occurrence.
 */
import { reminderRef } from "../../data/refs";
import { Timestamp, type DocumentSnapshot, type Transaction } from "firebase-admin/firestore";
import type { MessageRecord } from "../../data/messages";

/** Reads the message's reminder (transactions read before they write); null when none. */
export async function readReminder(
  tx: Transaction,
  record: MessageRecord,
): Promise<DocumentSnapshot | null> {
  if (!record.reminderId) return null;
  return tx.get(reminderRef(record.reminderId));
}

/** Writes the final outcome of `messageId` onto its reminder, if it is still the latest. */
export function recordReminderOutcome(
  tx: Transaction,
  reminder: DocumentSnapshot | null,
  messageId: string,
  outcome: { sentAt: Date } | { errorMessage: string },
): void {
  if (!reminder?.exists || reminder.get("lastMessageId") !== messageId) return;
  const sending = reminder.get("status") === "sending";
  if ("sentAt" in outcome) {
    tx.update(reminder.ref, {
      lastSentAt: Timestamp.fromDate(outcome.sentAt),
      errorMessage: null,
      ...(sending ? { status: "sent" } : {}),
    });
  } else {
    tx.update(reminder.ref, {
      errorMessage: outcome.errorMessage,
      ...(sending ? { status: "failed" } : {}),
    });
  }
}
