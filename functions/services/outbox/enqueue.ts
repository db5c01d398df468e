/**
 * Queueing a message: the one way into the outbox for every notification, job and callable.
 * Here, once, a message is charged to what its sender may still cause (the allowance) and
 * recorded under its deterministic id (see ./record for what the record says, and ./variant
 * for the A/B variant of a template that has some).
 */
import type { Transaction } from "firebase-admin/firestore";
import { runTransaction } from "../../data/firestore";
import {
  createMessage,
  createMessageIn,
  messagesExist,
  type MessageRecord,
} from "../../data/messages";
import { allowanceFor } from "../../domain/allowance";
import { preferredShard } from "../../domain/allowanceShards";
import { PENDING_STATUSES, type MessageStatus } from "../../domain/messageStatus";
import type { Settings } from "../../params";
import * as logs from "../../logs";
import { charge, completeCharge, startCharge } from "./allowance";
import { overAllowance } from "./record";
import { buildVariantRecord, type NewMessage } from "./variant";
import { claimAtBirth, readBirthPolicies, stageBirthClaim, type BirthClaim } from "./born";
import type { ClaimedSend } from "./delivery";

export type { NewMessage } from "./variant";

export interface EnqueueResult {
  messageId: string;
  /** False when the notification had been queued before. */
  created: boolean;
  status: MessageStatus;
  /** The error code when it was recorded but will not be sent (`sender_limit`, ...). */
  reason?: string;
  /** Created already claimed (./born): the caller sends it. */
  claimed?: ClaimedSend;
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
  /** Created already claimed (./born): the caller sends it once the transaction commits. */
  claimed?: ClaimedSend;
}

/**
 * A new message that will be sent counts against its sender; one already queued, or recorded
 * failed or suppressed at once, does not.
 */
function isChargeable(record: MessageRecord, exists: boolean): boolean {
  return !exists && PENDING_STATUSES.has(record.status);
}

function chargeableCount(records: readonly MessageRecord[], exists: readonly boolean[]): number {
  return records.filter((record, i) => isChargeable(record, exists[i])).length;
}

/** The records as the allowance leaves them: the chargeable ones past `granted` are suppressed. */
function withinGrant(
  records: readonly MessageRecord[],
  exists: readonly boolean[],
  granted: number,
  limit: number,
): MessageRecord[] {
  let room = granted;
  return records.map((record, i) =>
    isChargeable(record, exists[i]) && room-- <= 0 ? overAllowance(record, limit) : record,
  );
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
 * `sender_limit`). All messages of one call share one sender, or have none. With `claim`, the
 * new due ones the policy would send are created already claimed (./born), for the caller to
 * send after the commit; every read shares one round trip.
 */
export function stageMessages(
  tx: Transaction,
  messages: readonly NewMessage[],
  settings: Settings,
  now: Date,
  claim?: BirthClaim,
): Promise<Staged> {
  return stage(tx, messages, settings, now, { claim, charge: true });
}

/**
 * How `stage` charges: in its transaction (`charge: true`), or not at all because the caller
 * has charged already, granting `grant` of the new messages (all when absent) of a `limit`.
 */
interface StageOptions {
  claim?: BirthClaim;
  charge: boolean;
  grant?: number;
  limit?: number;
}

/** `stageMessages`, or without a charge for messages whose allowance is already charged. */
async function stage(
  tx: Transaction,
  messages: readonly NewMessage[],
  settings: Settings,
  now: Date,
  { claim, charge, grant, limit: chargedLimit = 0 }: StageOptions,
): Promise<Staged> {
  const sender = charge ? messages[0]?.sender : undefined;
  // With a claim the caller delivers what it queues: the outbox trigger leaves it alone.
  const records = messages.map((message) =>
    buildVariantRecord(claim ? { ...message, deliveredInline: true } : message, settings, now),
  );
  // The sender's first allowance shard is read with the rest (one round trip).
  const pending = sender ? startCharge(tx, sender.uid, preferredShard(messages[0].id)) : undefined;
  const [exists, policies] = await Promise.all([
    messagesExist(
      messages.map((m) => m.id),
      tx,
    ),
    claim ? readBirthPolicies(tx, records, claim) : [],
  ]);
  const count = chargeableCount(records, exists);
  const limit = sender ? allowanceFor(sender, settings) : chargedLimit;
  const reservation = pending ? await completeCharge(pending, count, limit, now, true) : undefined;
  const charged = withinGrant(records, exists, reservation?.granted ?? grant ?? count, limit);
  const staged = messages.map((message, i): StagedMessage => {
    const item = { messageId: message.id, record: charged[i], created: !exists[i] };
    return claim && item.created
      ? { ...item, ...claimAtBirth(item.messageId, item.record, policies[i], claim) }
      : item;
  });
  return {
    messages: staged,
    write: () => {
      staged.forEach((item, i) => {
        if (!item.created) return;
        createMessageIn(tx, item.messageId, item.record);
        const policy = policies[i];
        if (claim && item.claimed && policy) stageBirthClaim(tx, item.claimed, policy, claim);
      });
      if (reservation?.granted) reservation.write();
    },
  };
}

/**
 * Queues a message under its deterministic id. Delivery starts from the outbox trigger (or the
 * sweep, for scheduled sends); this only records the intent, so it is safe to call twice: a
 * second call finds the message and charges nothing (the check and the charge share one
 * transaction).
 */
export async function enqueueMessage(
  message: NewMessage,
  settings: Settings,
  now: Date,
): Promise<EnqueueResult> {
  let item: StagedMessage;
  if (message.sender) {
    [item] = await runTransaction(async (tx) => {
      const staged = await stageMessages(tx, [message], settings, now);
      staged.write();
      return staged.messages;
    });
  } else {
    const record = buildVariantRecord(message, settings, now);
    item = { messageId: message.id, record, created: await createMessage(message.id, record) };
  }
  logStaged([item]);
  return resultOf(item);
}

/** What a staged message came to, as the caller of a queueing function sees it. */
export function resultOf({ messageId, created, record, claimed }: StagedMessage): EnqueueResult {
  return {
    messageId,
    created,
    status: record.status,
    reason: record.error?.code,
    ...(claimed ? { claimed } : {}),
  };
}

/**
 * Queues many messages of one sender (a campaign batch): those that exist already are left
 * alone, the new ones are charged to the sender in one short transaction of the allowance
 * document alone (a long one would hold up every other batch of the same sender), and those
 * past the allowance are recorded `suppressed`; the due ones the policy would send are created
 * already claimed (./born), for the caller to send. A retry after a crash may charge a message
 * twice, never send it twice.
 */
export async function enqueueBatch(
  messages: readonly NewMessage[],
  settings: Settings,
  now: Date,
  claim: BirthClaim,
): Promise<EnqueueResult[]> {
  if (messages.length === 0) return [];
  const sender = messages[0].sender;
  const exists = await messagesExist(messages.map((m) => m.id));
  const records = messages.map((message) => buildVariantRecord(message, settings, now));
  const count = chargeableCount(records, exists);
  const limit = sender ? allowanceFor(sender, settings) : 0;
  const granted = sender && count > 0 ? await charge(sender, count, limit, now, true) : count;
  const staged = await stageCharged(messages, { exists, records, granted, limit }, claim);
  logStaged(staged);
  return staged.map(resultOf);
}

/** Messages queued per transaction with a birth claim: with their windows, within 500 writes. */
const CLAIMED_CHUNK = 100;

/** What a caller that has charged already knows of its messages, in their order. */
interface Charged {
  exists: readonly boolean[];
  records: readonly MessageRecord[];
  granted: number;
  limit: number;
}

/**
 * Stages charged messages, the due ones born claimed, a transaction per hundred (in parallel):
 * each chunk is granted what is left of `granted`, in order, so the same messages are
 * suppressed `sender_limit` as one transaction would have suppressed.
 */
async function stageCharged(
  messages: readonly NewMessage[],
  { exists, records, granted, limit }: Charged,
  claim: BirthClaim,
): Promise<StagedMessage[]> {
  let room = granted;
  const chunks: { messages: readonly NewMessage[]; grant: number }[] = [];
  for (let start = 0; start < messages.length; start += CLAIMED_CHUNK) {
    const end = start + CLAIMED_CHUNK;
    const chargeable = chargeableCount(records.slice(start, end), exists.slice(start, end));
    const grant = Math.min(room, chargeable);
    room -= grant;
    chunks.push({ messages: messages.slice(start, end), grant });
  }
  const { settings, now } = claim;
  const staged = await Promise.all(
    chunks.map((chunk) =>
      runTransaction(async (tx) => {
        const options = { claim, charge: false, grant: chunk.grant, limit };
        const staging = await stage(tx, chunk.messages, settings, now, options);
        staging.write();
        return staging.messages;
      }),
    ),
  );
  return staged.flat();
}

/**
 * Queues messages whose allowance `reserveAllowance` (./allowance) has already charged (a
 * callable's accepted recipients), a transaction per hundred, the due ones born claimed
 * (./born) for the caller to send (./inline `sendStaged`). Random ids: each call is a new
 * request, never a retry of one.
 */
export async function enqueueReserved(
  messages: readonly NewMessage[],
  settings: Settings,
  now: Date,
  claim: BirthClaim,
): Promise<StagedMessage[]> {
  const records = messages.map((message) => buildVariantRecord(message, settings, now));
  const exists = messages.map(() => false);
  return stageCharged(messages, { exists, records, granted: messages.length, limit: 0 }, claim);
}
