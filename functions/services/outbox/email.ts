/**
 * Email messages (docs/contract.md §2, `channel: "email"`): no provider carries them. The claim
 * hands one to the Trigger Email extension by writing `mail/{messageId}` in the same
 * transaction that moves the message to `sending` (with no lease: the extension, not a worker,
 * holds it now), so a redelivered trigger or the sweep never writes a second mail. The message
 * then follows what the extension writes back in `delivery` (see {@link recordMailDelivery}).
 * Email is not held by SMS quiet hours, has no segments, and ignores SMS opt-outs; it honours
 * the user's `email_notifications_enabled: false`.
 */
import type { DeliveryMessage, DeliveryStore, DeliveryTransaction } from "../../data/delivery";
import { parseUser } from "../../domain/clientDocs";
import { readMailDelivery, renderEmail } from "../../domain/email";
import { readReminder, recordReminderOutcome } from "../reminders/feedback";
import * as logs from "../../logs";

export const EMAIL_DISABLED = {
  code: "email_disabled",
  message: "The recipient has email_notifications_enabled: false",
  userMessage: "This user has turned off email notifications.",
} as const;

export type EmailHandOff = "handed-off" | "suppressed";

/** Inside the claim's transaction: hands the due email message over, or suppresses it. */
export async function handOffEmail(
  tx: DeliveryTransaction,
  messageId: string,
  record: DeliveryMessage,
): Promise<EmailHandOff> {
  const user = record.userId ? await tx.readUser(record.userId) : undefined;
  const parsed = user ? parseUser(user) : undefined;
  if (parsed?.ok && !parsed.value.email_notifications_enabled) {
    const reminder = await readReminder(tx, record);
    tx.transitionMessage(messageId, record, "suppressed", {
      nextAttemptAt: null,
      error: { ...EMAIL_DISABLED },
    });
    recordReminderOutcome(tx, reminder, messageId, { errorMessage: EMAIL_DISABLED.userMessage });
    logs.messageSuppressed(messageId, EMAIL_DISABLED.code);
    return "suppressed";
  }
  tx.writeMail(messageId, { to: record.to, message: renderEmail(record), messageId });
  tx.transitionMessage(messageId, record, "sending", {
    attempts: (record.attempts ?? 0) + 1,
    claimId: null,
    leaseExpiresAt: null,
    nextAttemptAt: null,
    provider: "email",
    providerMessageId: messageId,
  });
  logs.emailHandedOff(messageId);
  return "handed-off";
}

export type MailOutcome = "pending" | "sent" | "failed" | "not-ours";

/**
 * Records what the extension wrote in `mail/{mailId}.delivery`: `SUCCESS` → `sent`, `ERROR` →
 * `failed` with its error, and the reminder's outcome with it. Other states, other mail, and a
 * message already past `sending` change nothing, so a redelivered event is harmless.
 */
export async function recordMailDelivery(
  mailId: string,
  mail: Record<string, unknown> | undefined,
  store: DeliveryStore,
  now: Date,
): Promise<MailOutcome> {
  if (mail?.messageId !== mailId) return "not-ours";
  const delivery = readMailDelivery(mail.delivery);
  if (delivery.state === "pending") return "pending";
  return store.runTransaction(async (tx) => {
    const current = await tx.readMessage(mailId);
    if (current?.channel !== "email" || current.status !== "sending") return "not-ours";
    const reminder = await readReminder(tx, current);
    if (delivery.state === "sent") {
      const sentAt = delivery.at ?? now;
      tx.transitionMessage(mailId, current, "sent", { sentAt, error: null });
      recordReminderOutcome(tx, reminder, mailId, { sentAt });
      logs.messageSent(mailId, "email", mailId, current.to);
      return "sent";
    }
    const error = {
      code: "email_failed",
      message: `Trigger Email: ${delivery.error}`,
      userMessage: "The email could not be delivered.",
    };
    tx.transitionMessage(mailId, current, "failed", { error });
    recordReminderOutcome(tx, reminder, mailId, { errorMessage: error.userMessage });
    logs.messageFailed(mailId, error.code, error.message);
    return "failed";
  });
}
