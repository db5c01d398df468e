/**
 * Delivering where a message is born: a trigger or callable that has just queued messages
 * (recorded with `deliveredInline`, so the outbox trigger leaves them alone) sends them from
 * the same invocation, one hop instead of two. Those created already claimed (./born) are sent
 * at once; the others this call created due go through the usual claim, which applies and
 * records the policy. A redelivered event finds its messages already there and leaves them to
 * whoever holds them, and a message whose inline send never happened (a crash) is the sweep's.
 */
import type { Settings } from "../../params";
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

/** Sends the messages this call created and claimed or left queued; never throws. */
export async function deliverCreated(
  results: readonly EnqueueResult[],
  settings: Settings,
  now: Date,
): Promise<void> {
  const fresh = results.filter(
    (result) => result.created && (result.claimed || result.status === "queued"),
  );
  if (fresh.length === 0) return;
  const [{ deliverMessage, sendClaimed }, { providerFor }] = await Promise.all([
    import("./delivery"),
    import("./providers"),
  ]);
  const deps = { settings, provider: providerFor(settings.provider), now };
  await Promise.all(
    fresh.map(({ messageId, claimed }) =>
      (claimed ? sendClaimed(claimed, deps) : deliverMessage(messageId, deps)).catch(
        (error: unknown) => logs.deliveryError(messageId, error),
      ),
    ),
  );
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
  const results = staged.map(resultOf);
  await deliverCreated(results, settings, now);
  return results;
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
