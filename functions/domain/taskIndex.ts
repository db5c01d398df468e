/**
 * Where the backend files a task so that the scheduled jobs find it by document id instead of
 * querying `tasks`: each open task and each recent completion under its assignee
 * (`sms_open_tasks/{uid}`), and each deadline in an hour bucket (`sms_deadlines/{bucket}_{shard}`)
 * that the overdue sweep reads.
 *
 * A deadline written as local time belongs to the assignee's zone, which the task does not
 * carry (and which can change): it is filed by its wall-clock hour read as UTC, in buckets of
 * its own kind, and the sweep reads those over a window widened by the largest UTC offsets.
 */
import { toInstant, type ClientDate, type ClientTask } from "./clientDocs";

const HOUR_MS = 3_600_000;
/** UTC offsets lie between −12:00 and +14:00. */
const MAX_OFFSET_MS = 14 * HOUR_MS;
/** Buckets per hour: spreads the writes of many tasks with one deadline over documents. */
export const DEADLINE_SHARDS = 4;

/** The hour of an instant as `YYYY-MM-DDTHH` (UTC). */
function hourKey(ms: number): string {
  return new Date(ms).toISOString().slice(0, 13);
}

/** The bucket of a deadline: `i` + UTC hour for an instant, `l` + wall-clock hour for a local time. */
export function deadlineBucket(deadline: ClientDate): string {
  if ("instant" in deadline) return `i${hourKey(deadline.instant.getTime())}`;
  return `l${hourKey(toInstant(deadline, "UTC").getTime())}`;
}

/** A small stable hash of the task id, so a task is always filed in the same shard. */
function shardOf(taskId: string): number {
  let hash = 0;
  for (let i = 0; i < taskId.length; i++) hash = (hash * 31 + taskId.charCodeAt(i)) >>> 0;
  return hash % DEADLINE_SHARDS;
}

/** The id of the bucket document a task's deadline is filed in. */
export function deadlineDocId(deadline: ClientDate, taskId: string): string {
  return `${deadlineBucket(deadline)}_${shardOf(taskId)}`;
}

function hoursBetween(fromMs: number, toMs: number): string[] {
  const keys: string[] = [];
  for (let t = Math.floor(fromMs / HOUR_MS) * HOUR_MS; t <= toMs; t += HOUR_MS) {
    keys.push(hourKey(t));
  }
  return keys;
}

/**
 * Every bucket document that can hold a deadline in (now − lookback, now]: the instants' hours
 * of that window, and the local times' hours of it widened by the UTC offsets on both sides.
 */
export function overdueBucketDocIds(now: Date, lookbackMs: number): string[] {
  const end = now.getTime();
  const start = end - lookbackMs;
  const buckets = [
    ...hoursBetween(start, end).map((hour) => `i${hour}`),
    ...hoursBetween(start - MAX_OFFSET_MS, end + MAX_OFFSET_MS).map((hour) => `l${hour}`),
  ];
  return buckets.flatMap((bucket) =>
    Array.from({ length: DEADLINE_SHARDS }, (_, shard) => `${bucket}_${shard}`),
  );
}

/** When a bucket document may go: after the last sweep that can still read it. */
export function deadlineBucketExpiry(deadline: ClientDate, lookbackMs: number): Date {
  const filed = "instant" in deadline ? deadline.instant : toInstant(deadline, "UTC");
  return new Date(filed.getTime() + lookbackMs + MAX_OFFSET_MS + 24 * HOUR_MS);
}

/**
 * How long a completion stays filed: the weekly count looks back at most a week, and the margin
 * covers late runs and a job fired by hand for an earlier date.
 */
export const COMPLETION_RETENTION_MS = 35 * 24 * HOUR_MS;

/**
 * When a completed task was completed, as the counts should see it: the `completedAt` the app
 * wrote, else the time already filed (a later write, such as a title edit, does not move it),
 * else when the completing write was stored. Many app versions never write `completedAt`.
 */
export function completionTime(
  task: ClientTask,
  filed: ClientDate | undefined,
  writtenAt: Date,
): ClientDate {
  return task.completedAt ?? filed ?? { instant: writtenAt };
}

/**
 * The filed completions to forget when one completed at `newest` is filed: those more than
 * {@link COMPLETION_RETENTION_MS} older. Local times are placed as if in UTC (14 hours either
 * way do not matter at this scale); entries that are not dates are forgotten too.
 */
export function staleCompletions(
  filed: Readonly<Record<string, ClientDate | undefined>>,
  newest: ClientDate,
): string[] {
  const cutoff = toInstant(newest, "UTC").getTime() - COMPLETION_RETENTION_MS;
  return Object.entries(filed)
    .filter(([, date]) => !date || toInstant(date, "UTC").getTime() < cutoff)
    .map(([taskId]) => taskId);
}
