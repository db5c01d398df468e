/**
 * Delivery truth: what a provider's own account of a message (a status callback, or its record
 * fetched by the hourly reconciliation) changes on ours, and when to look again.
 *
 * A message sent through Twilio is due for a check 10 minutes after it was sent; each check
 * that leaves it open (still `sent`, or final without a price) looks again later, less often as
 * it ages, and after 72 hours it is closed: a message still `sent` is marked `deliveryUnknown`.
 * A final status is never left (domain/messageStatus); a late price is still recorded.
 */
import { canTransition, isFinal, type MessageStatus } from "./messageStatus";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** A provider rarely reports a final status sooner; the callback usually arrives first. */
export const FIRST_CHECK_DELAY_MS = 10 * MINUTE_MS;
/** Past this age a message is checked no more. */
export const CLOSE_AFTER_MS = 72 * HOUR_MS;
/** The shortest wait between two checks of one message (the job runs hourly anyway). */
export const MIN_RECHECK_MS = 30 * MINUTE_MS;

/** Why a message was not delivered: for engineers (`message`) and for people (`userMessage`). */
export interface ReceiptError {
  code: string;
  message: string;
  userMessage: string;
}

/**
 * A provider's account of one message or call, already in our terms (each adapter maps its
 * vendor's statuses and codes). Absent fields are unknown, never zero.
 */
export interface DeliveryReceipt {
  /** Our status for the provider's; absent while it is still in flight (queued, ringing). */
  status?: MessageStatus;
  /** Set with `undelivered` and `failed`. */
  error?: ReceiptError;
  /** What was spent, as a positive amount. */
  price?: number;
  priceUnit?: string;
  /** Segments the provider billed (SMS, WhatsApp). */
  segments?: number;
  /** Seconds the call lasted (voice). */
  durationSeconds?: number;
  /** When the provider last changed it; the time it was learned stands in when absent. */
  at?: Date;
}

/** What a receipt is compared with: the message as stored now. */
export interface ReceiptTarget {
  status: MessageStatus;
  price: number | null;
  segments: number | null;
  duration: number | null;
}

/** The fields a receipt sets besides the status; only those that change are present. */
export interface ReceiptFields {
  error?: ReceiptError;
  price?: number;
  priceUnit?: string | null;
  segments?: number;
  duration?: number;
  deliveredAt?: Date;
}

/** What a receipt changes: a status move (only an allowed one) and fields. */
export interface ReceiptEffect {
  to?: MessageStatus;
  fields: ReceiptFields;
}

/** A reconciliation's verdict on one message. */
export interface ReconcileDecision extends ReceiptEffect {
  /** Closed while still `sent`: no one will ever know whether it arrived. */
  deliveryUnknown?: true;
  /** When to check it again; null when it needs no more checks. */
  nextCheckAt: Date | null;
}

/** Statuses a check can still learn something about. */
const RECONCILABLE: ReadonlySet<MessageStatus> = new Set<MessageStatus>([
  "sent",
  "delivered",
  "undelivered",
  "failed",
]);

/** When a message the provider accepted at `sentAt` is first checked. */
export function firstCheckAt(sentAt: Date): Date {
  return new Date(sentAt.getTime() + FIRST_CHECK_DELAY_MS);
}

/** Nothing more to learn: the status is final and its price is known. */
export function isSettled(status: MessageStatus, price: number | null): boolean {
  return isFinal(status) && price !== null;
}

/**
 * What `receipt` changes on `message`: the status when the machine allows the move (so a late
 * or repeated receipt never drags a final message back), `deliveredAt` and the error with it,
 * and the price, segments and duration whenever they are new, even on a final message. A
 * receipt that contradicts the status (a stale callback arriving last) only fills a missing
 * price: its duration and segments describe an outcome that did not stand.
 */
export function receiptEffect(
  message: ReceiptTarget,
  receipt: DeliveryReceipt,
  now: Date,
): ReceiptEffect {
  const to =
    receipt.status && canTransition(message.status, receipt.status) ? receipt.status : undefined;
  const agrees = receipt.status === undefined || receipt.status === (to ?? message.status);
  const fields: ReceiptFields = {};
  if (to === "delivered") fields.deliveredAt = receipt.at ?? now;
  if ((to === "undelivered" || to === "failed") && receipt.error) fields.error = receipt.error;
  const newPrice = agrees ? receipt.price !== message.price : message.price === null;
  if (receipt.price !== undefined && newPrice) {
    fields.price = receipt.price;
    fields.priceUnit = receipt.priceUnit ?? null;
  }
  if (agrees && receipt.segments !== undefined && receipt.segments !== message.segments) {
    fields.segments = receipt.segments;
  }
  const { durationSeconds } = receipt;
  if (agrees && durationSeconds !== undefined && durationSeconds !== message.duration) {
    fields.duration = durationSeconds;
  }
  return to ? { to, fields } : { fields };
}

/**
 * One check of a message sent at `sentAt`, with what the provider said (undefined when it could
 * not be asked): apply the receipt, then close the message (settled, or 72 hours old) or say
 * when to look again. Looks again after half the message's age, at least 30 minutes, and never
 * later than its closing time, so a message resolved late costs a handful of checks, not one
 * an hour.
 */
export function decideReconciliation(
  message: ReceiptTarget & { sentAt: Date },
  receipt: DeliveryReceipt | undefined,
  now: Date,
): ReconcileDecision {
  if (!RECONCILABLE.has(message.status)) return { fields: {}, nextCheckAt: null };
  const effect = receipt ? receiptEffect(message, receipt, now) : { fields: {} };
  const status = effect.to ?? message.status;
  const price = effect.fields.price ?? message.price;
  if (isSettled(status, price)) return { ...effect, nextCheckAt: null };
  const age = now.getTime() - message.sentAt.getTime();
  const closesAt = message.sentAt.getTime() + CLOSE_AFTER_MS;
  if (age >= CLOSE_AFTER_MS) {
    return status === "sent"
      ? { ...effect, deliveryUnknown: true, nextCheckAt: null }
      : { ...effect, nextCheckAt: null };
  }
  const wait = Math.max(MIN_RECHECK_MS, age / 2);
  return { ...effect, nextCheckAt: new Date(Math.min(now.getTime() + wait, closesAt)) };
}
