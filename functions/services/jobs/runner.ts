/**
 * What every scheduled job shares: its report, its run record, and its time budget.
 *
 * A run is identified by its job and schedule time: `sms_job_runs/<job>_<scheduleTime ISO>`.
 * It records a cursor after every page, so a run that cannot finish within its budget throws
 * (the platform retries it, with the same schedule time) and the retry resumes from the
 * cursor. A finished run records `completedAt`, and running it again does nothing more. The
 * messages' deterministic ids make all of this safe even when two runs overlap.
 */
import { Timestamp } from "firebase-admin/firestore";
import { readJobRun, writeJobRun, type JobRunRecord } from "../../data/jobRuns";
import type { Settings } from "../../params";
import * as logs from "../../logs";

export type JobName =
  "dailyReminders" | "motivation" | "weeklyProgress" | "overdue" | "dailySummary";

/** What one invocation of a job did. */
export interface JobReport {
  /** Recipients (for `overdue`: missed deadlines) considered. */
  recipients: number;
  /** Messages created by this invocation. */
  queued: number;
  /** Messages that existed already (an earlier or concurrent run queued them). */
  alreadyQueued: number;
  /** Considered but not sent: no phone, opted out, nothing to say. */
  skipped: number;
}

/** What a job service needs; `now` is the schedule time, never the clock. */
export interface JobDeps {
  settings: Settings;
  now: Date;
  /** How long this invocation may work before it saves its cursor and throws; ~7 min. */
  budgetMs?: number;
  /** Milliseconds for the budget; Date.now by default (tests inject their own). */
  clock?: () => number;
}

/** Leaves the function (540 s timeout) two minutes to finish a page and save. */
export const DEFAULT_BUDGET_MS = 7 * 60_000;
/** Run records are kept this long (for a TTL policy on `expireAt`). */
const RUN_RETENTION_MS = 30 * 86_400_000;

/** A run stopped at its time budget; its cursor is saved and a retry continues from it. */
export class JobIncompleteError extends Error {
  constructor(
    readonly runId: string,
    readonly processed: JobReport,
  ) {
    super(`Job run ${runId} ran out of time; its cursor is saved and a retry resumes from it`);
    this.name = "JobIncompleteError";
  }
}

export function emptyReport(): JobReport {
  return { recipients: 0, queued: 0, alreadyQueued: 0, skipped: 0 };
}

function addReports(a: JobReport, b: JobReport): JobReport {
  return {
    recipients: a.recipients + b.recipients,
    queued: a.queued + b.queued,
    alreadyQueued: a.alreadyQueued + b.alreadyQueued,
    skipped: a.skipped + b.skipped,
  };
}

/** The id of a run record. */
export function jobRunId(job: JobName, scheduleTime: Date): string {
  return `${job}_${scheduleTime.toISOString()}`;
}

/** Handed to a job's work: where to start, its report, and the checkpoint after each page. */
export interface RunContext<C> {
  /** The cursor a previous invocation of this run saved, or null to start from the top. */
  readonly cursor: C | null;
  readonly report: JobReport;
  /**
   * Records `next` (where to continue) and this invocation's report so far; throws
   * {@link JobIncompleteError} when the time budget is spent, so the platform retries.
   */
  checkpoint(next: C): Promise<void>;
}

/**
 * Runs `work` as the run of `job` at `deps.now`: skips a run that completed before, resumes
 * one that stopped, records the cursor at each checkpoint and `completedAt` at the end.
 * Returns what this invocation did.
 *
 * @throws JobIncompleteError when the budget runs out (after saving the cursor).
 */
export async function runJob<C>(
  job: JobName,
  deps: JobDeps,
  work: (context: RunContext<C>) => Promise<void>,
): Promise<JobReport> {
  const clock = deps.clock ?? Date.now;
  const startedAt = clock();
  const budgetMs = deps.budgetMs ?? DEFAULT_BUDGET_MS;
  const runId = jobRunId(job, deps.now);
  const previous = await readJobRun<C, JobReport>(runId);
  if (previous?.completedAt) {
    logs.jobAlreadyCompleted(runId);
    return emptyReport();
  }
  const totalsBefore = previous?.report ?? emptyReport();
  const report = emptyReport();
  const save = (cursor: C | null, completed: boolean) => {
    const now = Timestamp.now();
    const record: JobRunRecord<C, JobReport> = {
      job,
      scheduleTime: Timestamp.fromDate(deps.now),
      cursor,
      report: addReports(totalsBefore, report),
      invocations: (previous?.invocations ?? 0) + 1,
      startedAt: previous?.startedAt ?? Timestamp.fromMillis(startedAt),
      updatedAt: now,
      completedAt: completed ? now : null,
      expireAt: Timestamp.fromMillis(deps.now.getTime() + RUN_RETENTION_MS),
    };
    return writeJobRun(runId, record);
  };
  if (previous?.cursor) logs.jobResumed(runId);
  await work({
    cursor: previous?.cursor ?? null,
    report,
    async checkpoint(next: C) {
      await save(next, false);
      if (clock() - startedAt >= budgetMs) {
        logs.jobIncomplete(runId, { ...report });
        throw new JobIncompleteError(runId, { ...report });
      }
    },
  });
  await save(null, true);
  logs.jobFinished(runId, { ...report });
  return report;
}
