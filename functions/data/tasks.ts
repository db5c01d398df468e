/**
 * The students' `tasks` as the backend reads them (documents returned raw, to be parsed by
 * domain/clientDocs), and the backend's task projections: `sms_open_tasks/{uid}` (a map of each
 * user's open tasks) and `sms_deadlines/{bucket}_{shard}` (task ids by deadline hour). See
 * services/tasks/projections for what they hold and when they are written.
 */
import {
  FieldValue,
  Timestamp as TimestampValue,
  type Timestamp,
  type Transaction,
} from "firebase-admin/firestore";
import { COLLECTIONS, db, getAll } from "./firestore";
import { taskRef, tasksCollection } from "./refs";

/** A task document as stored: its id and its data (undefined when it does not exist). */
export interface RawTask {
  id: string;
  data: unknown;
}

/** An open task's entry in its assignee's `sms_open_tasks` map. */
export interface OpenTaskEntry {
  title: string;
  deadline: Timestamp | string | null;
}

function openTasksRef(userId: string) {
  return db().collection(COLLECTIONS.openTasks).doc(userId);
}

/** Inside `tx`: the task as it is now. */
export async function readTaskIn(tx: Transaction, taskId: string): Promise<RawTask> {
  return { id: taskId, data: (await tx.get(taskRef(taskId))).data() };
}

/** Inside `tx`: files the task in its assignee's map. */
export function fileOpenTask(
  tx: Transaction,
  userId: string,
  taskId: string,
  entry: OpenTaskEntry,
): void {
  tx.set(openTasksRef(userId), { tasks: { [taskId]: entry } }, { merge: true });
}

/** Inside `tx`: takes the task out of the user's map. */
export function unfileOpenTask(tx: Transaction, userId: string, taskId: string): void {
  tx.set(openTasksRef(userId), { tasks: { [taskId]: FieldValue.delete() } }, { merge: true });
}

/** Adds the task to its deadline bucket (entries are only added; a bucket expires whole). */
export async function fileDeadline(
  bucketId: string,
  taskId: string,
  expireAt: Timestamp,
): Promise<void> {
  await db()
    .collection(COLLECTIONS.deadlines)
    .doc(bucketId)
    .set({ tasks: { [taskId]: true }, expireAt }, { merge: true });
}

/** Each user's open-task map as stored (entries unparsed), in one batched read. */
export async function openTaskMaps(
  userIds: readonly string[],
): Promise<Map<string, Record<string, unknown>>> {
  const maps = new Map<string, Record<string, unknown>>();
  for (const snapshot of await getAll(userIds.map(openTasksRef))) {
    const entries: unknown = snapshot.get("tasks");
    const isMap = typeof entries === "object" && entries !== null;
    maps.set(snapshot.id, isMap ? (entries as Record<string, unknown>) : {});
  }
  return maps;
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

/**
 * Completed tasks of the user whose `completedAt` is in [start, end) as a Timestamp or in
 * [lower, upper) as a string: Firestore orders the two types apart, so one query each.
 */
export async function completedTaskDocs(
  userId: string,
  instants: { start: Date; end: Date },
  strings: { lower: string; upper: string },
): Promise<RawTask[]> {
  const completed = tasksCollection()
    .where("assignedTo", "==", userId)
    .where("completed", "==", true);
  const [byTimestamp, byString] = await Promise.all([
    completed
      .where("completedAt", ">=", TimestampValue.fromDate(instants.start))
      .where("completedAt", "<", TimestampValue.fromDate(instants.end))
      .get(),
    completed
      .where("completedAt", ">=", strings.lower)
      .where("completedAt", "<", strings.upper)
      .get(),
  ]);
  return [...byTimestamp.docs, ...byString.docs].map((doc) => ({ id: doc.id, data: doc.data() }));
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

/** Stores (true) or removes (false) the partner–student link the rules read. */
export async function storePartnerLink(
  partnerId: string,
  studentId: string,
  linked: boolean,
): Promise<void> {
  const ref = partnerLinkRef(partnerId, studentId);
  if (linked) await ref.set({ since: FieldValue.serverTimestamp() });
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
