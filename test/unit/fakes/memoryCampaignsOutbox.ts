/**
 * An in-memory outbox for campaign tests, standing in for services/outbox `enqueueBatch` and
 * `deliverMessage` with their contracts: a message is created once under its id and only a new
 * one is charged to its sender's hourly allowance (the domain's `reserve`), one past the
 * allowance is recorded suppressed; delivery claims a pending message once and hands it to the
 * provider in `deps`. Policy (suppressions, quiet hours, retries) is not modelled: the real
 * delivery's tests and the integration tests cover it.
 */
import type { MessageRecord } from "../../../functions/data/messages";
import {
  allowanceFor,
  reserve,
  usedInWindow,
  type AllowanceWindow,
} from "../../../functions/domain/allowance";
import { PENDING_STATUSES } from "../../../functions/domain/messageStatus";
import type { Settings } from "../../../functions/params";
import type { DeliveryDeps } from "../../../functions/services/outbox/delivery";
import type { EnqueueResult } from "../../../functions/services/outbox/enqueue";
import {
  buildMessageRecord,
  overAllowance,
  type NewMessage,
} from "../../../functions/services/outbox/record";

export class MemoryCampaignsOutbox {
  readonly messages = new Map<string, MessageRecord>();
  /** Each sender's allowance window, as `sms_sender_allowances` holds it. */
  readonly allowances = new Map<string, AllowanceWindow>();
  /** Message ids whose delivery throws (a Firestore outage, say) instead of sending. */
  readonly failingDeliveries = new Set<string>();

  /** Messages charged to `uid` in the hour that ends at `now`. */
  chargedTo(uid: string, now: Date): number {
    return usedInWindow(this.allowances.get(uid), now);
  }

  enqueueBatch(
    messages: readonly NewMessage[],
    settings: Settings,
    now: Date,
  ): Promise<EnqueueResult[]> {
    const sender = messages[0]?.sender;
    const limit = sender ? allowanceFor(sender, settings) : 0;
    const records = messages.map((message) => buildMessageRecord(message, settings, now));
    const isNew = messages.map((message) => !this.messages.has(message.id));
    const chargeable = records.filter((record, i) => isNew[i] && record.status !== "failed");
    let room = chargeable.length;
    if (sender && chargeable.length > 0) {
      const reservation = reserve(this.allowances.get(sender.uid), room, limit, now, true);
      if (reservation.granted > 0) this.allowances.set(sender.uid, reservation.window);
      room = reservation.granted;
    }
    return Promise.resolve(
      messages.map((message, i): EnqueueResult => {
        const existing = this.messages.get(message.id);
        if (existing) return { messageId: message.id, created: false, status: existing.status };
        let record = records[i];
        if (record.status !== "failed" && room-- <= 0) record = overAllowance(record, limit);
        this.messages.set(message.id, record);
        return {
          messageId: message.id,
          created: true,
          status: record.status,
          reason: record.error?.code,
        };
      }),
    );
  }

  async deliverMessage(messageId: string, deps: DeliveryDeps): Promise<string> {
    if (this.failingDeliveries.has(messageId)) throw new Error(`deliver ${messageId}: unavailable`);
    const record = this.messages.get(messageId);
    if (!record || !PENDING_STATUSES.has(record.status)) return "not-pending";
    // Held back (quiet hours, a scheduled time): the sweep sends it when it is due.
    const dueAt = record.status === "queued" ? undefined : record.nextAttemptAt?.toMillis();
    if (dueAt !== undefined && dueAt > deps.now.getTime()) return "not-due";
    if (record.channel === "email") throw new Error(`${messageId}: campaigns send no email`);
    this.messages.set(messageId, { ...record, status: "sending", attempts: record.attempts + 1 });
    const result = await deps.provider.send({
      to: record.to,
      body: record.body,
      channel: record.channel,
      language: record.language,
      messageId,
    });
    this.messages.set(messageId, {
      ...record,
      status: "sent",
      attempts: record.attempts + 1,
      provider: result.provider,
      providerMessageId: result.providerMessageId,
    });
    return "sent";
  }
}
