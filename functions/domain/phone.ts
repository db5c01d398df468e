import {
  isSupportedCountry,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type CountryCode,
  type PhoneNumber,
  type ValidatePhoneNumberLengthResult,
} from "libphonenumber-js";

/**
 * The outcome of normalising a phone number: either its E.164 form (and the country
 * libphonenumber attributes it to, when it can tell) or a plain-language reason that can be
 * shown to a user or stored as a message's `userMessage`.
 */
export type PhoneResult =
  { ok: true; e164: string; country?: string } | { ok: false; reason: string };

// People paste numbers with formatting, so punctuation is tolerated; anything else (letters,
// "ext. 12", emoji) means this is not something an SMS can be sent to. libphonenumber alone
// would silently drop trailing letters ("+1 800 FLOWERS" parses as "+1800").
const ALLOWED_CHARACTERS = /^\+?[\d\s\-()./]+$/;

// An input this long is a paste accident or an attack, not a phone number; stop before parsing.
const MAX_INPUT_LENGTH = 64;

// NANPA reserves 555-0100..555-0199 in every area code for fiction. libphonenumber rightly
// calls them invalid, but our demo data and tests use them (e.g. +15555550123), so they are
// accepted here; a real provider rejects them later with a permanent error.
const FICTIONAL_NANP = /^[2-9]\d{2}55501\d{2}$/;

const LENGTH_REASONS: Record<ValidatePhoneNumberLengthResult, string> = {
  NOT_A_NUMBER: "not a phone number",
  INVALID_COUNTRY: "unknown country code",
  TOO_SHORT: "too short",
  TOO_LONG: "too long",
  INVALID_LENGTH: "wrong number of digits",
};

function isFictionalNanp(phone: PhoneNumber): boolean {
  return (
    phone.countryCallingCode === "1" &&
    FICTIONAL_NANP.test(phone.nationalNumber) &&
    phone.isPossible()
  );
}

function toCountryCode(value: string): CountryCode | undefined {
  const upper = value.trim().toUpperCase();
  return isSupportedCountry(upper) ? upper : undefined;
}

/**
 * Turns user-typed phone input into E.164.
 *
 * Accepts E.164 (`+905321234567`), international numbers written with the `00` prefix
 * (`0090 532 123 45 67`) and national numbers (`(555) 555-0123`, `0532 123 45 67`), which are
 * read as numbers of `defaultCountry` (ISO 3166 alpha-2, e.g. `US`, `TR`; an unknown code is
 * ignored rather than thrown on, so bad configuration degrades to "E.164 only").
 * Validity is libphonenumber's `isValid()` on its min metadata, plus the NANP fictional range
 * 555-0100..0199 so that demo numbers work.
 *
 * @param input anything read from a document or request; non-strings are rejected.
 * @param defaultCountry country used for numbers without a country code.
 */
export function normalizePhone(input: unknown, defaultCountry: string): PhoneResult {
  if (typeof input !== "string") return { ok: false, reason: "not a phone number" };
  const trimmed = input.trim();
  if (trimmed === "") return { ok: false, reason: "empty" };
  if (trimmed.length > MAX_INPUT_LENGTH) return { ok: false, reason: "too long" };
  if (!/\d/.test(trimmed)) return { ok: false, reason: "not a phone number" };
  if (!ALLOWED_CHARACTERS.test(trimmed)) {
    return { ok: false, reason: "not a phone number (it contains letters or symbols)" };
  }

  // "00" is the international prefix in most of the world (Europe, Turkey, ...) but not in
  // the US, where libphonenumber would read it as part of a national number.
  const text = trimmed.startsWith("00") ? `+${trimmed.slice(2)}` : trimmed;
  const country = toCountryCode(defaultCountry);

  if (!text.startsWith("+") && country === undefined) {
    return { ok: false, reason: "missing country code (write it like +1 555 555 0123)" };
  }

  const lengthProblem = validatePhoneNumberLength(text, country);
  if (lengthProblem !== undefined) return { ok: false, reason: LENGTH_REASONS[lengthProblem] };

  const phone = parsePhoneNumberFromString(text, country);
  if (phone === undefined) return { ok: false, reason: "not a phone number" };
  if (!phone.isValid() && !isFictionalNanp(phone)) {
    return { ok: false, reason: "not a valid phone number" };
  }
  return phone.country === undefined
    ? { ok: true, e164: phone.number }
    : { ok: true, e164: phone.number, country: phone.country };
}

/**
 * The country an E.164 number is in, for SMS_ALLOWED_COUNTRIES; undefined when libphonenumber
 * cannot tell. The fictional NANP range counts as the plan's main country (US), so demo and
 * test numbers behave like the real numbers they stand for.
 */
export function destinationCountry(e164: string): string | undefined {
  const phone = parsePhoneNumberFromString(e164);
  if (phone === undefined) return undefined;
  if (phone.country !== undefined) return phone.country;
  return isFictionalNanp(phone) ? "US" : undefined;
}

// Enough of the start to tell the country (and carrier region) apart when reading logs.
