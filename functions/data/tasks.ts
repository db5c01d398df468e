/**
 * The students' `tasks` as the backend reads them (documents returned raw, to be parsed by
 * domain/clientDocs), and the backend's task projections: `sms_open_tasks/{uid}` (each user's
 * board: open tasks and recent completions) and `sms_deadlines/{bucket}_{shard}` (task ids by deadline hour). See
 * services/tasks/projections for what they hold and when they are written.
 */
import { FieldValue, type Timestamp, type Transaction } from "firebase-admin/firestore";
import { COLLECTIONS, db, getAll } from "./firestore";
import { taskRef, tasksCollection } from "./refs";

/** A task document as stored: its id and its data (undefined when it does not exist). */
export interface RawTask {
  id: string;
  data: unknown;
  /** When it was last written (absent when it does not exist). */
  updatedAt?: Date;
}

/** An open task's entry in its assignee's `sms_open_tasks` map. */
export interface OpenTaskEntry {
  title: string;
  deadline: Timestamp | string | null;
}

/** A completion as filed: the app's `completedAt` as written, or the backend's Timestamp. */
export type StoredCompletion = Timestamp | string;

/** One user's `sms_open_tasks` document, its two maps unparsed. */
export interface TaskBoard {
  /** Open tasks by id (`tasks`). */
  open: Record<string, unknown>;
  /** When each recently completed task was completed, by id (`completed`). */
  completed: Record<string, unknown>;
}

function openTasksRef(userId: string) {
  return db().collection(COLLECTIONS.openTasks).doc(userId);
}

function mapField(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

function boardOf(snapshot: FirebaseFirestore.DocumentSnapshot): TaskBoard {
  return { open: mapField(snapshot.get("tasks")), completed: mapField(snapshot.get("completed")) };
}

/** Inside `tx`: the task as it is now. */
export async function readTaskIn(tx: Transaction, taskId: string): Promise<RawTask> {
  const snapshot = await tx.get(taskRef(taskId));
  return { id: taskId, data: snapshot.data(), updatedAt: snapshot.updateTime?.toDate() };
}

/** Inside `tx`: the user's board as it is now. */
export async function readTaskBoardIn(tx: Transaction, userId: string): Promise<TaskBoard> {
  return boardOf(await tx.get(openTasksRef(userId)));
}

/** Where one task stands on its assignee's board; null takes it off that map. */
export interface BoardEntry {
  open: OpenTaskEntry | null;
  completed: StoredCompletion | null;
  /** Other completions to forget (too old to count). */
  forget?: readonly string[];
}

/** Inside `tx`: files the task on the user's board, or takes it off. */
export function fileOnBoard(tx: Transaction, userId: string, taskId: string, entry: BoardEntry) {
  const completed: Record<string, unknown> = {};
  for (const id of entry.forget ?? []) completed[id] = FieldValue.delete();
  completed[taskId] = entry.completed ?? FieldValue.delete();
  const tasks = { [taskId]: entry.open ?? FieldValue.delete() };
  tx.set(openTasksRef(userId), { tasks, completed }, { merge: true });
}

/**
 * Inside `tx`, as a blind write: adds the task to its deadline bucket (entries are only added;
 * a bucket expires whole).
 */
export function fileDeadlineIn(
  tx: Transaction,
  bucketId: string,
  taskId: string,
  expireAt: Timestamp,
): void {
  tx.set(
    db().collection(COLLECTIONS.deadlines).doc(bucketId),
    { tasks: { [taskId]: true }, expireAt },
    { merge: true },
  );
}

/** Each user's board as stored, in one batched read. */
export async function taskBoards(userIds: readonly string[]): Promise<Map<string, TaskBoard>> {
  const snapshots = await getAll(userIds.map(openTasksRef));
  return new Map(snapshots.map((snapshot) => [snapshot.id, boardOf(snapshot)]));
}

/** The task ids filed in these deadline buckets, in one batched read. */
export async function deadlineTaskIds(bucketIds: readonly string[]): Promise<Set<string>> {
  const ids = new Set<string>();
  const refs = bucketIds.map((id) => db().collection(COLLECTIONS.deadlines).doc(id));
  for (const snapshot of await getAll(refs)) {
    const entries: unknown = snapshot.get("tasks");
    if (typeof entries === "object" && entries !== null) {
      for (const id of Object.keys(entries)) ids.add(id);
    }
  }
  return ids;
}

/** The tasks with these ids that exist, in one batched read. */
export async function readTaskDocs(ids: readonly string[]): Promise<RawTask[]> {
  const snapshots = await getAll(ids.map((id) => taskRef(id)));
  return snapshots.filter((s) => s.exists).map((s) => ({ id: s.id, data: s.data() }));
}

/** A page of every task in document-id order, after the task id `after`. */
export async function taskPage(after: string | null, size: number): Promise<RawTask[]> {
  let query = tasksCollection().orderBy("__name__").limit(size);
  if (after) query = query.startAfter(after);
  const page = await query.get();
  return page.docs.map((doc) => ({ id: doc.id, data: doc.data() }));
}

function partnerLinkRef(partnerId: string, studentId: string) {
  return db()
    .collection(COLLECTIONS.partnerStudents)
    .doc(partnerId)
    .collection("students")
    .doc(studentId);
}

/** Whether the partner–student link document exists. */
export async function isPartnerLinkStored(partnerId: string, studentId: string): Promise<boolean> {
  return (await partnerLinkRef(partnerId, studentId).get()).exists;
}

/** Inside `tx`: whether the link is stored. */
export async function isPartnerLinkStoredIn(
  tx: Transaction,
  partnerId: string,
  studentId: string,
): Promise<boolean> {
  return (await tx.get(partnerLinkRef(partnerId, studentId))).exists;
}

/** What a stored partner–student link holds. */
const partnerLink = () => ({ since: FieldValue.serverTimestamp() });

/** Inside `tx`: stores the link (a task from the partner to the student was just read). */
export function storePartnerLinkIn(tx: Transaction, partnerId: string, studentId: string): void {
  tx.set(partnerLinkRef(partnerId, studentId), partnerLink());
}

/** Stores (true) or removes (false) the partner–student link the rules read. */
export async function storePartnerLink(
  partnerId: string,
  studentId: string,
  linked: boolean,
): Promise<void> {
  const ref = partnerLinkRef(partnerId, studentId);
  if (linked) await ref.set(partnerLink());
  else await ref.delete();
}

/** True when `creatorId` created a task assigned to `assigneeId` (one indexed query). */
export async function hasTaskFromTo(creatorId: string, assigneeId: string): Promise<boolean> {
  const assigned = await tasksCollection()
    .where("createdBy", "==", creatorId)
    .where("assignedTo", "==", assigneeId)
    .limit(1)
    .get();
  return !assigned.empty;
}

/** Inside `tx`: marks the task completed, as the client apps do (`completedAt` an ISO string). */
export function completeTaskIn(tx: Transaction, taskId: string, completedAt: Date): void {
  tx.update(taskRef(taskId), { completed: true, completedAt: completedAt.toISOString() });
}
