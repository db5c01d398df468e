/**
 * `sms_job_runs/{job}_{scheduleTime}`: one document per scheduled run, so a redelivered run
 * that completed does nothing and one that ran out of time resumes from its cursor.
 */
import type { Timestamp } from "firebase-admin/firestore";
import { backendConverter, COLLECTIONS, db } from "./firestore";

/** A run's record: `C` is the job's cursor, `R` its report. */
export interface JobRunRecord<C, R> {
  job: string;
  scheduleTime: Timestamp;
  cursor: C | null;
  /** Totals over every invocation of this run. */
  report: R;
  invocations: number;
  startedAt: Timestamp;
  updatedAt: Timestamp;
  completedAt: Timestamp | null;
  expireAt: Timestamp;
}

function jobRunRef<C, R>(runId: string) {
  return db()
    .collection(COLLECTIONS.jobRuns)
    .withConverter(backendConverter<JobRunRecord<C, R>>())
    .doc(runId);
}

/** The run's record, or undefined before its first checkpoint. */
export async function readJobRun<C, R>(runId: string): Promise<JobRunRecord<C, R> | undefined> {
  return (await jobRunRef<C, R>(runId).get()).data();
}

/** Replaces the run's record. */
export async function writeJobRun<C, R>(runId: string, record: JobRunRecord<C, R>): Promise<void> {
  await jobRunRef<C, R>(runId).set(record);
}
