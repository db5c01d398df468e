/**
 * Queueing a message: the one way into the outbox for every notification, job and callable.
 * Here, once, a message is checked against what its sender may still cause (the allowance),
 * where it may go (SMS_ALLOWED_COUNTRIES), and recorded under its deterministic id.
 */
import { Timestamp, type Transaction } from "firebase-admin/firestore";
import { readAllowance, writeAllowance } from "../data/allowances";
import { db } from "../data/firestore";
import { createMessage, messageRef, type MessageError, type MessageRecord } from "../data/messages";
import { allowanceFor, reserve, senderLimitError, type Sender } from "../domain/allowance";
import { countryNotAllowedError, isCountryAllowed } from "../domain/countries";
import { destinationCountry, normalizePhone } from "../domain/phone";
import { redactedBody } from "../domain/sensitive";
import { LimitError } from "../errors";
import { deliverAt, parseQuietHours } from "../domain/quietHours";
import { countSegments } from "../domain/segments";
import { isUrgent } from "../domain/urgency";
import type { MessageStatus } from "../domain/messageStatus";
import type { Language, MessageType } from "../domain/templates";
import type { Channel } from "../messaging/provider";
import type { Settings } from "../params";
import * as logs from "../logs";

/** A notification ready to queue: recipient as found (any phone format), body rendered. */
export interface NewMessage {
  /** Deterministic id (DESIGN §2), so the same notification is never queued twice. */
  id: string;
  to: unknown;
  body: string;
  channel?: Channel;
  type: MessageType;
  language: Language;
  userId?: string;
  taskId?: string;
  reminderId?: string;
  campaignId?: string;
  templateId?: string;
  /**
   * The account that caused it (a callable's caller, a task's author, a reminder's writer,
   * a campaign's admin): recorded as `createdBy` and charged to that account's allowance.
   * Absent for what the backend sends on its own (jobs, replies to a user's own actions).
   */
  sender?: Sender;
  sendAt?: Date;
  optOutExempt?: boolean;
  /** The caller delivers it right after queueing (MessageRecord.deliveredInline). */
  deliveredInline?: boolean;
  /** The recipient's zone, for quiet hours; without it a message is not held back. */
  timeZone?: string;
}

export interface EnqueueResult {
  messageId: string;
  /** False when the notification had been queued before. */
  created: boolean;
  status: MessageStatus;
  /** The error code when it was recorded but will not be sent (`sender_limit`, ...). */
  reason?: string;
}

const DAY_MS = 86_400_000;

type RecordSettings = Pick<
  Settings,
  "defaultCountry" | "retentionDays" | "quietHours" | "allowedCountries"
>;

/** Why a message cannot go to this number at all: invalid, or in a country not allowed. */
function undeliverable(
  phone: ReturnType<typeof normalizePhone>,
  settings: RecordSettings,
): MessageError | null {
  if (!phone.ok) {
    return {
      code: "invalid_number",
      message: `Invalid phone number: ${phone.reason}`,
      userMessage: `The phone number is not valid (${phone.reason}). Check it and try again.`,
    };
  }
  const country = destinationCountry(phone.e164);
  return isCountryAllowed(country, settings.allowedCountries)
    ? null
    : countryNotAllowedError(country);
}

/**
 * Builds the outbox record; a number that is invalid, or in a country not allowed, makes a
 * `failed` record that says why.
 */
export function buildMessageRecord(
  message: NewMessage,
  settings: RecordSettings,
  now: Date,
): MessageRecord {
  const phone = normalizePhone(message.to, settings.defaultCountry);
  const error = undeliverable(phone, settings);
  const { segments, encoding } = countSegments(message.body);
  const sendAt = message.sendAt && message.sendAt > now ? message.sendAt : null;
  const due = sendAt ?? now;
  const quietUntil = message.timeZone
    ? deliverAt(due, message.timeZone, parseQuietHours(settings.quietHours), isUrgent(message.type))
    : due;
  const held = quietUntil > due;
  const status: MessageStatus = error
    ? "failed"
    : held
      ? "deferred"
      : sendAt
        ? "scheduled"
        : "queued";
  const nowTs = Timestamp.fromDate(now);
  return {
    to: phone.ok ? phone.e164 : typeof message.to === "string" ? message.to : "",
    body: message.body,
    channel: message.channel ?? "sms",
    type: message.type,
    userId: message.userId ?? null,
    taskId: message.taskId ?? null,
    reminderId: message.reminderId ?? null,
    campaignId: message.campaignId ?? null,
    templateId: message.templateId ?? null,
    createdBy: message.sender?.uid ?? null,
    language: message.language,
    status,
    sendAt: sendAt ? Timestamp.fromDate(sendAt) : null,
    attempts: 0,
    nextAttemptAt: status === "failed" ? null : Timestamp.fromDate(quietUntil),
    leaseExpiresAt: null,
    claimId: null,
    optOutExempt: message.optOutExempt ?? false,
    deliveredInline: message.deliveredInline ?? false,
    provider: null,
    providerMessageId: null,
    error,
    segments,
    encoding,
    price: null,
    priceUnit: null,
    createdAt: nowTs,
    updatedAt: nowTs,
    sentAt: null,
    deliveredAt: null,
    expireAt: Timestamp.fromMillis(now.getTime() + settings.retentionDays * DAY_MS),
    ...redactedBody(message.type, status),
  };
}

/** The record of a message its sender had no allowance left for: kept, never sent. */
function overAllowance(record: MessageRecord, limit: number): MessageRecord {
  return {
    ...record,
    status: "suppressed",
    nextAttemptAt: null,
    error: senderLimitError(limit),
    ...redactedBody(record.type, "suppressed"),
  };
}

/** Logs what a committed transaction queued (see `stageMessages`). */
export function logStaged(staged: readonly StagedMessage[]): void {
  for (const item of staged) logQueued(item.messageId, item.record, item.created);
}

function logQueued(messageId: string, record: MessageRecord, created: boolean): void {
  if (!created) logs.messageAlreadyQueued(messageId);
  else if (record.error?.code === "sender_limit")
    logs.senderLimitReached(messageId, record.createdBy);
  else logs.messageQueued(messageId, record.type, record.status, record.to);
}

/** One message staged inside a caller's transaction. */
export interface StagedMessage {
  messageId: string;
  record: MessageRecord;
  /** False when the notification had been queued before (nothing is written for it). */
  created: boolean;
}

/** Messages staged in a transaction: their reads are done; `write` records them. */
export interface Staged {
  messages: StagedMessage[];
  /** Performs the writes; call after every read of the transaction. */
  write(): void;
}

/**
 * Stages messages in `tx`: reads whether each exists and, when they have a sender, that
 * sender's allowance, and decides each record (one past the allowance is `suppressed` with
 * `sender_limit`). All messages of one call share one sender, or have none.
 */
export async function stageMessages(
  tx: Transaction,
  messages: readonly NewMessage[],
  settings: Settings,
  now: Date,
): Promise<Staged> {
  const sender = messages[0]?.sender;
  const [existing, window] = await Promise.all([
    messages.length ? tx.getAll(...messages.map((m) => messageRef(m.id))) : [],
    sender ? readAllowance(tx, sender.uid) : undefined,
  ]);
  const records = messages.map((message) => buildMessageRecord(message, settings, now));
  const chargeable = records.filter((r, i) => !existing[i].exists && r.status !== "failed");
  const limit = sender ? allowanceFor(sender, settings) : 0;
  const reservation = sender ? reserve(window, chargeable.length, limit, now, true) : undefined;
  let room = reservation?.granted ?? chargeable.length;
  const staged = messages.map((message, i): StagedMessage => {
    const created = !existing[i].exists;
    const charged = created && records[i].status !== "failed";
    const record = charged && room-- <= 0 ? overAllowance(records[i], limit) : records[i];
    return { messageId: message.id, record, created };
  });
  return {
    messages: staged,
    write: () => {
      for (const item of staged)
        if (item.created) tx.create(messageRef(item.messageId), item.record);
      if (sender && reservation?.granted) {
        writeAllowance(tx, sender.uid, reservation.window, now);
      }
    },
  };
}

/**
 * Queues a message under its deterministic id. Delivery starts from the outbox trigger (or the
 * sweep, for scheduled sends); this only records the intent, so it is safe to call twice: a
 * second call finds the message and charges nothing.
 */
export async function enqueueMessage(
  message: NewMessage,
  settings: Settings,
  now: Date,
): Promise<EnqueueResult> {
  if (!message.sender) {
    const record = buildMessageRecord(message, settings, now);
    const created = await createMessage(message.id, record);
    logQueued(message.id, record, created);
    return { messageId: message.id, created, status: record.status, reason: record.error?.code };
  }
  const [staged] = await enqueueBatch([message], settings, now);
  return staged;
}

/** Messages per transaction: Firestore allows 500 writes, and the allowance is one more. */
const BATCH_SIZE = 400;

/**
 * Queues messages of one sender (or none) in transactions of up to BATCH_SIZE, each charging
 * what it creates to the sender; those past the allowance are recorded as suppressed.
 */
export async function enqueueBatch(
  messages: readonly NewMessage[],
  settings: Settings,
  now: Date,
  /** Read in each transaction: when it answers false, that chunk is not queued. */
  stillWanted?: (tx: Transaction) => Promise<boolean>,
): Promise<EnqueueResult[]> {
  const results: EnqueueResult[] = [];
  for (let start = 0; start < messages.length; start += BATCH_SIZE) {
    const chunk = messages.slice(start, start + BATCH_SIZE);
    const staged = await db().runTransaction(async (tx) => {
      const [wanted, result] = await Promise.all([
        stillWanted ? stillWanted(tx) : true,
        stageMessages(tx, chunk, settings, now),
      ]);
      if (!wanted) return [];
      result.write();
      return result.messages;
    });
    logStaged(staged);
    for (const item of staged) {
      results.push({
        messageId: item.messageId,
        created: item.created,
        status: item.record.status,
      });
    }
  }
  return results;
}

/**
 * Charges `count` messages to the sender at once, or throws LimitError and charges nothing:
 * for a callable's request, which is refused whole rather than sent in part.
 */
export async function reserveAllowance(
  sender: Sender,
  count: number,
  settings: Settings,
  now: Date,
): Promise<void> {
  const limit = allowanceFor(sender, settings);
  await db().runTransaction(async (tx) => {
    const reservation = reserve(await readAllowance(tx, sender.uid), count, limit, now);
    if (!reservation.ok) {
      throw new LimitError(
        `This account may send ${limit} messages per hour; ${reservation.used} were sent in the last hour.`,
      );
    }
    writeAllowance(tx, sender.uid, reservation.window, now);
  });
}

/**
 * Queues messages whose allowance `reserveAllowance` has already charged (a callable's
 * accepted recipients). Random ids: each call is a new request, never a retry of one.
 */
export async function enqueueReserved(
  messages: readonly NewMessage[],
  settings: Settings,
  now: Date,
): Promise<EnqueueResult[]> {
  const writer = db().bulkWriter();
  const records = messages.map((message) => buildMessageRecord(message, settings, now));
  const writes = messages.map((message, i) => writer.create(messageRef(message.id), records[i]));
  await writer.close();
  // A write that failed for good rejects its own promise; surface it rather than lose it.
  await Promise.all(writes);
  return messages.map((message, i) => {
    logQueued(message.id, records[i], true);
    return { messageId: message.id, created: true, status: records[i].status };
  });
}
