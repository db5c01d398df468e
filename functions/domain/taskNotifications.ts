/**
 * Which notifications one change of a task document causes (docs/contract.md §4). Pure: the trigger
 * parses the documents, this decides, a service renders and queues.
 */
import { sameClientDate, type ClientTask } from "./clientDocs";

/** Template ids of the task notifications; `task_completed_creator` is typed `task_completed`. */
export type TaskNotificationKind =
  "task_created" | "task_updated" | "task_completed" | "task_completed_creator";

export interface TaskNotification {
  kind: TaskNotificationKind;
  recipientId: string;
}

/** The fields whose change the assignee is told about. */
const WATCHED_TEXT_FIELDS = ["title", "subjectId", "chapterId", "taskType"] as const;

function watchedFieldsChanged(before: ClientTask, after: ClientTask): boolean {
  return (
    WATCHED_TEXT_FIELDS.some((field) => before[field] !== after[field]) ||
    !sameClientDate(before.deadline, after.deadline)
  );
}

/**
 * The notifications for a task going from `before` to `after` (null: did not exist / deleted).
 * Changes to any other field, including those the backend itself writes, cause nothing.
 */
export function taskNotifications(
  before: ClientTask | null,
  after: ClientTask | null,
): TaskNotification[] {
  if (!after) return [];
  if (!before || before.assignedTo !== after.assignedTo) {
    return after.completed ? [] : [{ kind: "task_created", recipientId: after.assignedTo }];
  }
  if (!before.completed && after.completed) {
    const notifications: TaskNotification[] = [
      { kind: "task_completed", recipientId: after.assignedTo },
    ];
    if (after.createdBy && after.createdBy !== after.assignedTo) {
      notifications.push({ kind: "task_completed_creator", recipientId: after.createdBy });
    }
    return notifications;
  }
  if (!after.completed && watchedFieldsChanged(before, after)) {
    return [{ kind: "task_updated", recipientId: after.assignedTo }];
  }
  return [];
}
