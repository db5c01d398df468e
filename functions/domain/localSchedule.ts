/**
 * Wall-clock questions asked by the scheduled jobs (docs/contract.md §4): "which users is it 09:00 for",
 * "what is their local date", "which ISO week is this for them". Everything is answered in the
 * recipient's zone from an instant passed in; nothing here reads the clock.
 */
import { format, getISOWeek, getISOWeekYear } from "date-fns";
import { toInstant } from "./clientDocs";
import { isValidTimeZone } from "./localTime";

/** The wall-clock fields of one instant in one zone. */
export interface LocalParts {
  /** Local calendar date, `2026-11-21`. */
  date: string;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday, as `Date#getDay`. */
  weekday: number;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

// Building a DateTimeFormat is the expensive part; the hourly job asks ~420 zones every run.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** True for a zone name `localParts` accepts; cheap for zones already seen. */
function isKnownZone(timeZone: string): boolean {
  return formatters.has(timeZone) || isValidTimeZone(timeZone);
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Same rule as formatting elsewhere: offsets such as "+03:00" are not zones. Only valid
    // names are cached, so the cache is bounded by the zone database, whatever users wrote.
    if (!isValidTimeZone(timeZone)) throw new RangeError(`Invalid time zone: ${timeZone}`);
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      weekday: "short",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The local date and time of `instant` in `timeZone`.
 *
 * Read straight from Intl rather than through date-fns-tz's `formatInTimeZone`: that one rebuilds
 * the wall time as a Date in the *process* zone, so a wall time that the process zone skips
 * (02:30 on its own spring-forward night) comes out an hour off. Cloud Functions run in UTC, but
 * tests and local runs need not.
 *
 * @throws RangeError for an invalid date or time zone.
 */
export function localParts(instant: Date, timeZone: string): LocalParts {
  if (Number.isNaN(instant.getTime())) throw new RangeError("Invalid date");
  const fields: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) fields[part.type] = part.value;
  return {
    date: `${fields.year}-${fields.month}-${fields.day}`,
    hour: Number(fields.hour),
    minute: Number(fields.minute),
    second: Number(fields.second),
    weekday: WEEKDAYS[fields.weekday],
  };
}

/**
 * A local calendar date as a Date at noon in the process zone, so date-fns calendar functions
 * (which read process-local fields) can work on it. Noon keeps clear of DST changes, which
 * happen at night, so the fields read back are the ones written.
 */
export function calendarDay(date: string): Date {
  const [year, month, day] = date.split("-").map(Number);
  return new Date(year, month - 1, day, 12);
}

/** The `yyyy-MM-dd` of a Date made by {@link calendarDay} (or shifted from one). */
export function calendarDayKey(day: Date): string {
  return format(day, "yyyy-MM-dd");
}

/** Two digits, for building `HH:mm` strings. */
export function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/**
 * The recipient's local calendar date, `2026-11-21`: the key of "once per local day" documents
 * (`daily-reminder_<uid>_<localDate>`). Near midnight it differs from the UTC date.
 */
export function localDateKey(instant: Date, timeZone: string): string {
  return localParts(instant, timeZone).date;
}

/**
 * The ISO-8601 week of the recipient's local date, `2026-W47`, for once-a-week documents.
 * The year is the ISO week-numbering year, so 2027-01-01 (a Friday) is `2026-W53`.
 */
export function isoWeekKey(instant: Date, timeZone: string): string {
  const day = calendarDay(localDateKey(instant, timeZone));
  return `${getISOWeekYear(day)}-W${pad2(getISOWeek(day))}`;
}

/** Local hour (0–23), minute and weekday (0 = Sunday … 6 = Saturday) of `instant`. */
export function localHourMinute(
  instant: Date,
  timeZone: string,
): { hour: number; minute: number; weekday: number } {
  const { hour, minute, weekday } = localParts(instant, timeZone);
  return { hour, minute, weekday };
}

function assertInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer in ${min}..${max}, got ${value}`);
  }
}

/**
 * The zones among `zones` whose local time at `instant` is within [hour:00, hour+1:00), and
 * whose local weekday is `options.weekday` when given. An hourly job calls this to find whose
 * "09:00 local" it is; half-hour zones (Asia/Kolkata) are picked up by the run that falls in
 * their 09:xx. Entries that are not valid zones (they may come from user documents) are skipped.
 *
 * @throws RangeError when `hour` is not 0–23 or `weekday` not 0–6.
 */
export function zonesAtLocalHour(
  instant: Date,
  hour: number,
  zones: readonly string[],
  options: { weekday?: number } = {},
): string[] {
  assertInteger("hour", hour, 0, 23);
  if (options.weekday !== undefined) assertInteger("weekday", options.weekday, 0, 6);
  if (Number.isNaN(instant.getTime())) throw new RangeError("Invalid date");
  return zones.filter((zone) => {
    if (!isKnownZone(zone)) return false;
    const local = localParts(instant, zone);
    return (
      local.hour === hour && (options.weekday === undefined || local.weekday === options.weekday)
    );
  });
}

// ICU lists some zones under their old CLDR names (Asia/Calcutta, Europe/Kiev). Phones and
// browsers report the current IANA names, and those are what users have stored, so both go in.
// (Node 20 / ICU 78 lists only the left-hand names of: Calcutta, Saigon, Katmandu, Rangoon, Kiev,
// Godthab, Buenos_Aires, …) A name the runtime does not accept is left out.
const CURRENT_NAMES = [
  "America/Argentina/Buenos_Aires",
  "America/Argentina/Catamarca",
  "America/Argentina/Cordoba",
  "America/Argentina/Jujuy",
  "America/Argentina/Mendoza",
  "America/Atikokan",
  "America/Indiana/Indianapolis",
  "America/Kentucky/Louisville",
  "America/Nuuk",
  "Asia/Ho_Chi_Minh",
  "Asia/Kathmandu",
  "Asia/Kolkata",
  "Asia/Yangon",
  "Atlantic/Faroe",
  "Europe/Kyiv",
  "Pacific/Chuuk",
  "Pacific/Kanton",
  "Pacific/Pohnpei",
];

/**
 * Every zone the runtime lists (`Intl.supportedValuesOf("timeZone")`), plus `UTC` and the
 * current names of zones it lists under older ones, deduplicated and sorted: the candidates an
 * hourly job filters with {@link zonesAtLocalHour}. Other aliases a user may have stored
 * (`US/Eastern`, `Etc/GMT-3`) are not listed; a job that queries users by zone should also add
 * the zones it actually finds.
 */
export function candidateZones(): string[] {
  const zones = new Set(Intl.supportedValuesOf("timeZone"));
  zones.add("UTC");
  for (const name of CURRENT_NAMES) if (isValidTimeZone(name)) zones.add(name);
  return [...zones].sort();
}

/**
 * The instant of `hour:minute` local time on the local date of `instant` ("today at 18:00 for
 * this user"). A time skipped by a DST change moves forward, as {@link toInstant} does; an
 * ambiguous one (clocks going back) is the first of the two.
 *
 * @throws RangeError for an invalid date, zone, hour or minute.
 */
export function localTimeToday(instant: Date, timeZone: string, hour: number, minute = 0): Date {
  assertInteger("hour", hour, 0, 23);
  assertInteger("minute", minute, 0, 59);
  const date = localDateKey(instant, timeZone);
  return toInstant({ local: `${date}T${pad2(hour)}:${pad2(minute)}:00` }, timeZone);
}
