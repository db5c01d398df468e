/**
 * How a scheduled job is doing, from two records: the run record of the resumable jobs
 * (`sms_job_runs`, with `completedAt` once done) and the status every scheduled function leaves
 * when an invocation ends (`sms_job_status/{job}`: its last outcome and its last completed run).
 */
import type { IncompleteRun } from "./alerts";

export type RunOutcome = "completed" | "failed" | "running" | "incomplete";

/** A resumable run's record, as far as health goes. */
export interface RunRecordView {
  runId: string;
  job: string;
  scheduleTime: Date;
  completedAt: Date | null;
  invocations: number;
}

/** The last invocation of a scheduled function, and the last one that completed. */
export interface JobStatusView {
  lastScheduleTime: Date;
  lastFinishedAt: Date;
  lastOutcome: "completed" | "failed";
  lastError: string | null;
  lastCompletedScheduleTime: Date | null;
}

/** The last run of a job, as `getSystemHealth` shows it. */
export interface LastRun {
  scheduleTime: Date;
  outcome: RunOutcome;
  finishedAt: Date | null;
  error: string | null;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * How long after its schedule time a run may still legitimately be at work: an hourly job
 * retries (up to 3 times after a 540 s timeout) within the hour; the others do not retry.
 */
export function runGraceMs(cadenceMs: number): number {
  return cadenceMs >= HOUR ? HOUR : 10 * MINUTE;
}

/** A run record's outcome at `now`: done, still within its grace, or given up on. */
export function recordOutcome(run: RunRecordView, now: Date, graceMs: number): RunOutcome {
  if (run.completedAt) return "completed";
  return now.getTime() - run.scheduleTime.getTime() < graceMs ? "running" : "incomplete";
}

/** The later of the run record and the status; at the same time, the record's completion wins. */
export function lastRunOf(
  run: RunRecordView | undefined,
  status: JobStatusView | undefined,
  now: Date,
  graceMs: number,
): LastRun | null {
  const fromRun = run && {
    scheduleTime: run.scheduleTime,
    outcome: recordOutcome(run, now, graceMs),
    finishedAt: run.completedAt,
    error: null,
  };
  const fromStatus = status && {
    scheduleTime: status.lastScheduleTime,
    outcome: status.lastOutcome,
    finishedAt: status.lastFinishedAt,
    error: status.lastError,
  };
  if (!fromRun || !fromStatus) return fromRun ?? fromStatus ?? null;
  const runTime = fromRun.scheduleTime.getTime();
  const statusTime = fromStatus.scheduleTime.getTime();
  if (runTime !== statusTime) return runTime > statusTime ? fromRun : fromStatus;
  if (fromRun.outcome === "completed") return fromRun;
  // The invocation ended (say, out of time) and the run waits for its retry or gave up.
  return fromStatus.outcome === "failed"
    ? { ...fromStatus, outcome: fromRun.outcome === "running" ? "running" : "failed" }
    : fromRun;
}

/** Resumable runs that should have completed by `now` and did not. */
export function incompleteRecords(
  runs: readonly RunRecordView[],
  now: Date,
  graceOf: (job: string) => number,
): IncompleteRun[] {
  return runs
    .filter((run) => recordOutcome(run, now, graceOf(run.job)) === "incomplete")
    .map((run) => ({
      runId: run.runId,
      job: run.job,
      scheduleTime: run.scheduleTime,
      reason: `no completedAt after ${run.invocations} invocation(s)`,
    }));
}

/**
 * A scheduled job none of whose runs completed for longer than its cadence and grace (it keeps
 * failing, times out, or is not fired at all). Keyed on its last completed run, so one outage is
 * one alert. A job that never ran has no status and is not judged.
 */
export function stalledJob(
  job: string,
  status: JobStatusView | undefined,
  cadenceMs: number,
  now: Date,
): IncompleteRun | null {
  if (!status) return null;
  const lastGood = status.lastCompletedScheduleTime;
  if (!lastGood) {
    if (status.lastOutcome !== "failed") return null;
    return {
      runId: `${job}_never_completed`,
      job,
      scheduleTime: status.lastScheduleTime,
      reason: `no run has completed; the last failed: ${status.lastError ?? "unknown error"}`,
    };
  }
  const late = now.getTime() - lastGood.getTime() > cadenceMs + runGraceMs(cadenceMs);
  if (!late) return null;
  const last =
    status.lastOutcome === "failed"
      ? `; the last failed: ${status.lastError ?? "unknown error"}`
      : "";
  return {
    runId: `${job}_after_${lastGood.toISOString()}`,
    job,
    scheduleTime: lastGood,
    reason: `no run has completed since the one of ${lastGood.toISOString()}${last}`,
  };
}
