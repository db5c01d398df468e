/**
 * What the monitor job, `getSystemHealth` and `healthz` measure, each with a constant number of
 * reads: aggregation queries over the messages, one document per job and per provider.
 */
import {
  countDueBefore,
  countSendingLapsedBefore,
  countsByStatusSince,
  spendSince,
} from "../../data/healthQueries";
import { readJobStatuses, unfinishedJobRuns } from "../../data/jobHealth";
import { readProviderHealths } from "../../data/providerHealth";
import { startOfUtcDay, type IncompleteRun } from "../../domain/alerts";
import type { CircuitSnapshot, CircuitState } from "../../domain/circuitBreaker";
import {
  incompleteRecords,
  runGraceMs,
  stalledJob,
  type JobStatusView,
} from "../../domain/jobHealth";
import { PENDING_STATUSES } from "../../domain/messageStatus";
import { JOB_REGISTRY, type JobEntry } from "../../jobs";
import type { ProviderName } from "../../messaging/provider";

/** A message waiting this long past its due time, or its lease, is stuck (the sweep runs each minute). */
export const STUCK_AFTER_MS = 10 * 60_000;
/** How far back the monitor looks for run records that never completed. */
const UNFINISHED_LOOKBACK_MS = 24 * 3_600_000;
const UNFINISHED_LIMIT = 50;

/** A job that runs on the clock, from the registry (functions/jobs.ts). */
export interface ScheduledJob {
  job: string;
  functionName: string;
  schedule: string;
  cadenceMs: number;
}

/** Every job with a scheduled function, in the registry's order. */
export function scheduledJobs(): ScheduledJob[] {
  return Object.entries(JOB_REGISTRY as Record<string, JobEntry>).flatMap(([job, entry]) =>
    entry.functionName && entry.cadence
      ? [
          {
            job,
            functionName: entry.functionName,
            schedule: entry.cadence.schedule,
            cadenceMs: entry.cadence.everyMs,
          },
        ]
      : [],
  );
}

/** How long after its schedule time a run of `job` may still be at work. */
export function graceOf(job: string): number {
  const cadence = scheduledJobs().find((entry) => entry.job === job)?.cadenceMs ?? 3_600_000;
  return runGraceMs(cadence);
}

/** Pending messages due, and `sending` ones whose lease lapsed, more than STUCK_AFTER_MS ago. */
export async function stuckCounts(now: Date): Promise<{ pending: number; sending: number }> {
  const before = new Date(now.getTime() - STUCK_AFTER_MS);
  const [pending, sending] = await Promise.all([
    countDueBefore([...PENDING_STATUSES], before),
    countSendingLapsedBefore(before),
  ]);
  return { pending, sending };
}

/** Messages of the last hour that reached an outcome, and those of them that failed. */
export async function lastHourOutcomes(now: Date): Promise<{ outcomes: number; failed: number }> {
  const counts = await countsByStatusSince(new Date(now.getTime() - 3_600_000), [
    "sent",
    "delivered",
    "undelivered",
    "failed",
  ] as const);
  const failed = counts.failed + counts.undelivered;
  return { outcomes: failed + counts.sent + counts.delivered, failed };
}

/** Today's (UTC) spend in `currency`. */
export function spendToday(now: Date, currency: string): Promise<number> {
  return spendSince(startOfUtcDay(now), currency);
}

/** The statuses of every scheduled job. */
export function scheduledJobStatuses(): Promise<Map<string, JobStatusView>> {
  return readJobStatuses(scheduledJobs().map(({ job }) => job));
}

/** Resumable runs past their time without completing, in the last 24 h. */
export async function incompleteRuns(now: Date): Promise<IncompleteRun[]> {
  const runs = await unfinishedJobRuns(
    new Date(now.getTime() - UNFINISHED_LOOKBACK_MS),
    now,
    UNFINISHED_LIMIT,
  );
  return incompleteRecords(runs, now, graceOf);
}

/** Runs that did not complete, and jobs none of whose runs completed lately. */
export async function jobFindings(now: Date): Promise<IncompleteRun[]> {
  const [runs, statuses] = await Promise.all([incompleteRuns(now), scheduledJobStatuses()]);
  const stalled = scheduledJobs().flatMap(
    ({ job, cadenceMs }) => stalledJob(job, statuses.get(job), cadenceMs, now) ?? [],
  );
  return [...runs, ...stalled];
}

/** The real providers' shared circuits. */
export const CIRCUIT_PROVIDERS: readonly ProviderName[] = ["twilio", "sns"];

/** The state that matters now: an open circuit whose cool-down is over waits for its probe. */
export function effectiveState(circuit: CircuitSnapshot | undefined, now: Date): CircuitState {
  if (!circuit) return "closed";
  if (circuit.state === "open" && (circuit.openUntil ?? 0) <= now.getTime()) return "half_open";
  return circuit.state;
}

/** The shared circuits of the real providers (a provider never opened has none). */
export function sharedCircuits(): Promise<Map<ProviderName, CircuitSnapshot>> {
  return readProviderHealths(CIRCUIT_PROVIDERS);
}
