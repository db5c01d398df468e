/**
 * Every message id the backend makes. An id says what a notification is about (docs/contract.md
 * §2), and messages are created with `create()`, so a retried trigger or two overlapping job
 * runs can never queue the same notification twice. Changing a format would let a notification
 * queued before a deploy be queued again after it: keep them stable. Pure.
 */
import { randomUUID } from "node:crypto";
import type { TaskNotification } from "../../domain/taskNotifications";

/** Deterministic ids (docs/contract.md §2): the same notification can never be queued twice. */
export const scheduledMessageId = {
  dailyReminder: (userId: string, localDate: string) => `daily-reminder_${userId}_${localDate}`,
  motivation: (userId: string, localDate: string) => `motivation_${userId}_${localDate}`,
  weeklyProgress: (userId: string, isoWeek: string) => `weekly-progress_${userId}_${isoWeek}`,
  dailySummary: (userId: string, localDate: string) => `daily-summary_${userId}_${localDate}`,
  /** One per deadline: a deadline moved and missed again is a new notification. */
  taskOverdue: (taskId: string, deadline: Date) => `task-overdue_${taskId}_${deadline.getTime()}`,
} as const;

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

/** A reminder's confirmation (`reminder-created`, ...) for one write of the reminder. */
export function reminderConfirmationId(
  confirmation: string,
  reminderId: string,
  version: string,
): string {
  return `${confirmation.replace(/_/g, "-")}_${reminderId}_${version}`;
}

/** One occurrence of a reminder, by its local date and time. */
export function reminderOccurrenceId(reminderId: string, occurrence: string): string {
  return `reminder_${reminderId}_${occurrence}`;
}

/**
 * An admin's send-now of a reminder's next occurrence (`sendReminderNow`): one per occurrence,
 * apart from the occurrence's own message, which still goes at its time.
 */
export function reminderNowId(reminderId: string, occurrence: string): string {
  return `reminder-now_${reminderId}_${occurrence}`;
}

/** The answer to one HELP reply. */
export function helpReplyId(providerMessageId: string): string {
  return `help_${providerMessageId}`;
}

/** The confirmation of an opt-out or an opt-in, answering one reply. */
export function consentReplyId(kind: "opt-out" | "opt-in", providerMessageId: string): string {
  return `${kind}_${providerMessageId}`;
}

/** The answer to one DONE reply. */
export function doneReplyId(providerMessageId: string): string {
  return `done_${providerMessageId}`;
}

/** A campaign's message to one recipient: once per campaign, across pauses and resumes. */
export function campaignMessageId(campaignId: string, userId: string): string {
  return `campaign_${campaignId}_${userId}`;
}

/** An on-demand daily summary: at most one per local minute, so a double click sends one. */
export function dailySummaryNowId(userId: string, localMinute: string): string {
  return `daily-summary-now_${userId}_${localMinute}`;
}

/** A manual send: each request is new, never a retry of an earlier one. */
export function manualMessageId(): string {
  return `manual_${randomUUID()}`;
}
