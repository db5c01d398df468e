/**
 * Repeating reminders (docs/contract.md §2 `reminders.recurrence`): a reminder repeats at the same local
 * wall-clock time in its zone, so a daily 09:00 in New York is 14:00Z in winter and 13:00Z in
 * summer. Occurrences are always derived from the first one, never from the previous one, so
 * a clamped or DST-shifted occurrence does not make the following ones drift.
 */
import { addDays, addMonths, differenceInCalendarDays, differenceInCalendarMonths } from "date-fns";
import { toInstant } from "./clientDocs";
import { calendarDay, calendarDayKey, localParts, pad2 } from "./localSchedule";

/** How a reminder repeats. */
export type Recurrence = "none" | "daily" | "weekly" | "monthly";

const RECURRENCES: readonly Recurrence[] = ["none", "daily", "weekly", "monthly"];

/**
 * The recurrence a client wrote, parsed leniently: case and surrounding spaces are ignored, and
 * anything missing or unknown means "none" (send once) rather than rejecting the reminder.
 */
export function toRecurrence(value: unknown): Recurrence {
  if (typeof value !== "string") return "none";
  const normalized = value.trim().toLowerCase();
  return RECURRENCES.find((recurrence) => recurrence === normalized) ?? "none";
}

function assertValid(date: Date, name: string): void {
  if (Number.isNaN(date.getTime())) throw new RangeError(`Invalid date: ${name}`);
}

/** The local date and time of day of the first occurrence, which every later one repeats. */
interface Pattern {
  first: Date;
  day: Date;
  time: string;
  recurrence: Exclude<Recurrence, "none">;
  timeZone: string;
}

/** The local calendar date of occurrence `index` (0 = the first). */
function dayOf(pattern: Pattern, index: number): Date {
  switch (pattern.recurrence) {
    case "daily":
      return addDays(pattern.day, index);
    case "weekly":
      return addDays(pattern.day, 7 * index);
    case "monthly":
      // addMonths clamps to the month's last day (Jan 31 + 1 month = Feb 28), and since it is
      // always added to the first date, Jan 31 + 2 months is Mar 31, not Mar 28.
      return addMonths(pattern.day, index);
  }
}

/** The instant of occurrence `index`. */
function occurrence(pattern: Pattern, index: number): Date {
  // The first occurrence is the instant given: in the repeated hour of a fall-back night its
  // wall time is ambiguous, and re-resolving it could pick the other of the two.
  if (index === 0) return pattern.first;
  const date = calendarDayKey(dayOf(pattern, index));
  // toInstant moves a time skipped by DST forward (RFC 5545) and takes the first of two.
  return toInstant({ local: `${date}T${pattern.time}` }, pattern.timeZone);
}

/** About how many steps separate the first occurrence from `after`'s local date. */
function estimateIndex(pattern: Pattern, afterDay: Date): number {
  switch (pattern.recurrence) {
    case "daily":
      return differenceInCalendarDays(afterDay, pattern.day);
    case "weekly":
      return Math.floor(differenceInCalendarDays(afterDay, pattern.day) / 7);
    case "monthly":
      return differenceInCalendarMonths(afterDay, pattern.day);
  }
}

/**
 * The first occurrence of a reminder strictly after `after`.
 *
 * `first` is the reminder's first occurrence; later ones are at the same local wall-clock time
 * in `timeZone`: daily, weekly (same weekday) or monthly (same day of month, clamped to the
 * month's last day: Jan 31 → Feb 28/29 → Mar 31). A time skipped by a DST change moves forward
 * (02:30 → 03:30 on a spring-forward night); an ambiguous one takes the first of the two.
 * For "none", the answer is `first` while it is still ahead, then undefined. When `after` is
 * before `first`, the answer is `first`.
 *
 * The step count is computed from the calendar, so `after` years later costs a few
 * conversions, not one per day.
 *
 * Note the pattern is the wall time of the instant `first`: a reminder first scheduled for a
 * skipped 02:30 (resolved to 03:30) keeps repeating at 03:30.
 *
 * @throws RangeError for an invalid date or time zone.
 */
export function nextOccurrence(
  first: Date,
  recurrence: Recurrence,
  timeZone: string,
  after: Date,
): Date | undefined {
  assertValid(first, "first");
  assertValid(after, "after");
  const local = localParts(first, timeZone); // also validates the zone, for every recurrence
  if (first.getTime() > after.getTime()) return first;
  if (recurrence === "none") return undefined;

  const wallTime = `${pad2(local.hour)}:${pad2(local.minute)}:${pad2(local.second)}`;
  const millis = ((first.getTime() % 1000) + 1000) % 1000; // Intl has no milliseconds field
  const pattern: Pattern = {
    first,
    day: calendarDay(local.date),
    time: `${wallTime}.${String(millis).padStart(3, "0")}`,
    recurrence,
    timeZone,
  };
  const seen = new Map<number, Date>(); // the walks below may look at one index twice
  const at = (index: number): Date => {
    const instant = seen.get(index) ?? occurrence(pattern, index);
    seen.set(index, instant);
    return instant;
  };
  const isAfter = (index: number): boolean => at(index).getTime() > after.getTime();

  // Start a step early (DST can move wall-clock order against instant order by an hour or so),
  // then settle on the smallest index whose occurrence is after `after`. Occurrences only grow
  // with the index, so both walks stop within a step or two.
  const afterDay = calendarDay(localParts(after, timeZone).date);
  let index = Math.max(1, estimateIndex(pattern, afterDay) - 1);
  while (index > 1 && isAfter(index - 1)) index -= 1;
  while (!isAfter(index)) index += 1;
  return at(index);
}

/**
 * A stable key for one occurrence: its local date and time in `timeZone`, `2026-03-10T09:00`,
 * for deterministic document ids. The same occurrence always gives the same key whatever the
 * server's zone or the job's timing. (Only the two instants of a fall-back night's repeated
 * hour share a key; a reminder has at most one occurrence per local day, so they never meet.)
 *
 * @throws RangeError for an invalid date or time zone.
 */
export function occurrenceKey(instant: Date, timeZone: string): string {
  const { date, hour, minute } = localParts(instant, timeZone);
  return `${date}T${pad2(hour)}:${pad2(minute)}`;
}
