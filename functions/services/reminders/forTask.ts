/**
 * `scheduleTaskReminder` (docs/contract.md §5): a reminder about a task for its assignee,
 * written as a `reminders` document exactly as a client app writes one (with `taskId` and
 * `createdBy`), so everything about reminders applies: confirmation, authority, quiet hours,
 * and the end of the reminder when the task is completed or deleted. Its id is made of the
 * task, the instant and the channel, so asking twice creates one reminder.
 */
import { createReminderDoc } from "../../data/reminders";
import { readTaskDocs } from "../../data/tasks";
import { parseClientDate, parseTask, toInstant } from "../../domain/clientDocs";
import type { ReminderChannel } from "../../domain/reminders";
import { NotFoundError, PermissionError, RequestError, type Caller } from "../../errors";
import type { Settings } from "../../params";
import { loadRecipient } from "../recipients/lookup";

export interface TaskReminderRequest {
  taskId: string;
  /** ISO with an offset, or a wall-clock time (`2026-12-01T17:00`) in the assignee's zone. */
  at: string;
  channel?: ReminderChannel;
  message?: string;
}

export interface TaskReminderResult {
  reminderId: string;
  scheduledFor: string;
  /** False when the same reminder had been asked for before. */
  created: boolean;
}

const TITLE_MAX = 100;

export async function scheduleTaskReminder(
  request: TaskReminderRequest,
  caller: Caller,
  settings: Pick<Settings, "defaultTimeZone" | "defaultLanguage">,
  now: Date,
): Promise<TaskReminderResult> {
  const [doc] = await readTaskDocs([request.taskId]);
  const parsed = doc ? parseTask(doc.data) : undefined;
  if (!parsed?.ok) throw new NotFoundError(`No task ${request.taskId}.`);
  const task = parsed.value;
  const mayAsk =
    caller.role === "admin" || caller.uid === task.createdBy || caller.uid === task.assignedTo;
  if (!mayAsk) {
    throw new PermissionError("Only the task's creator, its assignee or an admin may do this.");
  }
  const recipient = await loadRecipient(task.assignedTo, settings);
  const timeZone = recipient.ok ? recipient.value.timeZone : settings.defaultTimeZone;
  const date = parseClientDate(request.at);
  if (!date) throw new RequestError("at", "at must be an ISO date-time");
  const instant = toInstant(date, timeZone);
  if (instant.getTime() <= now.getTime()) throw new RequestError("at", "at must be in the future");
  const channel = request.channel ?? "sms";
  const safeTaskId = request.taskId.replace(/[^A-Za-z0-9_-]/g, "_");
  const reminderId = `task-reminder_${safeTaskId}_${instant.getTime()}_${channel}`;
  const title = `Task: ${task.title}`.slice(0, TITLE_MAX);
  const created = await createReminderDoc(reminderId, {
    userId: task.assignedTo,
    createdBy: caller.uid,
    taskId: request.taskId,
    title,
    message: request.message ?? `Reminder: ${task.title}`.slice(0, 480),
    scheduledTime: request.at,
    timezone: timeZone,
    channel,
    createdAt: now.toISOString(),
  });
  return { reminderId, scheduledFor: instant.toISOString(), created };
}
