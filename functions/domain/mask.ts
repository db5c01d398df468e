/** Phone and address masking for logs, with no dependencies: loaded by every function at cold start. */

const VISIBLE_PREFIX_DIGITS = 4;
const VISIBLE_SUFFIX_DIGITS = 2;

/**
 * Masks a phone number for logs: `+15555550123` → `+1555*****23`. Never throws, whatever it is
 * given, because it runs on error paths; short values are masked all but their last digits.
 */
export function maskPhone(e164: string): string {
  const plus = e164.trim().startsWith("+") ? "+" : "";
  const digits = e164.replace(/\D/g, "");
  const suffixLength = Math.min(VISIBLE_SUFFIX_DIGITS, Math.max(0, digits.length - 1));
  const prefixLength = Math.min(
    VISIBLE_PREFIX_DIGITS,
    Math.max(0, digits.length - suffixLength - 3),
  );
  const hidden = digits.length - prefixLength - suffixLength;
  return (
    plus +
    digits.slice(0, prefixLength) +
    "*".repeat(hidden) +
    digits.slice(digits.length - suffixLength)
  );
}

/**
 * Masks a message's destination, a number or (for email) an address: `ada@example.com` →
 * `a**@example.com`.
 */
export function maskDestination(to: string): string {
  const at = to.lastIndexOf("@");
  if (at < 0) return maskPhone(to);
  const local = to.slice(0, at);
  return `${local.slice(0, 1)}${"*".repeat(Math.max(2, local.length - 1))}${to.slice(at)}`;
}
