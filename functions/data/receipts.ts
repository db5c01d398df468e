/**
 * What recording a provider's receipt reads and writes (status callbacks, reconciliation), as a
 * port: the use cases run against `firestoreReceiptStore` in production and an in-memory store
 * in unit tests. Times cross the port as Dates; Timestamps stay in this file.
 */
import {
  FieldPath,
  FieldValue,
  Timestamp,
  type DocumentSnapshot,
  type Transaction,
} from "firebase-admin/firestore";
import { runTransaction } from "./firestore";
import {
  messageIdWithProviderId,
  messageRef,
  messagesCollection,
  readMessage,
  transitionFields,
  type MessageRecord,
} from "./messages";
import { readReminderStateIn, updateReminderOutcomeIn } from "./reminders";
import type { ReminderOutcomeFields, ReminderState } from "./delivery";
import type { MessageStatus } from "../domain/messageStatus";
import type { ReceiptFields } from "../domain/reconciliation";
import type { MessageChannel } from "../messaging/provider";

/** What a receipt is checked against: the message as stored (missing fields read as null). */
export interface ReceiptMessage {
  status: MessageStatus;
  type: MessageRecord["type"];
  channel: MessageChannel;
  provider: MessageRecord["provider"];
  providerMessageId: string | null;
  reminderId: string | null;
  price: number | null;
  segments: number | null;
  duration: number | null;
  sentAt: Date | null;
  createdAt: Date | null;
  reconcileAfter: Date | null;
}

/** What recording a receipt sets; absent fields stay as they are. */
export interface ReceiptChanges extends ReceiptFields {
  providerMessageId?: string;
  deliveryUnknown?: true;
  /** The next reconciliation check; null removes the message from the job's query. */
  reconcileAfter?: Date | null;
}

/** A message the reconciliation job should check, and what it takes to ask its provider. */
export interface DueMessage {
  messageId: string;
  reconcileAfter: Date;
  providerMessageId: string | null;
  channel: MessageChannel;
}

/** Where a page of due messages starts: after this one. */
export type DueCursor = Pick<DueMessage, "messageId" | "reconcileAfter">;

/** The reads and staged writes of one transaction; every read comes before the first write. */
export interface ReceiptTransaction {
  readMessage(messageId: string): Promise<ReceiptMessage | undefined>;
  readReminder(reminderId: string): Promise<ReminderState | undefined>;
  /**
   * Records a receipt: moves the status to `to` when given (checked against the status machine,
   * data/messages `transitionFields`), else changes only the fields.
   */
  updateMessage(
    messageId: string,
    current: Pick<ReceiptMessage, "status" | "type">,
    to: MessageStatus | undefined,
    changes: ReceiptChanges,
  ): void;
  updateReminder(reminderId: string, fields: ReminderOutcomeFields): void;
}

/** Where receipts are recorded. */
export interface ReceiptStore {
  runTransaction<T>(work: (tx: ReceiptTransaction) => Promise<T>): Promise<T>;
  /** The message the provider knows by this id (its SID), if any. */
  messageIdWithProviderId(providerMessageId: string): Promise<string | undefined>;
  /**
   * Up to `limit` messages whose check is due by `now`, the longest due first, after `after`.
   * Reads only messages that carry `reconcileAfter` (one single-field index).
   */
  dueForReconciliation(now: Date, limit: number, after?: DueCursor): Promise<DueMessage[]>;
}

function dateOf(value: unknown): Date | null {
  return value instanceof Timestamp ? value.toDate() : null;
}

function numberOf(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** Webhook tests and old documents may lack fields; they read as null. */
function toReceiptMessage(record: MessageRecord): ReceiptMessage {
  return {
    status: record.status,
    type: record.type,
    channel: record.channel ?? "sms",
    provider: record.provider ?? null,
    providerMessageId: record.providerMessageId ?? null,
    reminderId: record.reminderId ?? null,
    price: numberOf(record.price),
    segments: numberOf(record.segments),
    duration: numberOf(record.duration),
    sentAt: dateOf(record.sentAt),
    createdAt: dateOf(record.createdAt),
    reconcileAfter: dateOf(record.reconcileAfter),
  };
}

function storedChanges({ deliveredAt, reconcileAfter, ...rest }: ReceiptChanges) {
  const fields: Record<string, unknown> = { ...rest };
  if (deliveredAt) fields.deliveredAt = Timestamp.fromDate(deliveredAt);
  if (reconcileAfter === null) fields.reconcileAfter = FieldValue.delete();
  else if (reconcileAfter) fields.reconcileAfter = Timestamp.fromDate(reconcileAfter);
  return fields;
}

function asText(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

function firestoreTransaction(tx: Transaction): ReceiptTransaction {
  return {
    async readMessage(messageId) {
      const record = await readMessage(tx, messageId);
      return record && toReceiptMessage(record);
    },
    readReminder: (reminderId) => readReminderStateIn(tx, reminderId),
    updateMessage(messageId, current, to, changes) {
      const fields = storedChanges(changes);
      tx.update(
        messageRef(messageId),
        to
          ? transitionFields(current, to, fields)
          : { ...fields, updatedAt: FieldValue.serverTimestamp() },
      );
    },
    updateReminder: (reminderId, fields) => updateReminderOutcomeIn(tx, reminderId, fields),
  };
}

async function dueForReconciliation(
  now: Date,
  limit: number,
  after?: DueCursor,
): Promise<DueMessage[]> {
  let query = messagesCollection()
    .where("reconcileAfter", "<=", Timestamp.fromDate(now))
    .orderBy("reconcileAfter")
    .orderBy(FieldPath.documentId());
  if (after) query = query.startAfter(Timestamp.fromDate(after.reconcileAfter), after.messageId);
  const page = await query
    .select("reconcileAfter", "providerMessageId", "channel")
    .limit(limit)
    .get();
  return page.docs.map((doc: DocumentSnapshot) => ({
    messageId: doc.id,
    reconcileAfter: (doc.get("reconcileAfter") as Timestamp).toDate(),
    providerMessageId: asText(doc.get("providerMessageId")),
    channel: (asText(doc.get("channel")) ?? "sms") as MessageChannel,
  }));
}

/** Receipts in Firestore: `sms_messages` and the messages' `reminders`. */
export function firestoreReceiptStore(): ReceiptStore {
  return {
    runTransaction: (work) => runTransaction((tx) => work(firestoreTransaction(tx))),
    messageIdWithProviderId,
    dueForReconciliation,
  };
}
