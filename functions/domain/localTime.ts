import type { Locale } from "date-fns";
import { enUS } from "date-fns/locale/en-US";
import { tr } from "date-fns/locale/tr";
import { formatInTimeZone } from "date-fns-tz";
import type { Language } from "./templates";

// Each language's own order: "Tue, Mar 10, 2:00 PM" and "10 Mart Salı 14:00".
const FORMATS: Record<Language, { pattern: string; locale: Locale }> = {
  en: { pattern: "EEE, MMM d, h:mm a", locale: enUS },
  tr: { pattern: "d MMMM EEEE HH:mm", locale: tr },
};

// Node's Intl also accepts offsets such as "+03:00" in newer versions. Those are not zones:
// they know nothing of DST, so a recurring reminder would drift. Zone names start with a letter.
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+\-/]*$/;

/**
 * True when `tz` is an IANA time zone name the runtime knows (`Europe/Istanbul`, `UTC`).
 * Intl does the checking, so the answer matches what formatting will accept.
 */
export function isValidTimeZone(tz: unknown): tz is string {
  if (typeof tz !== "string" || !ZONE_NAME.test(tz)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * The first valid IANA zone among `candidates` (e.g. a reminder's zone, then the user's),
 * else `fallback` (the configured default), which is returned as it is, unchecked.
 */
export function resolveTimeZone(candidates: unknown[], fallback: string): string {
  return candidates.find(isValidTimeZone) ?? fallback;
}

/**
 * Formats an instant as the recipient reads it on their own wall clock, in their language:
 * `Tue, Mar 10, 2:00 PM` (en) or `10 Mart Salı 14:00` (tr). DST is the zone database's job,
 * so the same UTC hour shows as different local times across a transition.
 *
 * @throws RangeError for an invalid date or time zone; call {@link resolveTimeZone} first.
 */
export function formatLocalDateTime(instant: Date, timeZone: string, language: Language): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError("Invalid date");
  if (!isValidTimeZone(timeZone)) throw new RangeError(`Invalid time zone: ${timeZone}`);
  const { pattern, locale } = FORMATS[language];
  return formatInTimeZone(instant, timeZone, pattern, { locale });
}
