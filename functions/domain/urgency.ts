/**
 * Which messages may wait for the end of quiet hours (QUIET_HOURS, recipient local time).
 * Urgent ones are delivered as scheduled: reminders users set themselves (and the replies to
 * what they just did), overdue alerts, the 21:00 summary users opted in to, messages an
 * admin sends by hand, and sign-in and password codes (someone is waiting for them).
 */
import type { MessageType } from "./templates";

const URGENT: ReadonlySet<MessageType> = new Set<MessageType>([
  "reminder",
  "reminder_created",
  "reminder_updated",
  "reminder_completed",
  "task_overdue",
  "daily_summary",
  "manual",
  "password_reset",
  "2fa_code",
]);

/** True when a message of this type is sent even during the recipient's quiet hours. */
export function isUrgent(type: MessageType): boolean {
  return URGENT.has(type);
}
