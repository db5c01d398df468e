/**
 * The outbox sweep: the safety net that keeps every accepted message moving towards a final
 * status. It re-queues messages whose claim lapsed (a crashed or timed-out send) and delivers
 * messages that are due: retries after backoff, scheduled sends, rate-limit deferrals, and any
 * queued message whose trigger never ran.
 */
import { Timestamp } from "firebase-admin/firestore";
import { runTransaction } from "../../data/firestore";
import { eachLimited } from "../../domain/concurrency";
import { dueMessageIds, lapsedClaimIds, readMessage, transitionMessage } from "../../data/messages";
import { PENDING_STATUSES } from "../../domain/messageStatus";
import { deliverMessage, type DeliveryDeps, type DeliveryOutcome } from "./delivery";
import * as logs from "../../logs";

/** Messages handled per query; a run repeats the query until it runs dry or out of pages. */
const PAGE_SIZE = 100;
const MAX_PAGES = 10;
/** Sends in flight at once within one run. */
const CONCURRENCY = 10;

export interface SweepReport {
  requeued: number;
  failedInterrupted: number;
  outcomes: Partial<Record<DeliveryOutcome, number>>;
}

/** Puts a message whose claim lapsed back in the queue, or fails it when attempts are used up. */
async function releaseLapsedClaim(
  messageId: string,
  deps: DeliveryDeps,
): Promise<"requeued" | "failed" | "unchanged"> {
  return runTransaction(async (tx) => {
    const record = await readMessage(tx, messageId);
    const lapsed =
      record?.status === "sending" &&
      record.leaseExpiresAt !== null &&
      record.leaseExpiresAt.toMillis() <= deps.now.getTime();
    if (!record || !lapsed) return "unchanged";
    const released = { claimId: null, leaseExpiresAt: null };
    if (record.attempts >= deps.settings.maxAttempts) {
      const error = {
        code: "interrupted",
        message: `The last of ${record.attempts} attempts was interrupted before it finished`,
        userMessage: "The message could not be sent after several attempts.",
      };
      transitionMessage(tx, messageId, record, "failed", { ...released, error });
      return "failed";
    }
    transitionMessage(tx, messageId, record, "queued", {
      ...released,
      nextAttemptAt: Timestamp.fromDate(deps.now),
    });
    return "requeued";
  });
}

/** One sweep at `deps.now`. Safe to run concurrently with itself and with the trigger. */
export async function sweepOutbox(deps: DeliveryDeps): Promise<SweepReport> {
  const report: SweepReport = { requeued: 0, failedInterrupted: 0, outcomes: {} };

  const lapsed = await lapsedClaimIds(deps.now, PAGE_SIZE * MAX_PAGES);
  await eachLimited(lapsed, CONCURRENCY, async (messageId) => {
    const result = await releaseLapsedClaim(messageId, deps);
    if (result === "requeued") report.requeued++;
    if (result === "failed") report.failedInterrupted++;
  });

  const seen = new Set<string>();
  for (let page = 0; page < MAX_PAGES; page++) {
    const due = await dueMessageIds([...PENDING_STATUSES], deps.now, PAGE_SIZE);
    // A message that stays pending and due (its claim lost a race) must not loop the run.
    const fresh = due.filter((messageId) => !seen.has(messageId));
    fresh.forEach((messageId) => seen.add(messageId));
    await eachLimited(fresh, CONCURRENCY, async (messageId) => {
      try {
        const outcome = await deliverMessage(messageId, deps);
        report.outcomes[outcome] = (report.outcomes[outcome] ?? 0) + 1;
      } catch (error) {
        // One message's trouble (say, transaction contention) must not stop the others; it
        // is still pending and the next sweep takes it again.
        logs.deliveryError(messageId, error);
      }
    });
    if (due.length < PAGE_SIZE || fresh.length === 0) break;
  }
  logs.sweepFinished({
    requeued: report.requeued,
    failedInterrupted: report.failedInterrupted,
    ...report.outcomes,
  });
  return report;
}
