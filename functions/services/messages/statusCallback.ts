/**
 * Delivery receipts: Twilio's status callback moves a sent message (or call) to delivered,
 * undelivered or failed, in a transaction, and never out of a final status (callbacks arrive out
 * of order and more than once). A price it carries is recorded even on a final message. The
 * message's reminder learns the outcome in the same transaction.
 */
import { firestoreReceiptStore, type ReceiptChanges, type ReceiptStore } from "../../data/receipts";
import { firstCheckAt, isSettled, receiptEffect } from "../../domain/reconciliation";
import { receiptFromTwilio } from "../../messaging/twilio/statuses";
import * as logs from "../../logs";
import { recordReceipt } from "./receipts";

export interface StatusReport {
  /** Our id, from the callback URL; absent for messages sent before it was added. */
  messageId?: string;
  /** A message's callback (MessageSid, MessageStatus) or a call's (CallSid, CallStatus). */
  kind: "message" | "call";
  providerMessageId: string;
  providerStatus: string;
  errorCode?: string;
  price?: string;
  priceUnit?: string;
  /** A call's CallDuration, in seconds. */
  duration?: string;
}

export type StatusCallbackResult = "updated" | "ignored" | "unknown-message";

/** Applies one status callback; safe to receive twice or out of order. */
export async function applyStatusCallback(
  report: StatusReport,
  now: Date,
  store: ReceiptStore = firestoreReceiptStore(),
): Promise<StatusCallbackResult> {
  const sid = report.providerMessageId;
  const receipt = receiptFromTwilio({
    kind: report.kind,
    status: report.providerStatus,
    errorCode: report.errorCode,
    price: report.price,
    priceUnit: report.priceUnit,
    duration: report.duration,
  });
  const messageId = report.messageId ?? (await store.messageIdWithProviderId(sid));
  if (!messageId) return "unknown-message";
  // In flight (queued, ringing, in-progress): nothing the outbox does not know.
  if (!receipt.status && receipt.price === undefined) return "ignored";
  return store.runTransaction(async (tx) => {
    const current = await tx.readMessage(messageId);
    if (!current) return "unknown-message";
    if (current.providerMessageId && current.providerMessageId !== sid) return "ignored";
    const { to, fields } = receiptEffect(current, receipt, now);
    if (!to && receipt.status && receipt.status !== current.status) {
      logs.receiptIgnored(messageId, current.status, receipt.status);
    }
    if (!to && Object.keys(fields).length === 0) return "ignored";
    const changes: ReceiptChanges = { ...fields, providerMessageId: sid };
    // Twilio sent what our own send has not recorded (yet, or ever: it crashed): check it too.
    if (to === "sent") changes.reconcileAfter = firstCheckAt(now);
    // Settled by this callback: the reconciliation job has nothing left to ask.
    if (current.reconcileAfter && isSettled(to ?? current.status, fields.price ?? current.price)) {
      changes.reconcileAfter = null;
    }
    await recordReceipt(tx, messageId, current, to, changes, now);
    return "updated";
  });
}
