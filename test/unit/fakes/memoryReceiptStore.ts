/**
 * An in-memory `ReceiptStore` for unit tests of the status callback and reconciliation: reads
 * come before writes, writes are staged and applied together at commit, and a status move is
 * checked by the production guard (data/messages `transitionFields`). Beside it, a `StatusSource`
 * that answers from a script.
 */
import type {
  DueCursor,
  DueMessage,
  ReceiptChanges,
  ReceiptMessage,
  ReceiptStore,
  ReceiptTransaction,
} from "../../../functions/data/receipts";
import type { ReminderOutcomeFields, ReminderState } from "../../../functions/data/delivery";
import { transitionFields } from "../../../functions/data/messages";
import type { MessageStatus } from "../../../functions/domain/messageStatus";
import type { DeliveryReceipt } from "../../../functions/domain/reconciliation";
import {
  ProviderError,
  type StatusLookup,
  type StatusSource,
} from "../../../functions/messaging/provider";

/** A message as the fake keeps it: what receipts read, and what they write. */
export type StoredReceiptMessage = ReceiptMessage & {
  priceUnit?: string | null;
  error?: { code: string; message: string; userMessage: string };
  deliveredAt?: Date;
  deliveryUnknown?: true;
};

/** A reminder as the fake keeps it. */
export type StoredReminder = ReminderState & { lastSentAt?: Date; errorMessage?: string | null };

/** A Twilio message sent at `sentAt`, as the outbox records it. */
export function sentMessage(
  sentAt: Date,
  fields: Partial<StoredReceiptMessage> = {},
): StoredReceiptMessage {
  return {
    status: "sent",
    type: "manual",
    channel: "sms",
    provider: "twilio",
    providerMessageId: `SM${"0".repeat(32)}`,
    reminderId: null,
    price: null,
    segments: 1,
    duration: null,
    sentAt,
    createdAt: sentAt,
    reconcileAfter: new Date(sentAt.getTime() + 10 * 60_000),
    ...fields,
  };
}

class MemoryReceiptTransaction implements ReceiptTransaction {
  readonly writes: (() => void)[] = [];

  constructor(private readonly store: MemoryReceiptStore) {}

  private read<T>(value: T): Promise<T> {
    if (this.writes.length > 0) {
      throw new Error("Firestore transactions require all reads to be executed before all writes.");
    }
    return Promise.resolve(structuredClone(value));
  }

  readMessage(messageId: string): Promise<ReceiptMessage | undefined> {
    return this.read(this.store.messages.get(messageId));
  }

  async readReminder(reminderId: string): Promise<ReminderState | undefined> {
    const reminder = await this.read(this.store.reminders.get(reminderId));
    return reminder && { lastMessageId: reminder.lastMessageId, status: reminder.status };
  }

  updateMessage(
    messageId: string,
    current: Pick<ReceiptMessage, "status" | "type">,
    to: MessageStatus | undefined,
    changes: ReceiptChanges,
  ): void {
    // The production guard: an illegal move throws here, as it does in Firestore.
    if (to) transitionFields(current, to, {});
    const { messages } = this.store;
    this.writes.push(() => {
      const stored = messages.get(messageId);
      if (!stored) throw new Error(`no message ${messageId} to update`);
      messages.set(messageId, { ...stored, ...changes, ...(to ? { status: to } : {}) });
    });
  }

  updateReminder(reminderId: string, fields: ReminderOutcomeFields): void {
    const { reminders } = this.store;
    this.writes.push(() => {
      const stored = reminders.get(reminderId);
      if (!stored) throw new Error(`no reminder ${reminderId} to update`);
      reminders.set(reminderId, { ...stored, ...fields });
    });
  }
}

export class MemoryReceiptStore implements ReceiptStore {
  readonly messages = new Map<string, StoredReceiptMessage>();
  readonly reminders = new Map<string, StoredReminder>();
  /** Messages the due queries returned, in all. */
  dueRead = 0;

  async runTransaction<T>(work: (tx: ReceiptTransaction) => Promise<T>): Promise<T> {
    const tx = new MemoryReceiptTransaction(this);
    const result = await work(tx);
    tx.writes.forEach((write) => write());
    return result;
  }

  async messageIdWithProviderId(providerMessageId: string): Promise<string | undefined> {
    return [...this.messages].find(([, m]) => m.providerMessageId === providerMessageId)?.[0];
  }

  async dueForReconciliation(now: Date, limit: number, after?: DueCursor): Promise<DueMessage[]> {
    const key = (at: Date, id: string) => `${at.toISOString()}|${id}`;
    const from = after ? key(after.reconcileAfter, after.messageId) : "";
    const due = [...this.messages]
      .filter(([, m]) => m.reconcileAfter && m.reconcileAfter <= now)
      .map(([messageId, m]) => ({
        messageId,
        reconcileAfter: m.reconcileAfter as Date,
        providerMessageId: m.providerMessageId,
        channel: m.channel,
      }))
      .sort((a, b) =>
        key(a.reconcileAfter, a.messageId) < key(b.reconcileAfter, b.messageId) ? -1 : 1,
      )
      .filter((m) => key(m.reconcileAfter, m.messageId) > from)
      .slice(0, limit);
    this.dueRead += due.length;
    return due;
  }
}

/** A provider that answers fetches from `receipts` by SID; an unknown SID is a 404. */
export class ScriptedStatusSource implements StatusSource {
  readonly receipts = new Map<string, DeliveryReceipt | Error>();
  readonly lookups: StatusLookup[] = [];

  async fetchStatus(lookup: StatusLookup): Promise<DeliveryReceipt> {
    this.lookups.push(lookup);
    const receipt = this.receipts.get(lookup.providerMessageId);
    if (receipt instanceof Error) throw receipt;
    if (!receipt) {
      throw new ProviderError("twilio", "configuration", "twilio:20404", "Not found", "", false);
    }
    return structuredClone(receipt);
  }
}
