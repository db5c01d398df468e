/**
 * Recording a provider's receipt on a message, shared by the status callback and
 * reconciliation: the message's status and fields, and, when the message reaches a final
 * status, its reminder's outcome in the same transaction (services/reminders/feedback).
 */
import type { ReceiptChanges, ReceiptMessage, ReceiptTransaction } from "../../data/receipts";
import { isFinal, type MessageStatus } from "../../domain/messageStatus";
import { USER_MESSAGES } from "../../domain/providerErrors";
import { readReminder, recordReminderOutcome } from "../reminders/feedback";

/**
 * Inside `tx`, after reading `current`: writes the receipt (a move to `to` when given) and, for
 * a final status, the reminder's outcome: a delivered message (an answered call) counts as
 * sent, an undelivered or failed one leaves the reason in the reminder's `errorMessage`.
 */
export async function recordReceipt(
  tx: ReceiptTransaction,
  messageId: string,
  current: ReceiptMessage,
  to: MessageStatus | undefined,
  changes: ReceiptChanges,
  now: Date,
): Promise<void> {
  const final = to !== undefined && isFinal(to);
  // Transactions read before they write.
  const reminder = final ? await readReminder(tx, current) : null;
  tx.updateMessage(messageId, current, to, changes);
  if (!final || !reminder) return;
  if (to === "delivered") {
    recordReminderOutcome(tx, reminder, messageId, { sentAt: current.sentAt ?? now });
  } else {
    const errorMessage = changes.error?.userMessage ?? USER_MESSAGES.unknownDelivery;
    recordReminderOutcome(tx, reminder, messageId, { errorMessage });
  }
}
