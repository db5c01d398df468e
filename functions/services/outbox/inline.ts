/**
 * Delivering where a message is born: a trigger or callable that has just queued messages
 * (recorded with `deliveredInline`, so the outbox trigger leaves them alone) sends them from
 * the same invocation, one hop instead of two. Those created already claimed (./born) are sent
 * at once; the others this call created due go through the usual claim, which applies and
 * records the policy. A redelivered event finds its messages already there and leaves them to
 * whoever holds them, and a message whose inline send never happened (a crash) is the sweep's.
 */
import type { Settings } from "../../params";
import { eachLimited } from "../../domain/concurrency";
import type { MessageStatus } from "../../domain/messageStatus";
import {
  deliverMessage,
  sendClaimed,
  type ClaimedSend,
  type DeliveryDeps,
  type DeliveryOutcome,
} from "./delivery";
import * as logs from "../../logs";
import { runTransaction } from "../../data/firestore";
import { birthClaim } from "./born";
import {
  logStaged,
  resultOf,
  stageMessages,
  type EnqueueResult,
  type NewMessage,
  type StagedMessage,
} from "./enqueue";

/** Sends in flight at once from one call (a bulk send may queue a thousand). */
const SENDS_AT_ONCE = 25;

/** The status a message is left in by what its delivery came to (absent: unchanged). */
const STATUS_AFTER: Partial<Record<DeliveryOutcome, MessageStatus>> = {
  sent: "sent",
  "handed-off": "sending",
  retry: "queued",
  failed: "failed",
  suppressed: "suppressed",
  deferred: "deferred",
};

/** Sends a message this worker claimed at its creation (./born), or claims and sends one. */
export function deliverOne(
  messageId: string,
  deps: DeliveryDeps,
  claimed?: ClaimedSend,
): Promise<DeliveryOutcome> {
  return claimed ? sendClaimed(claimed, deps) : deliverMessage(messageId, deps);
}

/**
 * Sends the messages this call created and claimed or left queued; never throws. Returns the
 * results with the status each send left its message in.
 */
export async function deliverCreated(
  results: readonly EnqueueResult[],
  settings: Settings,
  now: Date,
): Promise<EnqueueResult[]> {
  const fresh = (result: EnqueueResult) =>
    result.created && (result.claimed !== undefined || result.status === "queued");
  if (!results.some(fresh)) return [...results];
  // ./delivery is already loaded (./born needs it); the providers load their SDKs on first use.
  const { providerFor } = await import("./providers");
  const deps = { settings, provider: providerFor(settings.provider), now };
  const sent = [...results];
  await eachLimited(
    [...results.keys()].filter((i) => fresh(results[i])),
    SENDS_AT_ONCE,
    async (i) => {
      const { messageId, claimed } = results[i];
      try {
        const outcome = await deliverOne(messageId, deps, claimed);
        sent[i] = { ...results[i], status: STATUS_AFTER[outcome] ?? results[i].status };
      } catch (error) {
        logs.deliveryError(messageId, error);
      }
    },
  );
  return sent;
}

/**
 * After the commit of a transaction that staged messages with a birth claim: logs them and
 * sends those this call created (see `deliverCreated`).
 */
export async function sendStaged(
  staged: readonly StagedMessage[],
  settings: Settings,
  now: Date,
): Promise<EnqueueResult[]> {
  logStaged(staged);
  return deliverCreated(staged.map(resultOf), settings, now);
}

/**
 * Queues one message (charged to its sender, if it has one) in a transaction of its own, born
 * claimed when due and allowed, and sends it from this invocation. Safe to call twice: the
 * second call finds the message and sends nothing.
 */
export async function queueAndSend(
  message: NewMessage,
  settings: Settings,
  now: Date,
): Promise<EnqueueResult> {
  const claim = await birthClaim(settings, now);
  const staged = await runTransaction(async (tx) => {
    const stage = await stageMessages(tx, [message], settings, now, claim);
    stage.write();
    return stage.messages;
  });
  const [result] = await sendStaged(staged, settings, now);
  return result;
}
