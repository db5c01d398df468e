/**
 * Delivering where a message is born: a trigger that has just queued its notifications
 * (recorded with `deliveredInline`, so the outbox trigger leaves them alone) sends them from
 * the same invocation, one hop instead of two. Only messages this call created are sent: a
 * redelivered event finds its messages already queued and leaves them to whoever holds them,
 * and a message whose inline send never happened (a crash) is the sweep's, within a minute.
 */
import type { Settings } from "../../params";
import * as logs from "../../logs";
import type { EnqueueResult } from "./enqueue";

/** Sends the messages this call created and left queued; never throws (the sweep is the net). */
export async function deliverCreated(
  results: readonly EnqueueResult[],
  settings: Settings,
  now: Date,
): Promise<void> {
  const fresh = results.filter((result) => result.created && result.status === "queued");
  if (fresh.length === 0) return;
  const [{ deliverMessage }, { providerFor }] = await Promise.all([
    import("./delivery"),
    import("./providers"),
  ]);
  const provider = providerFor(settings.provider);
  await Promise.all(
    fresh.map(({ messageId }) =>
      deliverMessage(messageId, { settings, provider, now }).catch((error: unknown) =>
        logs.deliveryError(messageId, error),
      ),
    ),
  );
}
