/**
 * What delivering a message reads and writes (services/outbox/delivery), as a port: the use
 * case runs against `firestoreDeliveryStore` in production and an in-memory store in unit
 * tests. Times cross the port as Dates; Timestamps stay in this file.
 */
import { Timestamp, type Transaction } from "firebase-admin/firestore";
import { COLLECTIONS, db, runOptimistic, runTransaction } from "./firestore";
import { readMessage, transitionMessage, type MessageError, type MessageRecord } from "./messages";
import { addSuppressionIn, isSuppressedIn, type SuppressionFields } from "./suppressions";
import { readReminderStateIn, updateReminderOutcomeIn } from "./reminders";
import { userRef } from "./refs";
import { addDailySegments, addDailySegmentsIn, segmentsSentToday } from "./allowances";
import type { RenderedEmail } from "../domain/email";
import type { MessageStatus } from "../domain/messageStatus";
import type { ProviderName } from "../messaging/provider";

/** What delivery reads of a message. */
export type DeliveryMessage = Pick<
  MessageRecord,
  | "to"
  | "body"
  | "channel"
  | "type"
  | "language"
  | "status"
  | "userId"
  | "reminderId"
  | "segments"
  | "attempts"
  | "optOutExempt"
  | "claimId"
  | "error"
> & { nextAttemptAt: Date | null };

/** What a status change of delivery sets besides the status; absent fields stay as they are. */
export interface MessageChanges {
  claimId?: string | null;
  attempts?: number;
  leaseExpiresAt?: Date | null;
  nextAttemptAt?: Date | null;
  sentAt?: Date;
  error?: MessageError | null;
  provider?: ProviderName | "email" | null;
  providerMessageId?: string;
  price?: number | null;
  priceUnit?: string | null;
  /** The price is an estimate from SMS_PRICE_TABLE (SNS reports none). */
  priceEstimated?: true;
}

/** What a reminder's outcome depends on: whether this message is its latest, and its status. */
export interface ReminderState {
  lastMessageId: string | null;
  status: string | null;
}

/** What an outcome writes onto a reminder; absent fields stay as they are. */
export interface ReminderOutcomeFields {
  lastSentAt?: Date;
  errorMessage: string | null;
  status?: "sent" | "failed";
}

/**
 * The reads and staged writes of one transaction. Like Firestore's, every read must come
 * before the first write, and the work may run again on contention.
 */
export interface DeliveryTransaction {
  readMessage(messageId: string): Promise<DeliveryMessage | undefined>;
  isSuppressed(e164: string): Promise<boolean>;
  /** The user document as the client wrote it (to parse), or undefined when there is none. */
  readUser(userId: string): Promise<Record<string, unknown> | undefined>;
  /** The sends stored in the number's hourly window (possibly older than an hour). */
  readSendWindow(e164: string): Promise<Date[]>;
  readReminder(reminderId: string): Promise<ReminderState | undefined>;
  /** A status change, checked against the status machine (data/messages `transitionFields`). */
  transitionMessage(
    messageId: string,
    message: Pick<DeliveryMessage, "status" | "type">,
    to: MessageStatus,
    changes: MessageChanges,
  ): void;
  /** Suppresses the number, keeping fields an earlier suppression set. */
  addSuppression(e164: string, fields: SuppressionFields): void;
  /** Replaces the number's window; it expires at `expireAt`. */
  writeSendWindow(e164: string, sends: readonly Date[], expireAt: Date): void;
  /** Updates an existing reminder. */
  updateReminder(reminderId: string, fields: ReminderOutcomeFields): void;
  /** Hands an email to the Trigger Email extension: `mail/{messageId}`, in its shape. */
  writeMail(messageId: string, mail: MailDocument): void;
  /** Counts a message claimed in this transaction in today's usage (a blind increment). */
  addDailySegments(messageId: string, segments: number, now: Date): void;
}

/**
 * A `mail` document as the Trigger Email extension reads it (`to`, `message.subject`, `.text`,
 * `.html`); `messageId` tells our status trigger which message it is, and other mail apart.
 */
export interface MailDocument {
  to: string;
  message: RenderedEmail;
  messageId: string;
}

/** Where delivery keeps its state. */
export interface DeliveryStore {
  runTransaction<T>(work: (tx: DeliveryTransaction) => Promise<T>): Promise<T>;
  /**
   * Runs `work` optimistically: the documents it reads and then writes must be unchanged when
   * its writes commit, else it runs again; nothing is locked (data/firestore `runOptimistic`).
   */
  runOptimistic<T>(work: (tx: DeliveryTransaction) => Promise<T>): Promise<T>;
  /** Segments the project has sent today (UTC); may be a few seconds stale. */
  segmentsSentToday(now: Date): Promise<number>;
  /** Counts a claimed message's segments in today's usage, outside any transaction. */
  addDailySegments(messageId: string, segments: number, now: Date): Promise<void>;
}

/**
 * Per number, the times of the sends claimed in the last hour (`sentAt`, at most
 * SMS_RATE_LIMIT of them): the hourly limit reads and extends one small document inside the
 * claim, instead of querying `sms_messages`, so concurrent claims for different numbers never
 * contend (a query inside a transaction locks its whole range in the emulator).
 */
function sendWindowRef(e164: string) {
  return db().collection(COLLECTIONS.sendWindows).doc(e164);
}

/** What delivery reads of a message record. */
export function toDeliveryMessage(record: MessageRecord): DeliveryMessage {
  return {
    to: record.to,
    body: record.body,
    channel: record.channel,
    type: record.type,
    language: record.language,
    status: record.status,
    userId: record.userId,
    reminderId: record.reminderId,
    segments: record.segments,
    attempts: record.attempts,
    optOutExempt: record.optOutExempt,
    claimId: record.claimId,
    error: record.error,
    nextAttemptAt: record.nextAttemptAt ? record.nextAttemptAt.toDate() : null,
  };
}

/** The changes as stored: Dates become Timestamps, and only the fields given are written. */
function storedChanges(changes: MessageChanges): Partial<Record<keyof MessageRecord, unknown>> {
  const fields: Partial<Record<keyof MessageRecord, unknown>> = { ...changes };
  for (const key of ["leaseExpiresAt", "nextAttemptAt", "sentAt"] as const) {
    const value = changes[key];
    if (value instanceof Date) fields[key] = Timestamp.fromDate(value);
  }
  return fields;
}

/** Delivery's view of a Firestore transaction (or of an optimistic one). */
export function deliveryTransactionOf(tx: Transaction): DeliveryTransaction {
  return {
    async readMessage(messageId) {
      const record = await readMessage(tx, messageId);
      return record && toDeliveryMessage(record);
    },
    isSuppressed: (e164) => isSuppressedIn(tx, e164),
    async readUser(userId) {
      return (await tx.get(userRef(userId))).data();
    },
    async readSendWindow(e164) {
      const value: unknown = (await tx.get(sendWindowRef(e164))).get("sentAt");
      if (!Array.isArray(value)) return [];
      return value
        .filter((at): at is Timestamp => at instanceof Timestamp)
        .map((at) => at.toDate());
    },
    readReminder: (reminderId) => readReminderStateIn(tx, reminderId),
    transitionMessage(messageId, message, to, changes) {
      transitionMessage(tx, messageId, message, to, storedChanges(changes));
    },
    addSuppression: (e164, fields) => addSuppressionIn(tx, e164, fields),
    writeSendWindow(e164, sends, expireAt) {
      tx.set(sendWindowRef(e164), {
        sentAt: sends.map((at) => Timestamp.fromDate(at)),
        expireAt: Timestamp.fromDate(expireAt),
      });
    },
    writeMail(messageId, mail) {
      tx.set(db().collection(COLLECTIONS.mail).doc(messageId), mail);
    },
    updateReminder: (reminderId, fields) => updateReminderOutcomeIn(tx, reminderId, fields),
    addDailySegments: (messageId, segments, now) =>
      addDailySegmentsIn(tx, messageId, segments, now),
  };
}

/**
 * Delivery's state in Firestore: `sms_messages`, `sms_suppressions`, `users`, `reminders`,
 * `sms_send_windows`, `sms_daily_usage`, and `mail` for email.
 */
export function firestoreDeliveryStore(): DeliveryStore {
  return {
    runTransaction: (work) => runTransaction((tx) => work(deliveryTransactionOf(tx))),
    runOptimistic: (work) => runOptimistic((tx) => work(deliveryTransactionOf(tx))),
    segmentsSentToday,
    addDailySegments,
  };
}
