/**
 * What health knows of the scheduled jobs: `sms_job_status/{job}`, the outcome of each job's
 * last invocation (one document per job, written when an invocation ends), and queries on the
 * resumable jobs' run records (`sms_job_runs`, data/jobRuns).
 *
 * Indexes (firestore.indexes.json): sms_job_runs (job, scheduleTime desc) and
 * (completedAt, scheduleTime).
 */
import { FieldValue, Timestamp } from "firebase-admin/firestore";
import type { JobStatusView, RunRecordView } from "../domain/jobHealth";
import { backendConverter, COLLECTIONS, db, getAll } from "./firestore";

/** The last invocation of a scheduled job; `lastCompleted*` survive failed invocations. */
export interface JobStatusRecord {
  job: string;
  lastScheduleTime: Timestamp;
  lastFinishedAt: Timestamp;
  lastOutcome: "completed" | "failed";
  lastError: string | null;
  lastDurationMs: number;
  lastCompletedScheduleTime?: Timestamp;
  lastCompletedAt?: Timestamp;
}

function statusRef(job: string) {
  return db()
    .collection(COLLECTIONS.jobStatus)
    .withConverter(backendConverter<JobStatusRecord>())
    .doc(job);
}

/** Records how an invocation of `job` ended; a failure keeps the last completed run. */
export async function recordJobInvocation(
  job: string,
  invocation: {
    scheduleTime: Date;
    finishedAt: Date;
    outcome: "completed" | "failed";
    error: string | null;
    durationMs: number;
  },
): Promise<void> {
  const fields: Record<string, unknown> = {
    job,
    lastScheduleTime: Timestamp.fromDate(invocation.scheduleTime),
    lastFinishedAt: Timestamp.fromDate(invocation.finishedAt),
    lastOutcome: invocation.outcome,
    lastError: invocation.error,
    lastDurationMs: invocation.durationMs,
  };
  if (invocation.outcome === "completed") {
    fields.lastCompletedScheduleTime = Timestamp.fromDate(invocation.scheduleTime);
    fields.lastCompletedAt = FieldValue.serverTimestamp();
  }
  // A merge, so no read is needed to keep the last completed run.
  await db().collection(COLLECTIONS.jobStatus).doc(job).set(fields, { merge: true });
}

function statusView(record: JobStatusRecord | undefined): JobStatusView | undefined {
  if (!record?.lastScheduleTime) return undefined;
  return {
    lastScheduleTime: record.lastScheduleTime.toDate(),
    lastFinishedAt: record.lastFinishedAt.toDate(),
    lastOutcome: record.lastOutcome,
    lastError: record.lastError ?? null,
    lastCompletedScheduleTime: record.lastCompletedScheduleTime?.toDate() ?? null,
  };
}

/** The status of each of these jobs, in one round trip; absent for a job never recorded. */
export async function readJobStatuses(
  jobs: readonly string[],
): Promise<Map<string, JobStatusView>> {
  const snapshots = await getAll(jobs.map(statusRef));
  const found = new Map<string, JobStatusView>();
  snapshots.forEach((snapshot, i) => {
    const view = statusView(snapshot.data());
    if (view) found.set(jobs[i], view);
  });
  return found;
}

function runView(doc: FirebaseFirestore.QueryDocumentSnapshot): RunRecordView | undefined {
  const scheduleTime: unknown = doc.get("scheduleTime");
  if (!(scheduleTime instanceof Timestamp)) return undefined;
  const completedAt: unknown = doc.get("completedAt");
  const invocations: unknown = doc.get("invocations");
  const job: unknown = doc.get("job");
  return {
    runId: doc.id,
    job: typeof job === "string" ? job : doc.id.split("_")[0],
    scheduleTime: scheduleTime.toDate(),
    completedAt: completedAt instanceof Timestamp ? completedAt.toDate() : null,
    invocations: typeof invocations === "number" ? invocations : 0,
  };
}

const RUN_FIELDS = ["job", "scheduleTime", "completedAt", "invocations"] as const;

/** The latest run record of `job`, if it keeps them (the resumable notification jobs do). */
export async function latestJobRun(job: string): Promise<RunRecordView | undefined> {
  const snapshot = await db()
    .collection(COLLECTIONS.jobRuns)
    .where("job", "==", job)
    .orderBy("scheduleTime", "desc")
    .select(...RUN_FIELDS)
    .limit(1)
    .get();
  return snapshot.docs[0] ? runView(snapshot.docs[0]) : undefined;
}

/** Run records without `completedAt` scheduled in `[from, to]`, oldest first, at most `limit`. */
export async function unfinishedJobRuns(
  from: Date,
  to: Date,
  limit: number,
): Promise<RunRecordView[]> {
  const snapshot = await db()
    .collection(COLLECTIONS.jobRuns)
    .where("completedAt", "==", null)
    .where("scheduleTime", ">=", Timestamp.fromDate(from))
    .where("scheduleTime", "<=", Timestamp.fromDate(to))
    .orderBy("scheduleTime")
    .select(...RUN_FIELDS)
    .limit(limit)
    .get();
  return snapshot.docs.flatMap((doc) => runView(doc) ?? []);
}
