/**
 * "Now" for a scheduled function is its schedule time, not the clock: a late run or a retry
 * acts as of when it was due, and a run fired by hand with a chosen time acts as of that time.
 */

/** The schedule time of an event, or the clock when it is missing or unreadable. */
export function scheduledNow(scheduleTime: string | undefined): Date {
  const now = new Date(scheduleTime ?? "");
  return isNaN(now.getTime()) ? new Date() : now;
}
