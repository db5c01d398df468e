/**
 * The outbox sweep: the safety net that keeps every accepted message moving towards a final
 * status. It re-queues messages whose claim lapsed (a crashed or timed-out send) and delivers
 * messages that are due: retries after backoff, scheduled sends, rate-limit deferrals, and any
 * queued message whose trigger never ran.
 */
import { Timestamp } from "firebase-admin/firestore";
import { db } from "../../data/firestore";
import { eachLimited } from "../../domain/concurrency";
import {
  messageRef,
  messagesCollection,
  transitionMessage,
  type MessageRecord,
} from "../../data/messages";
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
  return db().runTransaction(async (tx) => {
    const ref = messageRef(messageId);
    const record = (await tx.get(ref)).data() as MessageRecord | undefined;
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
  const now = Timestamp.fromDate(deps.now);
  const report: SweepReport = { requeued: 0, failedInterrupted: 0, outcomes: {} };

  const lapsed = await messagesCollection()
    .where("status", "==", "sending")
    .where("leaseExpiresAt", "<=", now)
    .limit(PAGE_SIZE * MAX_PAGES)
    .get();
  await eachLimited(lapsed.docs, CONCURRENCY, async (doc) => {
    const result = await releaseLapsedClaim(doc.id, deps);
    if (result === "requeued") report.requeued++;
    if (result === "failed") report.failedInterrupted++;
  });

  const seen = new Set<string>();
  for (let page = 0; page < MAX_PAGES; page++) {
    const due = await messagesCollection()
      .where("status", "in", [...PENDING_STATUSES])
      .where("nextAttemptAt", "<=", now)
      .orderBy("nextAttemptAt")
      .limit(PAGE_SIZE)
      .get();
    // A message that stays pending and due (its claim lost a race) must not loop the run.
    const fresh = due.docs.filter((doc) => !seen.has(doc.id));
    fresh.forEach((doc) => seen.add(doc.id));
    await eachLimited(fresh, CONCURRENCY, async (doc) => {
      try {
        const outcome = await deliverMessage(doc.id, deps);
        report.outcomes[outcome] = (report.outcomes[outcome] ?? 0) + 1;
      } catch (error) {
        // One message's trouble (say, transaction contention) must not stop the others; it
        // is still pending and the next sweep takes it again.
        logs.deliveryError(doc.id, error);
      }
    });
    if (due.size < PAGE_SIZE || fresh.length === 0) break;
  }
  logs.sweepFinished({
    requeued: report.requeued,
    failedInterrupted: report.failedInterrupted,
    ...report.outcomes,
  });
  return report;
}
