/**
 * What the adapters share when they classify a failure: the HTTP status and socket-level
 * fallbacks, used when a vendor's own code says nothing we recognise.
 */
import { USER_MESSAGES, type ClassifiedError, type ErrorKind } from "../domain/providerErrors";

export type Rule = { kind: ErrorKind; userMessage: string };

export const rule = (kind: ErrorKind, userMessage: string): Rule => ({ kind, userMessage });

/** Socket-level failures: the request may not have arrived, so trying again is the answer. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED", // axios: request timeout
  "ETIMEDOUT",
  "ESOCKETTIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
  "ERR_NETWORK",
  "ERR_SOCKET_CONNECTION_TIMEOUT",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_SOCKET",
]);

/** Errors raised before any request leaves: a bad base URL or endpoint is a setup problem. */
const SETUP_CODES = new Set(["ERR_INVALID_URL", "ERR_INVALID_PROTOCOL"]);

const NETWORK_MESSAGE = /socket hang up|timed? ?out|timeout|network error|ECONN/i;

export function classified(
  kind: ErrorKind,
  code: string,
  message: string,
  userMessage: string,
): ClassifiedError {
  return { kind, code, message, userMessage, retryable: kind === "transient" };
}

export function byStatus(prefix: string, status: number, message: string): ClassifiedError {
  const code = `${prefix}:http-${status}`;
  if (status >= 500 || status === 429 || status === 408) {
    return classified("transient", code, message, USER_MESSAGES.transient);
  }
  if (status === 401 || status === 403 || status === 404) {
    // On a send, these mean wrong credentials, account or endpoint, never a bad recipient.
    return classified("configuration", code, message, USER_MESSAGES.configuration);
  }
  return classified("permanent", code, message, USER_MESSAGES.permanent);
}

export function byNetwork(
  networkCode: string | undefined,
  message: string,
): ClassifiedError | null {
  if (networkCode && SETUP_CODES.has(networkCode)) {
    return classified(
      "configuration",
      `network:${networkCode}`,
      message,
      USER_MESSAGES.configuration,
    );
  }
  // An unfamiliar socket code is still a transport failure: retry rather than lose the message.
  if (networkCode) {
    return classified("transient", `network:${networkCode}`, message, USER_MESSAGES.transient);
  }
  if (NETWORK_MESSAGE.test(message)) {
    return classified("transient", "network:unknown", message, USER_MESSAGES.transient);
  }
  return null;
}

/**
 * A socket code named inside an error message. Some wrappers (the AWS SDK's, across
 * realms) rebuild a socket error as a plain one ("… connect ECONNREFUSED …") and drop
 * its `code`.
 */
export function findNetworkCode(message: unknown): string | undefined {
  if (typeof message !== "string") return undefined;
  return message.match(/\b[A-Z][A-Z_]{3,}\b/g)?.find((word) => NETWORK_CODES.has(word));
}

/** True for codes that look like Node/axios socket codes rather than vendor codes. */
export function looksLikeNetworkCode(code: string): boolean {
  return NETWORK_CODES.has(code) || SETUP_CODES.has(code) || /^(E[A-Z_]+|UND_ERR_\w+)$/.test(code);
}
