/**
 * The few kinds of provider failure the rest of the backend acts on: retry (transient), fail
 * over (transient, configuration), or stop at once with a plain-language reason an admin can
 * act on (invalid_number, unsubscribed, permanent). Each vendor's codes are mapped to them in
 * its adapter (messaging/twilio/errors, messaging/sns/errors).
 */

/** What kind of failure a provider reported; decides retry, failover and the final status. */
export type ErrorKind =
  "transient" | "invalid_number" | "unsubscribed" | "configuration" | "permanent";

/** A vendor error, classified. `code` is namespaced (`twilio:21211`, `sns:Throttling`, `network:ECONNRESET`). */
export interface ClassifiedError {
  kind: ErrorKind;
  code: string;
  /** The technical message, for logs. */
  message: string;
  /** Plain language for a non-technical admin. */
  userMessage: string;
  /** True only for `transient`. */
  retryable: boolean;
}

/** Plain-language messages shown to admins; exported so the UI and tests can compare. */
export const USER_MESSAGES = {
  transient: "The SMS service is temporarily unavailable; the message will be retried.",
  invalidNumber: "This phone number is not valid. Check it and try again.",
  notMobile:
    "This number cannot receive text messages (it may be a landline). Use a mobile number.",
  unsubscribed:
    "This number replied STOP and has opted out. They can reply START to receive messages again.",
  configuration:
    "The SMS service is not set up correctly; an administrator needs to check the credentials.",
  sender: "The sender number is not set up correctly; an administrator needs to check it.",
  region:
    "Sending to this country is not enabled for the SMS account; an administrator needs to allow it.",
  trial:
    "The SMS account is a trial account and can only send to numbers verified in it. Verify this number or upgrade the account.",
  permanent: "The SMS service refused this message, so it will not be retried.",
  tooLong: "The message is too long to send. Shorten it and try again.",
  whatsappWindow:
    "WhatsApp only allows free-form messages within 24 hours of the recipient's last reply; a template message is needed.",
  unreachable:
    "The phone could not be reached (it may be switched off or out of coverage). The carrier gave up delivering it.",
  blocked: "The recipient's phone or carrier blocked this message.",
  filtered: "The recipient's carrier filtered this message (for example as possible spam).",
  unknownDelivery: "The carrier could not deliver the message and gave no reason.",
} as const;

/**
 * Either kind may let the failover try another provider: an outage or a
 * misconfigured account says nothing about the recipient. Never for a bad or
 * opted-out number, which every provider would refuse too.
 */
export function isProviderSide(kind: ErrorKind): boolean {
  return kind === "transient" || kind === "configuration";
}
