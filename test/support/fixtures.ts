/** Documents as the existing client apps write them (docs/contract.md §2), for integration tests. */
import { Timestamp } from "firebase-admin/firestore";
import { projectionOf } from "../../functions/services/tasks/projections";
import { adminDb, waitFor } from "./emulators";

export interface UserFixture {
  name?: string;
  role?: "student" | "partner" | "admin";
  phone_number?: unknown;
  timezone?: string;
  language?: string;
  daily_streak?: number;
  sms_notifications_enabled?: boolean;
  email?: string;
  email_notifications_enabled?: boolean;
}

/** Writes `users/{uid}` with snake_case fields, like the apps do. */
export async function seedUser(uid: string, fields: UserFixture): Promise<void> {
  await adminDb()
    .collection("users")
    .doc(uid)
    .set({
      name: "Test User",
      email: `${uid}@example.com`,
      role: "student",
      last_activity_date: new Date().toISOString(),
      ...fields,
    });
}

/** Writes `tasks/{taskId}` with camelCase fields and ISO-string dates, like the apps do. */
export async function writeTask(taskId: string, fields: Record<string, unknown>): Promise<void> {
  await adminDb()
    .collection("tasks")
    .doc(taskId)
    .set({
      title: "Chapter 3 exercises",
      subjectId: "math",
      chapterId: "ch3",
      taskType: "chapter",
      completed: false,
      createdAt: new Date().toISOString(),
      ...fields,
    });
}

/** Changes some fields of a task, as an app's update() would. */
export async function updateTask(taskId: string, fields: Record<string, unknown>): Promise<void> {
  await adminDb().collection("tasks").doc(taskId).update(fields);
}

function sameStoredDate(a: unknown, b: unknown): boolean {
  if (a instanceof Timestamp && b instanceof Timestamp) return a.isEqual(b);
  return a === b;
}

/** Whether the projections hold one task as it is stored now. */
async function isIndexed(taskId: string): Promise<boolean> {
  const db = adminDb();
  const task = await db.collection("tasks").doc(taskId).get();
  const { assignedTo, openTask, deadline, completedTask } = projectionOf(taskId, task.data());
  if (assignedTo) {
    const board = await db.collection("sms_open_tasks").doc(assignedTo).get();
    const entry = (board.get("tasks") as Record<string, { title: string; deadline: unknown }>)?.[
      taskId
    ];
    const completion = (board.get("completed") as Record<string, unknown> | undefined)?.[taskId];
    if ((completion !== undefined) !== (completedTask !== undefined)) return false;
    if (!openTask) return entry === undefined;
    if (entry?.title !== openTask.title || !sameStoredDate(entry.deadline, openTask.deadline)) {
      return false;
    }
  }
  if (!deadline) return true;
  const bucket = await db.collection("sms_deadlines").doc(deadline.docId).get();
  return (bucket.get("tasks") as Record<string, boolean> | undefined)?.[taskId] === true;
}

/**
 * Waits until onTaskWritten has filed these tasks as they are now (services/tasks/projections): the
 * scheduled jobs read those projections, not `tasks`. A deleted task is not waited for (its
 * previous assignee is not known here).
 */
export async function waitForTaskIndex(taskIds: readonly string[]): Promise<void> {
  await waitFor(`the task projections of ${taskIds.join(", ")}`, async () => {
    const indexed = await Promise.all(taskIds.map(isIndexed));
    return indexed.every(Boolean) ? true : undefined;
  });
}
