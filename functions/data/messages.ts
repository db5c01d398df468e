/**
 * The outbox (`sms_messages`): every SMS, WhatsApp message and call is a document here, and its
 * delivery state changes only in transactions (STYLE principle 5).
 */
import {
  FieldValue,
  Timestamp,
  type DocumentReference,
  type Query,
  type Transaction,
} from "firebase-admin/firestore";
import { backendConverter, COLLECTIONS, db, getAll, isAlreadyExists, readDoc } from "./firestore";
import type { MessageChannel, ProviderName } from "../messaging/provider";
import { assertTransition, type MessageStatus } from "../domain/messageStatus";
import type { Language, MessageType } from "../domain/templates";
import type { Encoding } from "../domain/segments";
import { redactedBody } from "../domain/sensitive";
import { firstCheckAt } from "../domain/reconciliation";
import { outboxQueueMarker } from "./outboxQueue";

/** `error` on a message: what went wrong, for engineers (`message`) and for people (`userMessage`). */
export interface MessageError {
  code: string;
  message: string;
  userMessage: string;
}

/** A message document as the backend writes it (docs/contract.md §2). Absent values are null. */
export interface MessageRecord {
  to: string;
  body: string;
  channel: MessageChannel;
  type: MessageType;
  userId: string | null;
  taskId: string | null;
  reminderId: string | null;
  campaignId: string | null;
  templateId: string | null;
  /**
   * The id of the template's A/B variant the message was rendered from; absent when its
   * template has no variants (and on messages queued before variants existed).
   */
  variant?: string;
  /** The account that sent it through a callable (manual, bulk, campaign); null for automatic. */
  createdBy: string | null;
  language: Language;
  status: MessageStatus;
  sendAt: Timestamp | null;
  attempts: number;
  nextAttemptAt: Timestamp | null;
  /** When a claim lapses; a sweep re-queues a message still `sending` after it. */
  leaseExpiresAt: Timestamp | null;
  /** Identifies the claim, so only the worker that claimed a message records its outcome. */
  claimId: string | null;
  /** Sent even to an opted-out recipient: a reminder they set themselves, a HELP answer. */
  optOutExempt: boolean;
  /**
   * The writer delivers it (every path that claims at birth, services/outbox/born), so it gets
   * no `sms_outbox_queue` marker and the outbox trigger never runs for it; the sweep still takes
   * it if the writer stopped before delivering.
   */
  deliveredInline: boolean;
  /** `email`: handed to the Trigger Email extension (its `mail` document has the message id). */
  provider: ProviderName | "email" | null;
  providerMessageId: string | null;
  error: MessageError | null;
  segments: number;
  encoding: Encoding;
  price: number | null;
  priceUnit: string | null;
  /** `price` is an SMS_PRICE_TABLE estimate (SNS reports none); absent on reported prices. */
  priceEstimated?: true;
  /** ISO code of the number's country (costs by country); null for email or a bad number. */
  country?: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  sentAt: Timestamp | null;
  deliveredAt: Timestamp | null;
  expireAt: Timestamp;
  /**
   * When reconciliation (services/messages/reconcile) next asks the provider about it: set when
   * Twilio accepts it, removed once its status is final and its price known, or after 72 h. Only
   * messages that still need work carry it, so the job's query touches nothing else.
   */
  reconcileAfter?: Timestamp;
  /** Closed after 72 h still `sent`: the provider never said whether it arrived. */
  deliveryUnknown?: boolean;
  /** Seconds a call lasted (voice), as the provider reports it. */
  duration?: number;
}

/** The messages collection, typed. */
export function messagesCollection() {
  return db().collection(COLLECTIONS.messages).withConverter(backendConverter<MessageRecord>());
}

/** A message document reference. */
export function messageRef(messageId: string): DocumentReference<MessageRecord> {
  return messagesCollection().doc(messageId);
}

/** The message as it is now, inside `tx`; undefined when there is none. */
export async function readMessage(
  tx: Transaction,
  messageId: string,
): Promise<MessageRecord | undefined> {
  return (await tx.get(messageRef(messageId))).data();
}

/** The message as it is now, outside a transaction; undefined when there is none. */
export async function getMessage(messageId: string): Promise<MessageRecord | undefined> {
  return (await readDoc(messageRef(messageId))).data();
}

/** Whether these messages exist, in order, in one read (inside `tx` when given). */
export async function messagesExist(
  messageIds: readonly string[],
  tx?: Transaction,
): Promise<boolean[]> {
  if (messageIds.length === 0) return [];
  const refs = messageIds.map(messageRef);
  const snapshots = tx ? await tx.getAll(...refs) : await getAll(refs);
  return snapshots.map((snapshot) => snapshot.exists);
}

/**
 * Creates a message under its deterministic id, with its outbox-queue marker when it needs
 * one, in one batch. Returns false when it already exists: the notification was queued before
 * (a redelivered trigger, an overlapping job run).
 */
export async function createMessage(messageId: string, record: MessageRecord): Promise<boolean> {
  const batch = db().batch();
  batch.create(messageRef(messageId), record);
  const marker = outboxQueueMarker(messageId, record);
  if (marker) batch.create(marker.ref, marker.data);
  try {
    await batch.commit();
    return true;
  } catch (error) {
    if (isAlreadyExists(error)) return false;
    throw error;
  }
}

/** Inside `tx`: creates a message the transaction found missing (with its marker, if due). */
export function createMessageIn(tx: Transaction, messageId: string, record: MessageRecord): void {
  tx.create(messageRef(messageId), record);
  const marker = outboxQueueMarker(messageId, record);
  if (marker) tx.set(marker.ref, marker.data);
}

/**
 * The fields of a status change of `message`, checked against the status machine: stamps
 * `updatedAt`, and blanks the body of a sensitive message (a sign-in code) once it is final.
 * Staying `deferred` or `scheduled` with a new time is a re-deferral, not a move.
 *
 * @throws InvalidTransitionError when the machine does not allow the move.
 */
export function transitionFields(
  message: Pick<MessageRecord, "status" | "type">,
  to: MessageStatus,
  fields: Partial<Record<keyof MessageRecord, unknown>> = {},
): Record<string, unknown> {
  const redeferral = message.status === to && (to === "deferred" || to === "scheduled");
  if (!redeferral) assertTransition(message.status, to);
  return {
    ...fields,
    ...firstReconciliation(to, fields),
    status: to,
    ...redactedBody(message.type, to),
    updatedAt: FieldValue.serverTimestamp(),
  };
}

/**
 * A message Twilio accepted is due for reconciliation soon after (it may never be called back);
 * set here, where every status write passes, so no sending path can forget it.
 */
function firstReconciliation(
  to: MessageStatus,
  fields: Partial<Record<keyof MessageRecord, unknown>>,
): Partial<Pick<MessageRecord, "reconcileAfter">> {
  if (to !== "sent" || fields.provider !== "twilio") return {};
  const sentAt = fields.sentAt instanceof Timestamp ? fields.sentAt.toDate() : new Date();
  return { reconcileAfter: Timestamp.fromDate(firstCheckAt(sentAt)) };
}

/** Moves a message read in `tx` to `to` (see `transitionFields`): every status write goes here. */
export function transitionMessage(
  tx: Transaction,
  messageId: string,
  message: Pick<MessageRecord, "status" | "type">,
  to: MessageStatus,
  fields: Partial<Record<keyof MessageRecord, unknown>> = {},
): void {
  tx.update(messageRef(messageId), transitionFields(message, to, fields));
}

/** Messages still `sending` whose claim lapsed by `now` (a crashed or timed-out send). */
export async function lapsedClaimIds(now: Date, limit: number): Promise<string[]> {
  const lapsed = await messagesCollection()
    .where("status", "==", "sending")
    .where("leaseExpiresAt", "<=", Timestamp.fromDate(now))
    .limit(limit)
    .get();
  return lapsed.docs.map((doc) => doc.id);
}

/** Pending messages due by `now`, the longest waiting first. */
export async function dueMessageIds(
  statuses: readonly MessageStatus[],
  now: Date,
  limit: number,
): Promise<string[]> {
  const due = await messagesCollection()
    .where("status", "in", [...statuses])
    .where("nextAttemptAt", "<=", Timestamp.fromDate(now))
    .orderBy("nextAttemptAt")
    .limit(limit)
    .get();
  return due.docs.map((doc) => doc.id);
}

/** The message the provider knows by this id (its SID), if any. */
export async function messageIdWithProviderId(
  providerMessageId: string,
): Promise<string | undefined> {
  const match = await messagesCollection()
    .where("providerMessageId", "==", providerMessageId)
    .limit(1)
    .get();
  return match.docs[0]?.id;
}

/** What a history page is filtered by (every field optional). */
export interface MessageFilter {
  userId?: string;
  status?: string;
  type?: string;
}

/**
 * A page of messages, newest first, after the message `cursor`; `more` when others follow.
 * Undefined when the cursor names no message.
 */
export async function messagePage(
  filter: MessageFilter,
  cursor: string | undefined,
  limit: number,
): Promise<{ messages: { id: string; record: MessageRecord }[]; more: boolean } | undefined> {
  let query: Query<MessageRecord> = messagesCollection();
  if (filter.userId) query = query.where("userId", "==", filter.userId);
  if (filter.status) query = query.where("status", "==", filter.status);
  if (filter.type) query = query.where("type", "==", filter.type);
  query = query.orderBy("createdAt", "desc").orderBy("__name__", "desc");
  if (cursor) {
    const after = await messageRef(cursor).get();
    if (!after.exists) return undefined;
    query = query.startAfter(after);
  }
  const page = await query.limit(limit + 1).get();
  return {
    messages: page.docs.slice(0, limit).map((doc) => ({ id: doc.id, record: doc.data() })),
    more: page.size > limit,
  };
}

/** The latest message of one of these types to the user, if any. */
export async function latestMessageOfTypes(
  userId: string,
  types: readonly string[],
): Promise<{ id: string; record: MessageRecord } | undefined> {
  const found = await messagesCollection()
    .where("userId", "==", userId)
    .where("type", "in", [...types])
    .orderBy("createdAt", "desc")
    .limit(1)
    .get();
  const doc = found.docs[0];
  return doc ? { id: doc.id, record: doc.data() } : undefined;
}

/** Messages to this number, newest first, created before `before` when given. */
export async function messagesToPhone(
  phone: string,
  before: Date | undefined,
  limit: number,
): Promise<{ id: string; record: MessageRecord }[]> {
  let query = messagesCollection().where("to", "==", phone).orderBy("createdAt", "desc");
  if (before) query = query.where("createdAt", "<", Timestamp.fromDate(before));
  const page = await query.limit(limit).get();
  return page.docs.map((doc) => ({ id: doc.id, record: doc.data() }));
}
