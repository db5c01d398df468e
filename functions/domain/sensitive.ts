/**
 * Message types whose body is a secret (a sign-in code, a reset link): never logged, and blanked
 * in the outbox once the message can no longer be sent, so the history does not keep it.
 */
import { FINAL_STATUSES, type MessageStatus } from "./messageStatus";
import type { MessageType } from "./templates";

/** What a sensitive body reads as once it is no longer needed. */
export const REDACTED = "[redacted]";

const SENSITIVE: ReadonlySet<string> = new Set<MessageType>(["password_reset", "2fa_code"]);

/** True for message types whose body must not be logged or kept. */
export function isSensitive(type: string): boolean {
  return SENSITIVE.has(type);
}

/** The body field to write with a status change: blanked when a sensitive message is final. */
export function redactedBody(type: string, status: MessageStatus): { body?: string } {
  // Once sent, the body is never needed again (a receipt changes only the status).
  const done = status === "sent" || FINAL_STATUSES.has(status);
  return isSensitive(type) && done ? { body: REDACTED } : {};
}
