/**
 * What `validatePhone` tells the web app about a number. Validity and E.164 come from
 * `normalizePhone` (so a number valid here is one the backend will send to, fictional
 * 555-01xx numbers included); country and line type come from libphonenumber's "max"
 * metadata, which the caller loads on demand and passes in as `parse`.
 */
import { normalizePhone } from "./phone";

/** libphonenumber's line types (`getType()` with max metadata). */
export type PhoneType =
  | "MOBILE"
  | "FIXED_LINE"
  | "FIXED_LINE_OR_MOBILE"
  | "TOLL_FREE"
  | "PREMIUM_RATE"
  | "SHARED_COST"
  | "VOIP"
  | "PERSONAL_NUMBER"
  | "PAGER"
  | "UAN"
  | "VOICEMAIL";

/** The `validatePhone` response. Invalid numbers have every other field null. */
export interface PhoneDetails {
  valid: boolean;
  e164: string | null;
  /** ISO 3166 alpha-2, when the number belongs to one country (not for fictional numbers). */
  country: string | null;
  /** The line type, when the metadata can tell (never for fictional numbers). */
  type: PhoneType | null;
}

/** The part of a parsed number this needs (a `PhoneNumber` of `libphonenumber-js/max`). */
export interface ParsedPhone {
  country?: string;
  getType(): string | undefined;
}

const INVALID: PhoneDetails = { valid: false, e164: null, country: null, type: null };

/**
 * Describes `input` read with `defaultCountry` for national numbers.
 *
 * @param parse parses an E.164 string with max metadata (`parsePhoneNumberFromString`).
 */
export function describePhone(
  input: string,
  defaultCountry: string,
  parse: (e164: string) => ParsedPhone | undefined,
): PhoneDetails {
  const normalized = normalizePhone(input, defaultCountry);
  if (!normalized.ok) return { ...INVALID };
  const phone = parse(normalized.e164);
  return {
    valid: true,
    e164: normalized.e164,
    // From the E.164 form alone, so a number gets the same answer however it was typed.
    country: phone?.country ?? null,
    type: (phone?.getType() as PhoneType | undefined) ?? null,
  };
}
