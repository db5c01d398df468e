/**
 * Delivery receipts: Twilio's status callback moves a sent message to delivered, undelivered
 * or failed, in a transaction, and never out of a final status (callbacks arrive out of order
 * and more than once).
 */
import { Timestamp } from "firebase-admin/firestore";
import {
  messageRef,
  messagesCollection,
  transitionMessage,
  type MessageRecord,
} from "../../data/messages";
import { db } from "../../data/firestore";
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
  if (report.messageId) return report.messageId;
  const match = await messagesCollection()
    .where("providerMessageId", "==", report.providerMessageId)
    .limit(1)
    .get();
  return match.docs[0]?.id;
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
  return db().runTransaction(async (tx) => {
    const ref = messageRef(messageId);
    const current = (await tx.get(ref)).data() as MessageRecord | undefined;
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
