/**
 * Queueing a message: the one way into the outbox for every notification, job and callable.
 */
import { Timestamp } from "firebase-admin/firestore";
import { createMessage, type MessageRecord } from "../data/messages";
import { normalizePhone } from "../domain/phone";
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
  createdBy?: string;
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
}

const DAY_MS = 86_400_000;

/** Builds the outbox record; an invalid number makes a `failed` record that says why. */
export function buildMessageRecord(
  message: NewMessage,
  settings: Pick<Settings, "defaultCountry" | "retentionDays" | "quietHours">,
  now: Date,
): MessageRecord {
  const phone = normalizePhone(message.to, settings.defaultCountry);
  const { segments, encoding } = countSegments(message.body);
  const sendAt = message.sendAt && message.sendAt > now ? message.sendAt : null;
  const due = sendAt ?? now;
  const quietUntil = message.timeZone
    ? deliverAt(due, message.timeZone, parseQuietHours(settings.quietHours), isUrgent(message.type))
    : due;
  const held = quietUntil > due;
  const status: MessageStatus = !phone.ok
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
    createdBy: message.createdBy ?? null,
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
    error: phone.ok
      ? null
      : {
          code: "invalid_number",
          message: `Invalid phone number: ${phone.reason}`,
          userMessage: `The phone number is not valid (${phone.reason}). Check it and try again.`,
        },
    segments,
    encoding,
    price: null,
    priceUnit: null,
    createdAt: nowTs,
    updatedAt: nowTs,
    sentAt: null,
    deliveredAt: null,
    expireAt: Timestamp.fromMillis(now.getTime() + settings.retentionDays * DAY_MS),
  };
}

/**
 * Queues a message under its deterministic id. Delivery starts from the outbox trigger (or the
 * sweep, for scheduled sends); this only records the intent, so it is safe to call twice.
 */
export async function enqueueMessage(
  message: NewMessage,
  settings: Settings,
  now: Date,
): Promise<EnqueueResult> {
  const record = buildMessageRecord(message, settings, now);
  const created = await createMessage(message.id, record);
  if (created) logs.messageQueued(message.id, record.type, record.status, record.to);
  else logs.messageAlreadyQueued(message.id);
  return { messageId: message.id, created, status: record.status };
}
