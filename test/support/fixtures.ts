/** Documents as the existing client apps write them (DESIGN §2), for integration tests. */
import { adminDb } from "./emulators";

export interface UserFixture {
  name?: string;
  role?: "student" | "partner" | "admin";
  phone_number?: unknown;
  timezone?: string;
  language?: string;
  daily_streak?: number;
  sms_notifications_enabled?: boolean;
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
