/**
 * The outbox record of a new message: where it may go (a valid number in an allowed country, or
 * a valid email address), when (scheduled, or held by quiet hours), its segments, and what an
 * over-allowance message becomes. Pure apart from Firestore's Timestamp type.
 */
import { Timestamp } from "firebase-admin/firestore";
import type { MessageError, MessageRecord } from "../../data/messages";
import { senderLimitError, type Sender } from "../../domain/allowance";
import { countryNotAllowedError, isCountryAllowed } from "../../domain/countries";
import { OPTED_OUT } from "../../domain/delivery";
import type { MessageStatus } from "../../domain/messageStatus";
import { destinationCountry, normalizePhone } from "../../domain/phone";
import { normalizeEmail } from "../../domain/email";
import { deliverAt, parseQuietHours } from "../../domain/quietHours";
import { countSegments } from "../../domain/segments";
import { redactedBody } from "../../domain/sensitive";
import type { Language, MessageType } from "../../domain/templates";
import { isUrgent } from "../../domain/urgency";
import type { MessageChannel } from "../../messaging/provider";
import type { Settings } from "../../params";

/** A notification ready to queue: recipient as found (any phone format), body rendered. */
export interface NewMessage {
  /** Deterministic id (docs/contract.md §2), so the same notification is never queued twice. */
  id: string;
  to: unknown;
  body: string;
  channel?: MessageChannel;
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
  /**
   * The writer found the number in `sms_suppressions` (a job reads it anyway): the message is
   * recorded `suppressed` at once, as delivery would record it, instead of being queued.
   */
  optedOut?: boolean;
}

const DAY_MS = 86_400_000;

type RecordSettings = Pick<
  Settings,
  "defaultCountry" | "retentionDays" | "quietHours" | "allowedCountries"
>;

/** Where a message goes, as recorded, or why it cannot go there at all. */
interface Destination {
  to: string;
  failure: MessageError | null;
  /** The number's ISO country (costs are reported by it); null for an email or a bad number. */
  country: string | null;
}

/** A number: invalid, or in a country not allowed, is a failure. */
function phoneDestination(to: unknown, settings: RecordSettings): Destination {
  const phone = normalizePhone(to, settings.defaultCountry);
  if (!phone.ok) {
    return {
      to: typeof to === "string" ? to : "",
      country: null,
      failure: {
        code: "invalid_number",
        message: `Invalid phone number: ${phone.reason}`,
        userMessage: `The phone number is not valid (${phone.reason}). Check it and try again.`,
      },
    };
  }
  const country = destinationCountry(phone.e164);
  const allowed = isCountryAllowed(country, settings.allowedCountries);
  return {
    to: phone.e164,
    failure: allowed ? null : countryNotAllowedError(country),
    country: country ?? null,
  };
}

function emailDestination(to: unknown): Destination {
  const email = normalizeEmail(to);
  if (email.ok) return { to: email.address, failure: null, country: null };
  return {
    to: typeof to === "string" ? to : "",
    country: null,
    failure: {
      code: "invalid_email",
      message: `Invalid email address: ${email.reason}`,
      userMessage: `The email address is not valid (${email.reason}).`,
    },
  };
}

/**
 * Builds the outbox record; a number that is invalid, or in a country not allowed, makes a
 * `failed` record that says why. An email has no segments and is not held by quiet hours.
 */
export function buildMessageRecord(
  message: NewMessage,
  settings: RecordSettings,
  now: Date,
): MessageRecord {
  const email = message.channel === "email";
  const { to, failure, country } = email
    ? emailDestination(message.to)
    : phoneDestination(message.to, settings);
  const suppressed = !failure && message.optedOut === true && message.optOutExempt !== true;
  const error: MessageError | null = failure ?? (suppressed ? { ...OPTED_OUT } : null);
  const { segments, encoding } = countSegments(message.body);
  const sendAt = message.sendAt && message.sendAt > now ? message.sendAt : null;
  const due = sendAt ?? now;
  const quietUntil =
    message.timeZone && !email
      ? deliverAt(
          due,
          message.timeZone,
          parseQuietHours(settings.quietHours),
          isUrgent(message.type),
        )
      : due;
  const held = quietUntil > due;
  const status: MessageStatus = failure
    ? "failed"
    : suppressed
      ? "suppressed"
      : held
        ? "deferred"
        : sendAt
          ? "scheduled"
          : "queued";
  const nowTs = Timestamp.fromDate(now);
  return {
    to,
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
    nextAttemptAt: failure || suppressed ? null : Timestamp.fromDate(quietUntil),
    leaseExpiresAt: null,
    claimId: null,
    optOutExempt: message.optOutExempt ?? false,
    deliveredInline: message.deliveredInline ?? false,
    provider: null,
    providerMessageId: null,
    error,
    segments: email ? 0 : segments,
    encoding,
    price: null,
    priceUnit: null,
    country,
    createdAt: nowTs,
    updatedAt: nowTs,
    sentAt: null,
    deliveredAt: null,
    expireAt: Timestamp.fromMillis(now.getTime() + settings.retentionDays * DAY_MS),
    ...redactedBody(message.type, status),
  };
}

/** The record of a message its sender had no allowance left for: kept, never sent. */
export function overAllowance(record: MessageRecord, limit: number): MessageRecord {
  return {
    ...record,
    status: "suppressed",
    nextAttemptAt: null,
    error: senderLimitError(limit),
    ...redactedBody(record.type, "suppressed"),
  };
}
