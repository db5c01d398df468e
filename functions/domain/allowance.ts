/**
 * The sender allowance: how many messages one account may cause per hour, whatever the path
 * (callables, tasks it creates, reminders it writes for others, campaigns). Kept as counts per
 * minute over the last hour, so the stored window is small (at most 60 entries) and the limit
 * slides instead of resetting on the hour.
 */

import type { Role } from "../errors";

/** Counts of messages charged per epoch minute (keys are minute numbers as strings). */
export type AllowanceWindow = Readonly<Record<string, number>>;

const MINUTE_MS = 60_000;
const WINDOW_MINUTES = 60;

/** Who caused a message, as far as the allowance cares. */
export interface Sender {
  uid: string;
  role: Role | undefined;
}

/** The hourly limit that applies to a sender: admins have the higher one. */
export function allowanceFor(
  sender: Sender,
  limits: { senderRateLimitPerHour: number; adminRateLimitPerHour: number },
): number {
  return sender.role === "admin" ? limits.adminRateLimitPerHour : limits.senderRateLimitPerHour;
}

function minuteOf(now: Date): number {
  return Math.floor(now.getTime() / MINUTE_MS);
}

/** The entries still inside the hour that ends at `now`. */
export function currentWindow(window: unknown, now: Date): Record<string, number> {
  const current: Record<string, number> = {};
  if (typeof window !== "object" || window === null) return current;
  const oldest = minuteOf(now) - WINDOW_MINUTES + 1;
  for (const [minute, count] of Object.entries(window as Record<string, unknown>)) {
    if (Number(minute) >= oldest && typeof count === "number" && count > 0) {
      current[minute] = count;
    }
  }
  return current;
}

/** Messages charged in the hour that ends at `now`. */
export function usedInWindow(window: unknown, now: Date): number {
  return Object.values(currentWindow(window, now)).reduce((sum, count) => sum + count, 0);
}

export type Reservation =
  | { ok: true; granted: number; window: Record<string, number> }
  | { ok: false; granted: number; used: number; window: Record<string, number> };

/**
 * Charges up to `count` messages to a window. `partial`: grant what still fits (triggers,
 * where each message stands alone); otherwise all or nothing (a callable's request).
 * A limit of 0 or less means no limit.
 */
export function reserve(
  window: unknown,
  count: number,
  limit: number,
  now: Date,
  partial = false,
): Reservation {
  const current = currentWindow(window, now);
  const used = usedInWindow(current, now);
  const room = limit > 0 ? Math.max(limit - used, 0) : count;
  const granted = count <= room ? count : partial ? room : 0;
  if (granted > 0) {
    const minute = String(minuteOf(now));
    current[minute] = (current[minute] ?? 0) + granted;
  }
  return granted === count
    ? { ok: true, granted, window: current }
    : { ok: false, granted, used, window: current };
}

/** The error of a message not sent because its sender had used up the allowance. */
export function senderLimitError(limit: number) {
  return {
    code: "sender_limit",
    message: `The account that caused this message has used its allowance (${limit} per hour)`,
    userMessage: `Not sent: the sender reached the limit of ${limit} messages per hour.`,
  };
}
