/**
 * Messages put through the real outbox for reconciliation and voice tests: a queued document
 * and its `sms_outbox_queue` marker (as the backend writes them for a job's message), which
 * make the outbox trigger send it through the stand-in Twilio.
 */
import { Timestamp } from "firebase-admin/firestore";
import { adminDb, waitForMessage } from "./emulators";

/** An outbox document as the backend writes it, queued for `to` on `channel`. */
export function queuedMessage(to: string, fields: Record<string, unknown> = {}) {
  const now = Timestamp.now();
  return {
    to,
    body: "Your tutor session starts at 5 PM.",
    channel: "sms",
    type: "manual",
    userId: null,
    taskId: null,
    reminderId: null,
    campaignId: null,
    templateId: null,
    createdBy: null,
    language: "en",
    status: "queued",
    sendAt: null,
    attempts: 0,
    nextAttemptAt: now,
    leaseExpiresAt: null,
    claimId: null,
    optOutExempt: false,
    deliveredInline: false,
    provider: null,
    providerMessageId: null,
    error: null,
    segments: 1,
    encoding: "GSM-7",
    price: null,
    priceUnit: null,
    createdAt: now,
    updatedAt: now,
    sentAt: null,
    deliveredAt: null,
    expireAt: Timestamp.fromMillis(Date.now() + 86_400_000),
    ...fields,
  };
}

/** A message Twilio accepted: its SID, when it was sent, and when reconciliation is due. */
export interface SentThroughTwilio {
  sid: string;
  sentAt: Date;
  reconcileAfter: Date;
}

/** Queues a message and waits until the outbox has sent it through the stand-in Twilio. */
export async function sendThroughTwilio(
  messageId: string,
  to: string,
  fields: Record<string, unknown> = {},
): Promise<SentThroughTwilio> {
  const db = adminDb();
  const batch = db.batch();
  batch.set(db.collection("sms_messages").doc(messageId), queuedMessage(to, fields));
  batch.set(db.collection("sms_outbox_queue").doc(messageId), {
    expireAt: Timestamp.fromMillis(Date.now() + 86_400_000),
  });
  await batch.commit();
  const sent = await waitForMessage(messageId, (m) => m.status === "sent");
  if (sent.provider !== "twilio") throw new Error(`${messageId} went through ${sent.provider}`);
  return {
    sid: String(sent.providerMessageId),
    sentAt: (sent.sentAt as Timestamp).toDate(),
    reconcileAfter: (sent.reconcileAfter as Timestamp).toDate(),
  };
}

/** The message document's data now. */
export async function messageData(messageId: string) {
  return (await adminDb().collection("sms_messages").doc(messageId).get()).data();
}
