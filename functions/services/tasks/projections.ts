/**
 * The task projections the scheduled jobs read by id (domain/taskIndex): kept by onTaskWritten,
 * rebuilt by `runJob syncTasks`. In the emulator, which answers every query by scanning the
 * whole collection, this is what keeps a job's time independent of the tasks stored; in
 * production it replaces a query per student by one read.
 *
 * `sms_open_tasks/{uid}`: `tasks` maps each open task's id to its `title` and `deadline` (as
 * written: Timestamp, ISO string, or null). Each sync reads the task itself in a transaction
 * and files what it finds, so triggers that run late or out of order still leave the latest
 * state; a task leaves the map of its previous assignee when it moves.
 *
 * `sms_deadlines/{bucket}_{shard}`: `tasks` maps task ids to true; entries are only added (a
 * bucket expires with `expireAt`). The sweep reads the tasks themselves, so an entry for a
 * task that was completed or moved costs one read and sends nothing.
 */
import { Timestamp } from "firebase-admin/firestore";
import { COLLECTIONS, runTransaction } from "../../data/firestore";
import {
  deadlineTaskIds,
  fileDeadline,
  fileOpenTask,
  openTaskMaps,
  readTaskDocs,
  readTaskIn,
  taskPage,
  unfileOpenTask,
  type OpenTaskEntry,
  type RawTask,
} from "../../data/tasks";
import { parseTask, type ClientDate, type ClientTask } from "../../domain/clientDocs";
import { OVERDUE_LOOKBACK_MS } from "../../domain/scheduledMessages";
import { deadlineBucketExpiry, deadlineDocId, overdueBucketDocIds } from "../../domain/taskIndex";
import * as logs from "../../logs";
import { syncPartnerLinks } from "./partnerLinks";

/** A parsed task with its id. */
export interface TaskDoc {
  id: string;
  task: ClientTask;
}

/** Parses task documents, leaving out (and logging) what cannot be used. */
export function parseTaskDocs(docs: readonly RawTask[]): TaskDoc[] {
  const tasks: TaskDoc[] = [];
  for (const doc of docs) {
    if (doc.data === undefined) continue;
    const parsed = parseTask(doc.data);
    if (parsed.ok) tasks.push({ id: doc.id, task: parsed.value });
    else logs.skippedDocument(`${COLLECTIONS.tasks}/${doc.id}`, parsed.reason);
  }
  return tasks;
}

function storedDate(date: ClientDate | undefined): Timestamp | string | null {
  if (!date) return null;
  return "instant" in date ? Timestamp.fromDate(date.instant) : date.local;
}

/** What a task contributes to the projections; both absent when it is not open or not usable. */
export interface TaskProjection {
  /** The task's assignee (when the document parses), open or not. */
  assignedTo?: string;
  openTask?: OpenTaskEntry;
  deadline?: { docId: string; expireAt: Timestamp };
}

/** The projection of one task document (undefined: deleted). */
export function projectionOf(taskId: string, data: unknown): TaskProjection {
  if (data === undefined) return {};
  const parsed = parseTask(data);
  if (!parsed.ok) return {};
  const task = parsed.value;
  if (task.completed) return { assignedTo: task.assignedTo };
  return {
    assignedTo: task.assignedTo,
    openTask: { title: task.title, deadline: storedDate(task.deadline) },
    deadline: task.deadline && {
      docId: deadlineDocId(task.deadline, taskId),
      expireAt: Timestamp.fromDate(deadlineBucketExpiry(task.deadline, OVERDUE_LOOKBACK_MS)),
    },
  };
}

/**
 * Files one task as it is now (read in a transaction), and takes it out of the map of
 * `previousAssignee` (the assignee before the write that triggered this) if it moved.
 * Idempotent; safe to run late, twice, or concurrently.
 */
export async function syncTask(
  taskId: string,
  previousAssignee: string | undefined,
): Promise<void> {
  const projection = await runTransaction(async (tx) => {
    const found = projectionOf(taskId, (await readTaskIn(tx, taskId)).data);
    const { assignedTo, openTask } = found;
    if (assignedTo && openTask) fileOpenTask(tx, assignedTo, taskId, openTask);
    const leaving = new Set([previousAssignee, assignedTo]);
    if (openTask) leaving.delete(assignedTo);
    for (const userId of leaving) {
      if (userId) unfileOpenTask(tx, userId, taskId);
    }
    return found;
  });
  const { deadline } = projection;
  if (deadline) await fileDeadline(deadline.docId, taskId, deadline.expireAt);
}

/**
 * Files every task again, a page at a time, exactly as the trigger does (so it may run while
 * triggers do): after the deploy that introduced the projections, or a restore.
 */
export async function syncAllTasks(pageSize = 300): Promise<number> {
  let synced = 0;
  let after: string | null = null;
  for (;;) {
    const page = await taskPage(after, pageSize);
    if (page.length === 0) return synced;
    await Promise.all(
      page.map((task) =>
        Promise.all([syncTask(task.id, undefined), syncPartnerLinks(null, task.data)]),
      ),
    );
    synced += page.length;
    after = page[page.length - 1].id;
  }
}

/** The open tasks of each user, from their `sms_open_tasks` document (one batched read). */
export async function openTasksOf(userIds: readonly string[]): Promise<Map<string, TaskDoc[]>> {
  const byUser = new Map<string, TaskDoc[]>();
  for (const [userId, entries] of await openTaskMaps(userIds)) {
    const tasks: TaskDoc[] = [];
    for (const [id, entry] of Object.entries(entries)) {
      const parsed = parseTask({ ...(entry as object), assignedTo: userId });
      if (parsed.ok) tasks.push({ id, task: parsed.value });
      else logs.skippedDocument(`${COLLECTIONS.openTasks}/${userId} tasks.${id}`, parsed.reason);
    }
    byUser.set(userId, tasks);
  }
  return byUser;
}

/** Ids of the tasks whose deadline may have passed in (now − lookback, now], sorted. */
export async function overdueCandidateIds(now: Date): Promise<string[]> {
  return [...(await deadlineTaskIds(overdueBucketDocIds(now, OVERDUE_LOOKBACK_MS)))].sort();
}

/** The tasks with these ids that exist and parse. */
export async function readTasks(ids: readonly string[]): Promise<TaskDoc[]> {
  return parseTaskDocs(await readTaskDocs(ids));
}
