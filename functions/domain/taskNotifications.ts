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

/** Keeps `_` free to separate parts: ids chosen by client apps may contain it. */
function escapeIdPart(part: string): string {
  return part.replace(/%/g, "%25").replace(/_/g, "%5F");
}

/**
 * The outbox id of one task notification. `version` identifies the write that caused it (the
 * document's update time), so a redelivered event maps to the same id and is queued once, while
 * a later edit of the same task is a new notification.
 */
export function taskMessageId(
  notification: TaskNotification,
  taskId: string,
  version: string,
): string {
  const kind = notification.kind.replace(/_/g, "-");
  return [kind, taskId, notification.recipientId, version].map(escapeIdPart).join("_");
}
