/**
 * Where messages may go (SMS_ALLOWED_COUNTRIES). SMS pumping fraud sends to premium ranges in
 * countries a service never meant to reach, so destinations are an allow-list, not a deny-list.
 */

/** Every country. */
export const ALL_COUNTRIES = "*";

/**
 * The allow-list from its configured text: ISO codes separated by commas or spaces, or `*`.
 * Empty means the default country and Turkey, the two markets the platform serves.
 */
export function parseAllowedCountries(value: string, defaultCountry: string): string[] {
  const codes = value
    .split(/[\s,;]+/)
    .map((code) => code.trim().toUpperCase())
    .filter(Boolean);
  if (codes.includes(ALL_COUNTRIES)) return [ALL_COUNTRIES];
  if (codes.length > 0) return [...new Set(codes)];
  return [...new Set([defaultCountry.trim().toUpperCase(), "TR"].filter(Boolean))];
}

/** Whether a number of `country` may be sent to; a number whose country is unknown may not. */
export function isCountryAllowed(country: string | undefined, allowed: readonly string[]): boolean {
  if (allowed.includes(ALL_COUNTRIES)) return true;
  return country !== undefined && allowed.includes(country.toUpperCase());
}

/** The error a message to a country outside the allow-list ends with. */
export function countryNotAllowedError(country: string | undefined) {
  const where = country ?? "an unknown country";
  return {
    code: "country_not_allowed",
    message: `Destination ${where} is not in SMS_ALLOWED_COUNTRIES`,
    userMessage: `Messages to numbers in ${where} are not enabled for this service.`,
  };
}
