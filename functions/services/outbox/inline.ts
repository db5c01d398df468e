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
import type { EnqueueResult } from "./enqueue";

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
