/**
 * A reminder about a task (`taskId`) stops when the task is completed or deleted: it is
 * `cancelled`, with no message, as if its author had cancelled it.
 */
import { cancelIfScheduled, scheduledReminderIdsOfTask } from "../../data/reminders";
import { parseTask } from "../../domain/clientDocs";
import * as logs from "../../logs";

/** Whether a task document (null: deleted) no longer needs reminding about. */
function ended(data: unknown): boolean {
  if (data === null) return true;
  const parsed = parseTask(data);
  return parsed.ok && parsed.value.completed;
}

/** Cancels the task's scheduled reminders once it has ended; the number cancelled. */
export async function stopRemindersOfEndedTask(taskId: string, after: unknown): Promise<number> {
  if (!ended(after)) return 0;
  const ids = await scheduledReminderIdsOfTask(taskId);
  const cancelled = await Promise.all(ids.map(cancelIfScheduled));
  const count = cancelled.filter(Boolean).length;
  if (count > 0) logs.taskRemindersStopped(taskId, count);
  return count;
}
