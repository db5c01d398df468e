/**
 * Reconciliation (the hourly `reconcile` job): asks Twilio about every message and call it
 * accepted that is still `sent` 10 minutes later, or final without a price, and records the
 * real status, its reason, the price, segments and a call's duration (domain/reconciliation).
 *
 * Bounded: it reads only messages whose `reconcileAfter` is due (a single-field index; nothing
 * else carries the field), in pages, at most MAX_PER_RUN of them and within a time budget; the
 * rest wait for the next run, longest due first. Each check reschedules or closes its message,
 * so a rerun finds nothing more to do, and the status callback may race it safely: every write
 * is a transaction on the message as it is then.
 */
import {
  firestoreReceiptStore,
  type DueCursor,
  type DueMessage,
  type ReceiptChanges,
  type ReceiptStore,
} from "../../data/receipts";
import { eachLimited } from "../../domain/concurrency";
import { decideReconciliation, type DeliveryReceipt } from "../../domain/reconciliation";
import type { StatusSource } from "../../messaging/provider";
import { createTwilioProvider } from "../../messaging/twilio/provider";
import type { Settings } from "../../params";
import * as logs from "../../operationsLogs";
import { recordReceipt } from "./receipts";

/** Messages checked per run at most; the rest are checked by the next runs. */
export const MAX_PER_RUN = 500;
const PAGE_SIZE = 100;
/** Requests to Twilio in flight at once. */
const CONCURRENCY = 10;
/** Leaves the function (540 s timeout) room to finish its last page. */
const DEFAULT_BUDGET_MS = 5 * 60_000;

export interface ReconcileDeps {
  /** The schedule time (or the clock, for a run by hand). */
  now: Date;
  source: StatusSource;
  store?: ReceiptStore;
  maxPerRun?: number;
  budgetMs?: number;
  /** Milliseconds for the budget; Date.now by default. */
  clock?: () => number;
}

/** What one run did. */
export interface ReconcileReport {
  /** Messages looked at. */
  checked: number;
  delivered: number;
  undelivered: number;
  failed: number;
  /** Messages whose price was recorded. */
  priced: number;
  /** Closed after 72 h still `sent` (`deliveryUnknown`). */
  closed: number;
  /** Still open: checked again later. */
  pending: number;
  /** Twilio could not be asked (the message is checked again later, or closed at 72 h). */
  fetchErrors: number;
  /** Messages whose result could not be recorded (they stay due). */
  errors: number;
  /** The cap or the time budget stopped the run with due messages possibly left. */
  more: boolean;
}

/** A report of a run that did nothing yet. */
export function emptyReconcileReport(): ReconcileReport {
  return {
    checked: 0,
    delivered: 0,
    undelivered: 0,
    failed: 0,
    priced: 0,
    closed: 0,
    pending: 0,
    fetchErrors: 0,
    errors: 0,
    more: false,
  };
}

/** What the provider says of `due`; undefined when it cannot be asked. */
async function fetchReceipt(
  due: DueMessage,
  source: StatusSource,
  report: ReconcileReport,
): Promise<DeliveryReceipt | undefined> {
  if (!due.providerMessageId) return undefined;
  try {
    const channel = due.channel === "email" ? "sms" : due.channel;
    return await source.fetchStatus({ providerMessageId: due.providerMessageId, channel });
  } catch (error) {
    report.fetchErrors++;
    logs.reconcileFetchFailed(due.messageId, error);
    return undefined;
  }
}

/** Checks one message: asks the provider, then records the verdict on the message as it is now. */
async function reconcileOne(
  due: DueMessage,
  deps: ReconcileDeps,
  store: ReceiptStore,
  report: ReconcileReport,
): Promise<void> {
  const receipt = await fetchReceipt(due, deps.source, report);
  const { now } = deps;
  const verdict = await store.runTransaction(async (tx) => {
    const current = await tx.readMessage(due.messageId);
    // Settled or rescheduled meanwhile (a status callback, an overlapping run).
    if (!current?.reconcileAfter || current.reconcileAfter > now) return undefined;
    const sentAt = current.sentAt ?? current.createdAt ?? due.reconcileAfter;
    const decision = decideReconciliation({ ...current, sentAt }, receipt, now);
    const changes: ReceiptChanges = { ...decision.fields, reconcileAfter: decision.nextCheckAt };
    if (decision.deliveryUnknown) changes.deliveryUnknown = true;
    await recordReceipt(tx, due.messageId, current, decision.to, changes, now);
    return decision;
  });
  if (!verdict) return;
  report.checked++;
  if (verdict.to === "delivered") report.delivered++;
  if (verdict.to === "undelivered") report.undelivered++;
  if (verdict.to === "failed") report.failed++;
  if (verdict.fields.price !== undefined) report.priced++;
  if (verdict.deliveryUnknown) report.closed++;
  if (verdict.nextCheckAt) report.pending++;
}

/** One reconciliation run as of `deps.now`. Safe to run twice and beside the status callback. */
export async function reconcileMessages(deps: ReconcileDeps): Promise<ReconcileReport> {
  const store = deps.store ?? firestoreReceiptStore();
  const clock = deps.clock ?? Date.now;
  const startedAt = clock();
  const budgetMs = deps.budgetMs ?? DEFAULT_BUDGET_MS;
  const max = deps.maxPerRun ?? MAX_PER_RUN;
  const report = emptyReconcileReport();
  let looked = 0;
  let after: DueCursor | undefined;
  while (looked < max) {
    if (clock() - startedAt >= budgetMs) {
      report.more = true;
      break;
    }
    const wanted = Math.min(PAGE_SIZE, max - looked);
    // One more than wanted says whether another page follows, without a query to find out.
    const found = await store.dueForReconciliation(deps.now, wanted + 1, after);
    const page = found.slice(0, wanted);
    // Past the last one read: a message whose write failed stays due but must not loop the run.
    after = page[page.length - 1];
    looked += page.length;
    await eachLimited(page, CONCURRENCY, async (due) => {
      try {
        await reconcileOne(due, deps, store, report);
      } catch (error) {
        report.errors++;
        logs.reconcileError(due.messageId, error);
      }
    });
    if (found.length <= wanted) break;
    if (looked >= max) report.more = true;
  }
  logs.reconcileFinished({ ...report, more: report.more ? 1 : 0 });
  return report;
}

/** The job's entry: reconciles with the Twilio account of `settings`, when there is one. */
export async function reconcileWithTwilio(
  settings: Settings,
  now: Date,
): Promise<ReconcileReport | { skipped: string }> {
  const { accountSid, authToken } = settings.provider.twilio;
  if (!accountSid || !authToken) return { skipped: "Twilio is not configured" };
  const source = createTwilioProvider({ ...settings.provider.twilio, accountSid, authToken });
  return reconcileMessages({ now, source });
}
