/**
 * Every scheduled function leaves the outcome of each invocation in `sms_job_status/{job}`, so
 * health can show the last run of every job (the resumable ones also keep run records) and the
 * monitor can tell a job that stopped completing.
 */
import { recordJobInvocation } from "../../data/jobHealth";
import * as logs from "../../operationsLogs";

/**
 * Runs `work` as the invocation of `job` scheduled at `scheduleTime` and records how it ended.
 * The job's own outcome stands: its result is returned and its error rethrown (so the platform
 * retries it), whether or not the record could be written.
 */
export async function trackScheduledRun<T>(
  job: string,
  scheduleTime: Date,
  work: () => Promise<T>,
  clock: () => Date = () => new Date(),
): Promise<T> {
  const startedAt = clock();
  const record = async (outcome: "completed" | "failed", error: string | null) => {
    const finishedAt = clock();
    try {
      await recordJobInvocation(job, {
        scheduleTime,
        finishedAt,
        outcome,
        error,
        durationMs: finishedAt.getTime() - startedAt.getTime(),
      });
    } catch (recordError) {
      logs.jobStatusNotRecorded(job, recordError);
    }
  };
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await record("failed", error instanceof Error ? error.message : String(error));
    throw error;
  }
  await record("completed", null);
  return result;
}
