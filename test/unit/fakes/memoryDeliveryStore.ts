/**
 * An in-memory `DeliveryStore` for unit tests. Transactions behave like Firestore's where
 * delivery depends on it: reads come before writes, writes are staged and applied together at
 * commit, an update of a missing document fails the whole commit, and a transaction whose
 * reads changed meanwhile runs again (so two concurrent claims cannot both win). Beside it, a
 * provider that records its sends.
 */
import type {
  DeliveryMessage,
  DeliveryStore,
  DeliveryTransaction,
  MailDocument,
  MessageChanges,
  ReminderOutcomeFields,
  ReminderState,
} from "../../../functions/data/delivery";
import { transitionFields } from "../../../functions/data/messages";
import type { MessageStatus } from "../../../functions/domain/messageStatus";
import type { SuppressionFields } from "../../../functions/data/suppressions";
import { ProviderError } from "../../../functions/messaging/provider";
import { classifyTwilioError } from "../../../functions/messaging/twilio/errors";
import type { Settings } from "../../../functions/params";
import { testSettings } from "./settings";
export { RecordingProvider, type Reply } from "./recordingProvider";

/** A message as the fake keeps it: what delivery reads, plus what its outcomes write. */
export type StoredMessage = DeliveryMessage & Omit<MessageChanges, keyof DeliveryMessage>;

/** A reminder as the fake keeps it. */
export type StoredReminder = ReminderState & { lastSentAt?: Date; errorMessage?: string | null };

export interface StoredSendWindow {
  sentAt: Date[];
  expireAt: Date;
}

/** Firestore gives up after this many attempts of a contended transaction. */
const MAX_ATTEMPTS = 5;

interface StagedWrite {
  key: string;
  /** For an update: the document must exist at commit. */
  mustExist?: () => boolean;
  apply: () => void;
}

class MemoryTransaction implements DeliveryTransaction {
  readonly readVersions = new Map<string, number>();
  readonly writes: StagedWrite[] = [];

  constructor(private readonly store: MemoryDeliveryStore) {}

  /** A copy, so the caller cannot change the store except through staged writes. */
  private async read<T>(key: string, value: T): Promise<T> {
    if (this.writes.length > 0) {
      throw new Error("Firestore transactions require all reads to be executed before all writes.");
    }
    this.readVersions.set(key, this.store.versionOf(key));
    return structuredClone(value);
  }

  readMessage(messageId: string): Promise<DeliveryMessage | undefined> {
    const message = this.store.messages.get(messageId);
    return this.read(`messages/${messageId}`, message);
  }

  async isSuppressed(e164: string): Promise<boolean> {
    return (
      (await this.read(`suppressions/${e164}`, this.store.suppressions.get(e164))) !== undefined
    );
  }

  readUser(userId: string): Promise<Record<string, unknown> | undefined> {
    return this.read(`users/${userId}`, this.store.users.get(userId));
  }

  async readSendWindow(e164: string): Promise<Date[]> {
    const window = await this.read(`sendWindows/${e164}`, this.store.sendWindows.get(e164));
    return window?.sentAt ?? [];
  }

  async readReminder(reminderId: string): Promise<ReminderState | undefined> {
    const reminder = await this.read(
      `reminders/${reminderId}`,
      this.store.reminders.get(reminderId),
    );
    return reminder && { lastMessageId: reminder.lastMessageId, status: reminder.status };
  }

  transitionMessage(
    messageId: string,
    message: Pick<DeliveryMessage, "status" | "type">,
    to: MessageStatus,
    changes: MessageChanges,
  ): void {
    // The production guard and redaction: an illegal move throws here, as it does in Firestore.
    const { body } = transitionFields(message, to, {});
    const { messages } = this.store;
    this.writes.push({
      key: `messages/${messageId}`,
      mustExist: () => messages.has(messageId),
      apply: () => {
        const current = messages.get(messageId) as StoredMessage;
        const redacted = typeof body === "string" ? { body } : {};
        messages.set(messageId, { ...current, ...changes, ...redacted, status: to });
      },
    });
  }

  addSuppression(e164: string, fields: SuppressionFields): void {
    const { suppressions } = this.store;
    this.writes.push({
      key: `suppressions/${e164}`,
      apply: () => suppressions.set(e164, { ...suppressions.get(e164), ...fields }),
    });
  }

  writeSendWindow(e164: string, sends: readonly Date[], expireAt: Date): void {
    const { sendWindows } = this.store;
    this.writes.push({
      key: `sendWindows/${e164}`,
      apply: () => sendWindows.set(e164, { sentAt: [...sends], expireAt }),
    });
  }

  writeMail(messageId: string, mail: MailDocument): void {
    const { mail: outbox } = this.store;
    this.writes.push({ key: `mail/${messageId}`, apply: () => outbox.set(messageId, mail) });
  }

  addDailySegments(messageId: string, segments: number, now: Date): void {
    const { store } = this;
    this.writes.push({
      key: `dailyUsage/${utcDay(now)}`,
      apply: () => void store.addDailySegments(messageId, segments, now),
    });
  }

  updateReminder(reminderId: string, fields: ReminderOutcomeFields): void {
    const { reminders } = this.store;
    this.writes.push({
      key: `reminders/${reminderId}`,
      mustExist: () => reminders.has(reminderId),
      apply: () => {
        const current = reminders.get(reminderId) as StoredReminder;
        reminders.set(reminderId, { ...current, ...fields });
      },
    });
  }
}

export class MemoryDeliveryStore implements DeliveryStore {
  readonly messages = new Map<string, StoredMessage>();
  /** Opted-out numbers (E.164) and why. */
  readonly suppressions = new Map<string, SuppressionFields>();
  /** User documents as a client wrote them. */
  readonly users = new Map<string, Record<string, unknown>>();
  /** Per number, its recent sends. */
  readonly sendWindows = new Map<string, StoredSendWindow>();
  readonly reminders = new Map<string, StoredReminder>();
  /** What was handed to the Trigger Email extension, by message id. */
  readonly mail = new Map<string, MailDocument>();
  /** Segments counted per UTC day (`YYYY-MM-DD`). */
  readonly dailySegments = new Map<string, number>();
  /** Transactions that ran again because a document they read changed before they committed. */
  contentions = 0;
  private readonly versions = new Map<string, number>();

  versionOf(key: string): number {
    return this.versions.get(key) ?? 0;
  }

  async runTransaction<T>(work: (tx: DeliveryTransaction) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const tx = new MemoryTransaction(this);
      const result = await work(tx);
      if (this.commit(tx)) return result;
      this.contentions++;
      if (attempt >= MAX_ATTEMPTS) throw new Error("Transaction contended too often");
    }
  }

  /** Like Firestore's, it runs again when what it read changed; here, read-only checks too. */
  runOptimistic<T>(work: (tx: DeliveryTransaction) => Promise<T>): Promise<T> {
    return this.runTransaction(work);
  }

  /** Applies the staged writes if nothing read has changed since; false when it had. */
  private commit(tx: MemoryTransaction): boolean {
    for (const [key, version] of tx.readVersions) {
      if (this.versionOf(key) !== version) return false;
    }
    const missing = tx.writes.find((write) => write.mustExist && !write.mustExist());
    if (missing) throw new Error(`5 NOT_FOUND: No document to update: ${missing.key}`);
    for (const write of tx.writes) {
      write.apply();
      this.versions.set(write.key, this.versionOf(write.key) + 1);
    }
    return true;
  }

  segmentsSentToday(now: Date): Promise<number> {
    return Promise.resolve(this.dailySegments.get(utcDay(now)) ?? 0);
  }

  addDailySegments(_messageId: string, segments: number, now: Date): Promise<void> {
    const day = utcDay(now);
    this.dailySegments.set(day, (this.dailySegments.get(day) ?? 0) + segments);
    return Promise.resolve();
  }
}

function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Settings for delivery tests: at most 3 sends per number per hour, 3 attempts, no daily limit. */
export const DELIVERY_SETTINGS: Settings = testSettings({
  rateLimitPerHour: 3,
  quietHours: "21:00-08:00",
  maxAttempts: 3,
  allowedCountries: ["US", "TR"],
});

/** A queued message to `to`, due at `now`, never tried; `fields` override. */
export function queuedMessage(
  to: string,
  now: Date,
  fields: Partial<StoredMessage> = {},
): StoredMessage {
  return {
    to,
    body: "Hi Ada, you have a new task: Algebra.",
    channel: "sms",
    type: "task_created",
    language: "en",
    status: "queued",
    userId: "ada",
    reminderId: null,
    segments: 1,
    attempts: 0,
    optOutExempt: false,
    claimId: null,
    error: null,
    nextAttemptAt: now,
    ...fields,
  };
}

/** A Twilio failure as the Twilio adapter raises it. */
export function twilioError(code: number, status = 400): ProviderError {
  const c = classifyTwilioError({ code, status, message: `Twilio error ${code}` });
  return new ProviderError("twilio", c.kind, c.code, c.message, c.userMessage, c.retryable);
}
