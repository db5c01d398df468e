/**
 * The task projections the scheduled jobs read by id (domain/taskIndex): kept by onTaskWritten,
 * rebuilt by `runJob syncTasks`. In the emulator, which answers every query by scanning the
 * whole collection, this is what keeps a job's time independent of the tasks stored; in
 * production it replaces a query per student by one read.
 *
 * `sms_open_tasks/{uid}`: `tasks` maps each open task's id to its `title` and `deadline` (as
 * written: Timestamp, ISO string, or null); `completed` maps each task completed in the last
 * five weeks to when (domain/taskIndex `completionTime`: the app's `completedAt`, else the time
 * of the completing write), which the weekly and 21:00 counts read; reopening a task takes it
 * off. Each sync reads the task itself in a transaction and files what it finds, so triggers
 * that run late or out of order still leave the latest state; a task leaves the board of its
 * previous assignee when it moves. No client document is written.
 *
 * `sms_deadlines/{bucket}_{shard}`: `tasks` maps task ids to true; entries are only added (a
 * bucket expires with `expireAt`). The sweep reads the tasks themselves, so an entry for a
 * task that was completed or moved costs one read and sends nothing.
 */
import { Timestamp, type Transaction } from "firebase-admin/firestore";
import { COLLECTIONS, runTransaction } from "../../data/firestore";
import {
  deadlineTaskIds,
  fileDeadlineIn,
  fileOnBoard,
  readTaskBoardIn,
  readTaskDocs,
  readTaskIn,
  taskBoards,
  taskPage,
  type OpenTaskEntry,
  type RawTask,
  type StoredCompletion,
} from "../../data/tasks";
import {
  parseClientDate,
  parseTask,
  type ClientDate,
  type ClientTask,
} from "../../domain/clientDocs";
import { OVERDUE_LOOKBACK_MS } from "../../domain/scheduledMessages";
import {
  completionTime,
  deadlineBucketExpiry,
  deadlineDocId,
  overdueBucketDocIds,
  staleCompletions,
} from "../../domain/taskIndex";
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

function storedDate(date: ClientDate): StoredCompletion;
function storedDate(date: ClientDate | undefined): StoredCompletion | null;
function storedDate(date: ClientDate | undefined): StoredCompletion | null {
  if (!date) return null;
  return "instant" in date ? Timestamp.fromDate(date.instant) : date.local;
}

/** What a task contributes to the projections; all absent when it is deleted or not usable. */
export interface TaskProjection {
  /** The task's assignee (when the document parses), open or not. */
  assignedTo?: string;
  openTask?: OpenTaskEntry;
  deadline?: { docId: string; expireAt: Timestamp };
  /** The task as parsed, when it is completed. */
  completedTask?: ClientTask;
}

/** The projection of one task document (undefined: deleted). */
export function projectionOf(taskId: string, data: unknown): TaskProjection {
  if (data === undefined) return {};
  const parsed = parseTask(data);
  if (!parsed.ok) return {};
  const task = parsed.value;
  if (task.completed) return { assignedTo: task.assignedTo, completedTask: task };
  return {
    assignedTo: task.assignedTo,
    openTask: { title: task.title, deadline: storedDate(task.deadline) },
    deadline: task.deadline && {
      docId: deadlineDocId(task.deadline, taskId),
      expireAt: Timestamp.fromDate(deadlineBucketExpiry(task.deadline, OVERDUE_LOOKBACK_MS)),
    },
  };
}

/** A task's sync, read inside a transaction: the task as it is now, and its staged filing. */
export interface StagedTaskSync {
  /** The task document as read in the transaction (undefined: deleted). */
  data: unknown;
  /** Stages the filing; call after every read of the transaction. */
  write(): void;
}

/**
 * Reads one task as it is now inside `tx` (and, when it is completed, its assignee's board),
 * to file it, and to take it out of the map of `previousAssignee` (the assignee before the
 * write that triggered this) if it moved. Idempotent; safe to run late, twice, or concurrently.
 */
export async function stageTaskSync(
  tx: Transaction,
  taskId: string,
  previousAssignee: string | undefined,
): Promise<StagedTaskSync> {
  const raw = await readTaskIn(tx, taskId);
  const { assignedTo, openTask, completedTask, deadline } = projectionOf(taskId, raw.data);
  const board = assignedTo && completedTask ? await readTaskBoardIn(tx, assignedTo) : undefined;
  return {
    data: raw.data,
    write() {
      if (assignedTo && completedTask && board) {
        const filed = parseCompletions(board.completed);
        const at = raw.updatedAt ?? new Date();
        const completed = completionTime(completedTask, filed[taskId], at);
        const forget = staleCompletions(filed, completed).filter((id) => id !== taskId);
        const entry = { open: null, completed: storedDate(completed), forget };
        fileOnBoard(tx, assignedTo, taskId, entry);
      } else if (assignedTo && openTask) {
        fileOnBoard(tx, assignedTo, taskId, { open: openTask, completed: null });
      }
      if (previousAssignee && previousAssignee !== assignedTo) {
        fileOnBoard(tx, previousAssignee, taskId, { open: null, completed: null });
      }
      if (deadline) fileDeadlineIn(tx, deadline.docId, taskId, deadline.expireAt);
    },
  };
}

/** Files one task as it is now, in a transaction of its own (see {@link stageTaskSync}). */
export async function syncTask(
  taskId: string,
  previousAssignee: string | undefined,
): Promise<void> {
  await runTransaction(async (tx) => {
    (await stageTaskSync(tx, taskId, previousAssignee)).write();
  });
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

function parseCompletions(
  entries: Record<string, unknown>,
): Record<string, ClientDate | undefined> {
  return Object.fromEntries(
    Object.entries(entries).map(([id, value]) => [id, parseClientDate(value)]),
  );
}

/** What the jobs know of one user's tasks. */
export interface UserTasks {
  open: TaskDoc[];
  /** When each task completed in the last five weeks was completed (in no particular order). */
  completions: ClientDate[];
}

/** Each user's open tasks and recent completions, from their `sms_open_tasks` (one batched read). */
export async function tasksOf(userIds: readonly string[]): Promise<Map<string, UserTasks>> {
  const byUser = new Map<string, UserTasks>();
  for (const [userId, board] of await taskBoards(userIds)) {
    const open: TaskDoc[] = [];
    for (const [id, entry] of Object.entries(board.open)) {
      const parsed = parseTask({ ...(entry as object), assignedTo: userId });
      if (parsed.ok) open.push({ id, task: parsed.value });
      else logs.skippedDocument(`${COLLECTIONS.openTasks}/${userId} tasks.${id}`, parsed.reason);
    }
    const completions = Object.values(parseCompletions(board.completed)).filter(
      (date): date is ClientDate => date !== undefined,
    );
    byUser.set(userId, { open, completions });
  }
  return byUser;
}

/** The open tasks of each user (see {@link tasksOf}). */
export async function openTasksOf(userIds: readonly string[]): Promise<Map<string, TaskDoc[]>> {
  const byUser = await tasksOf(userIds);
  return new Map([...byUser].map(([userId, tasks]) => [userId, tasks.open]));
}

/** Ids of the tasks whose deadline may have passed in (now − lookback, now], sorted. */
export async function overdueCandidateIds(now: Date): Promise<string[]> {
  return [...(await deadlineTaskIds(overdueBucketDocIds(now, OVERDUE_LOOKBACK_MS)))].sort();
}

/** The tasks with these ids that exist and parse. */
export async function readTasks(ids: readonly string[]): Promise<TaskDoc[]> {
  return parseTaskDocs(await readTaskDocs(ids));
}
