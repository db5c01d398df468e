/**
 * Delivery receipts: Twilio's status callback moves a sent message to delivered, undelivered
 * or failed, in a transaction, and never out of a final status (callbacks arrive out of order
 * and more than once).
 */
import { Timestamp } from "firebase-admin/firestore";
import { messageIdWithProviderId, readMessage, transitionMessage } from "../../data/messages";
import { runTransaction } from "../../data/firestore";
import { canTransition } from "../../domain/messageStatus";
import { classifyTwilioError } from "../../messaging/twilio/errors";
import { statusFromTwilio } from "../../messaging/twilio/statuses";
import * as logs from "../../logs";

export interface StatusReport {
  /** Our id, from the callback URL; absent for messages sent before it was added. */
  messageId?: string;
  providerMessageId: string;
  providerStatus: string;
  errorCode?: string;
  price?: string;
  priceUnit?: string;
}

export type StatusCallbackResult = "updated" | "ignored" | "unknown-message";

async function findMessageId(report: StatusReport): Promise<string | undefined> {
  return report.messageId ?? messageIdWithProviderId(report.providerMessageId);
}

/** Applies one status callback; safe to receive twice or out of order. */
export async function applyStatusCallback(
  report: StatusReport,
  now: Date,
): Promise<StatusCallbackResult> {
  const next = statusFromTwilio(report.providerStatus);
  const messageId = await findMessageId(report);
  if (!messageId) return "unknown-message";
  if (!next) return "ignored";
  return runTransaction(async (tx) => {
    const current = await readMessage(tx, messageId);
    if (!current) return "unknown-message";
    if (current.providerMessageId && current.providerMessageId !== report.providerMessageId) {
      return "ignored";
    }
    if (!canTransition(current.status, next)) {
      logs.receiptIgnored(messageId, current.status, next);
      return "ignored";
    }
    const fields: Record<string, unknown> = { providerMessageId: report.providerMessageId };
    if (next === "delivered") fields.deliveredAt = Timestamp.fromDate(now);
    if (report.errorCode && (next === "undelivered" || next === "failed")) {
      const { code, message, userMessage } = classifyTwilioError({ code: report.errorCode });
      fields.error = { code, message, userMessage };
    }
    const price = report.price ? Math.abs(parseFloat(report.price)) : NaN;
    if (!isNaN(price)) {
      fields.price = price;
      fields.priceUnit = report.priceUnit ?? null;
    }
    transitionMessage(tx, messageId, current, next, fields);
    return "updated";
  });
}
