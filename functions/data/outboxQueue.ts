/**
 * `sms_outbox_queue/{messageId}`: the marker whose creation runs the outbox trigger
 * (triggers/outbox). It is written with a message, in the same write, only when the message
 * is due now and its writer will not send it itself (a scheduled job's); a message sent where
 * it is born has none, so no second function runs for it.
 */
import { Timestamp, type DocumentReference } from "firebase-admin/firestore";
import { COLLECTIONS, db } from "./firestore";
import type { MessageRecord } from "./messages";

/** How long a marker is kept; its work is done within seconds. */
const MARKER_TTL_MS = 86_400_000;

/** A marker to write beside a new message. */
export interface OutboxQueueMarker {
  ref: DocumentReference;
  data: { expireAt: Timestamp };
}

/**
 * Whether a new message needs a marker: queued (due now) and not `deliveredInline`. Scheduled
 * and deferred messages are the sweep's; failed and suppressed ones need nothing.
 */
export function needsOutboxQueue(record: Pick<MessageRecord, "status" | "deliveredInline">) {
  return record.status === "queued" && !record.deliveredInline;
}

/** The marker a new message needs (see `needsOutboxQueue`), or undefined. */
export function outboxQueueMarker(
  messageId: string,
  record: MessageRecord,
): OutboxQueueMarker | undefined {
  if (!needsOutboxQueue(record)) return undefined;
  return {
    ref: db().collection(COLLECTIONS.outboxQueue).doc(messageId),
    data: { expireAt: Timestamp.fromMillis(record.createdAt.toMillis() + MARKER_TTL_MS) },
  };
}
