/**
 * Quiet hours: a daily local window ("21:00-08:00") during which non-urgent messages wait.
 * The window is wall-clock time where the recipient is, so the same UTC instant can be quiet
 * for a user in Tokyo and not for one in Istanbul, and the window's end moves with DST.
 */
import { addDays } from "date-fns";
import { toInstant } from "./clientDocs";
import { calendarDay, calendarDayKey, localParts, pad2 } from "./localSchedule";

/** A daily window in minutes after local midnight; it wraps midnight when start > end. */
export interface QuietHours {
  /** Inclusive. */
  startMinutes: number;
  /** Exclusive. */
  endMinutes: number;
}

const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;
// "21:00-08:00", "9:00 - 17:00"; an en or em dash too, as phones like to autocorrect.
const WINDOW = /^(\d{1,2}):(\d{2})\s*[-–—]\s*(\d{1,2}):(\d{2})$/;

function toMinutes(hours: string, minutes: string, isEnd: boolean): number | undefined {
  const h = Number(hours);
  const m = Number(minutes);
  if (m > 59) return undefined;
  // "22:00-24:00" is a natural way to say "until midnight"; 24:00 is no start time.
  if (isEnd && h === 24 && m === 0) return 0;
  return h > 23 ? undefined : h * 60 + m;
}

/**
 * Parses `HH:mm-HH:mm` (hours may have one digit, spaces around the dash are fine). Invalid
 * text, an empty string, and a window that starts where it ends ("00:00-00:00") all give
 * undefined, which callers read as "no quiet hours", so bad configuration never holds
 * messages back.
 */
export function parseQuietHours(value: string | null | undefined): QuietHours | undefined {
  const match = WINDOW.exec((value ?? "").trim());
  if (!match) return undefined;
  const startMinutes = toMinutes(match[1], match[2], false);
  const endMinutes = toMinutes(match[3], match[4], true);
  if (startMinutes === undefined || endMinutes === undefined) return undefined;
  if (startMinutes === endMinutes) return undefined;
  return { startMinutes, endMinutes };
}

/** True when a local minute of the day falls in the window (start inclusive, end exclusive). */
function contains(quiet: QuietHours, minuteOfDay: number): boolean {
  const { startMinutes: start, endMinutes: end } = quiet;
  return start < end
    ? minuteOfDay >= start && minuteOfDay < end
    : minuteOfDay >= start || minuteOfDay < end;
}

function isValidWindow(quiet: QuietHours | undefined): quiet is QuietHours {
  if (!quiet) return false;
  const { startMinutes: start, endMinutes: end } = quiet;
  const inDay = (n: number): boolean => Number.isInteger(n) && n >= 0 && n < DAY_MINUTES;
  return inDay(start) && inDay(end) && start !== end;
}

/**
 * True when `instant` is inside the quiet window on the recipient's wall clock: 21:00 is
 * quiet, 08:00 is not (for "21:00-08:00"). No window (undefined) is never quiet.
 *
 * @throws RangeError for an invalid date or time zone.
 */
export function isQuietAt(instant: Date, timeZone: string, quiet: QuietHours | undefined): boolean {
  const { hour, minute } = localParts(instant, timeZone);
  return isValidWindow(quiet) && contains(quiet, hour * 60 + minute);
}

/**
 * When `instant` is inside the window, the instant it ends: the local end time on the right
 * local day (the next one when a wrapping window is entered before midnight), with that day's
 * offset, so the end of "21:00-08:00" on the morning of 2026-03-08 in New York is 08:00 EDT.
 * Outside the window (or with none), undefined.
 *
 * Two DST corner cases keep the answer "the first moment the window no longer applies":
 * an end time that the clocks skip ends the window when they jump (at 03:00 EDT for an 02:30
 * end), and an end time that happens twice ends it at the one still ahead.
 *
 * @throws RangeError for an invalid date or time zone.
 */
export function quietHoursEnd(
  instant: Date,
  timeZone: string,
  quiet: QuietHours | undefined,
): Date | undefined {
  const local = localParts(instant, timeZone);
  const minuteOfDay = local.hour * 60 + local.minute;
  if (!isValidWindow(quiet) || !contains(quiet, minuteOfDay)) return undefined;

  const { startMinutes: start, endMinutes: end } = quiet;
  const wrapsTonight = start > end && minuteOfDay >= start;
  const day = wrapsTonight ? addDays(calendarDay(local.date), 1) : calendarDay(local.date);
  const endTime = `${pad2(Math.floor(end / 60))}:${pad2(end % 60)}:00`;
  const candidate = toInstant({ local: `${calendarDayKey(day)}T${endTime}` }, timeZone);

  if (candidate.getTime() <= instant.getTime()) {
    // Fall-back night, and we are in the repeated hour past the first 01:30 (say): the end is
    // the second 01:30, one offset change later.
    const change = offsetMs(candidate, timeZone) - offsetMs(instant, timeZone);
    return new Date(candidate.getTime() + change);
  }
  const reached = localParts(candidate, timeZone);
  if (reached.hour * 60 + reached.minute === end) return candidate;

  // The end time was skipped, so `candidate` is past it: the window ended when the clocks
  // jumped. Search the whole minutes between (offsets change on minute boundaries); quietness
  // changes once in that stretch, so halving finds the jump in a dozen steps.
  let quietAt = Math.floor(instant.getTime() / MINUTE_MS) * MINUTE_MS;
  let notQuietAt = candidate.getTime();
  while (notQuietAt - quietAt > MINUTE_MS) {
    const middle = quietAt + Math.floor((notQuietAt - quietAt) / 2 / MINUTE_MS) * MINUTE_MS;
    if (isQuietAt(new Date(middle), timeZone, quiet)) quietAt = middle;
    else notQuietAt = middle;
  }
  return new Date(notQuietAt);
}

/**
 * The zone's offset from UTC at `instant`, east positive. Not date-fns-tz's `getTimezoneOffset`:
 * that reads its Date argument as a wall time, so in a repeated hour it answers for the other
 * of the two instants.
 */
function offsetMs(instant: Date, timeZone: string): number {
  const { date, hour, minute, second } = localParts(instant, timeZone);
  const [year, month, day] = date.split("-").map(Number);
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  return wallAsUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * When a message created at `instant` should go out: at once if it is urgent (or there are no
 * quiet hours, or it is not quiet now), otherwise when the recipient's quiet hours end.
 *
 * @throws RangeError for an invalid date or time zone.
 */
export function deliverAt(
  instant: Date,
  timeZone: string,
  quiet: QuietHours | undefined,
  urgent: boolean,
): Date {
  if (urgent) return instant;
  return quietHoursEnd(instant, timeZone, quiet) ?? instant;
}
