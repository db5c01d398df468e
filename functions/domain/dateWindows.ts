/**
 * Time windows the scheduled jobs query tasks by: "today" and "this ISO week" where the
 * recipient is, and the bounds a range query needs on a date field that client apps store
 * either as a Timestamp or as an ISO string (docs/contract.md §1).
 *
 * Firestore orders values of different types apart, so one range query cannot cover both: a
 * job runs one query with Timestamp bounds and one with string bounds. A string's place in the
 * order is its text, not its instant: "2026-11-24T20:00:00+03:00" and a naive
 * "2026-11-24T20:00" (local time in the recipient's zone) both mean an instant up to 14 hours
 * away from what the text says. The string bounds are therefore widened to whole days, 14 hours
 * beyond the window on each side, and the caller decides exactly in memory with `toInstant`.
 */
import { addDays, startOfISOWeek } from "date-fns";
import { toInstant } from "./clientDocs";
import { calendarDay, calendarDayKey, localDateKey } from "./localSchedule";

/** A half-open interval of instants, [start, end). */
export interface InstantWindow {
  start: Date;
  end: Date;
}

/** Local midnight starting `date` (`yyyy-MM-dd`) in `timeZone`, DST-correct. */
function localMidnight(date: string, timeZone: string): Date {
  // A midnight skipped by a DST change (some zones switch at 00:00) moves to the first minute
  // that exists, as toInstant does.
  return toInstant({ local: `${date}T00:00:00` }, timeZone);
}

/** The recipient's local calendar day containing `now`, as instants. */
export function localDayWindow(now: Date, timeZone: string): InstantWindow {
  const today = localDateKey(now, timeZone);
  const tomorrow = calendarDayKey(addDays(calendarDay(today), 1));
  return { start: localMidnight(today, timeZone), end: localMidnight(tomorrow, timeZone) };
}

/** The recipient's local ISO week (Monday 00:00 to the next Monday 00:00) containing `now`. */
export function localIsoWeekWindow(now: Date, timeZone: string): InstantWindow {
  const monday = startOfISOWeek(calendarDay(localDateKey(now, timeZone)));
  return {
    start: localMidnight(calendarDayKey(monday), timeZone),
    end: localMidnight(calendarDayKey(addDays(monday, 7)), timeZone),
  };
}

/** True when `instant` is in the half-open `window`. */
export function inWindow(instant: Date, window: InstantWindow): boolean {
  const t = instant.getTime();
  return t >= window.start.getTime() && t < window.end.getTime();
}
