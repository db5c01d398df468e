/**
 * Task documents as the apps write them, parsed as a trigger would, and the notifications the
 * tests expect, for the taskNotifications and taskMessageId tests.
 */
import { Timestamp } from "firebase-admin/firestore";
import { parseTask, type ClientTask } from "../../../functions/domain/clientDocs";
import type { TaskNotification } from "../../../functions/domain/taskNotifications";

export const ASSIGNEE = "student-1";
export const CREATOR = "partner-1";

export const stamp = (iso: string): Timestamp => Timestamp.fromDate(new Date(iso));

/**
 * A tasks/{taskId} document as the apps write it: camelCase, Timestamps, `completedAt: null`
 * until the task is done. Fresh Timestamp objects on every call, so "unchanged" really means
 * equal values rather than the same object.
 */
function document(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: "Read chapter 3",
    assignedTo: ASSIGNEE,
    createdBy: CREATOR,
    subjectId: "math",
    chapterId: "math-3",
    taskType: "chapter",
    completed: false,
    createdAt: stamp("2026-03-01T10:00:00Z"),
    deadline: stamp("2026-03-20T21:00:00Z"),
    completedAt: null,
    ...overrides,
  };
}

/** The ClientTask a trigger would get for a document: parsed, never hand-built. */
export function task(overrides: Record<string, unknown> = {}): ClientTask {
  return parsed(document(overrides));
}

export function parsed(doc: Record<string, unknown>): ClientTask {
  const result = parseTask(doc);
  if (!result.ok) throw new Error(`test document did not parse: ${result.reason}`);
  return result.value;
}

export const created = (recipientId: string): TaskNotification => ({
  kind: "task_created",
  recipientId,
});
export const updated = (recipientId: string): TaskNotification => ({
  kind: "task_updated",
  recipientId,
});

export const completion = { completed: true, completedAt: stamp("2026-03-19T17:00:00Z") };
