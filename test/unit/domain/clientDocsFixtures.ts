/** Helpers shared by the clientDocs tests: dates, parse results, documents with fields left out. */
import type { Parsed } from "../../../functions/domain/clientDocs";

export const NEW_YORK = "America/New_York";
export const ISTANBUL = "Europe/Istanbul";

export const at = (iso: string): Date => new Date(iso);

export function valueOf<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw new Error(`expected ok, got: ${parsed.reason}`);
  return parsed.value;
}

export function reasonOf<T>(parsed: Parsed<T>): string {
  if (parsed.ok) throw new Error(`expected a failure, got ${JSON.stringify(parsed.value)}`);
  return parsed.reason;
}

/** A copy of `doc` without `key`: the field is absent, as Firestore returns an unset field. */
export function without(doc: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  const copy = { ...doc };
  for (const key of keys) delete copy[key];
  return copy;
}
