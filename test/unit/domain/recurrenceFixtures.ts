/** Zones and helpers for the recurrence tests: the next occurrence, and a chain of them. */
import {
  nextOccurrence,
  occurrenceKey,
  type Recurrence,
} from "../../../functions/domain/recurrence";

export const NEW_YORK = "America/New_York";
export const LONDON = "Europe/London";
export const ISTANBUL = "Europe/Istanbul";
export const TOKYO = "Asia/Tokyo";

export const at = (iso: string): Date => new Date(iso);

/** The ISO string of the next occurrence, or undefined, for readable expectations. */
export function next(first: string, recurrence: Recurrence, zone: string, after: string) {
  return nextOccurrence(at(first), recurrence, zone, at(after))?.toISOString();
}

/** The first `count` occurrences after the first, each found from the previous one. */
export function chain(
  first: string,
  recurrence: Recurrence,
  zone: string,
  count: number,
): string[] {
  const keys: string[] = [];
  let current = at(first);
  for (let i = 0; i < count; i += 1) {
    const following = nextOccurrence(at(first), recurrence, zone, current);
    if (!following) throw new Error(`no occurrence after ${current.toISOString()}`);
    keys.push(occurrenceKey(following, zone));
    current = following;
  }
  return keys;
}
