/**
 * Classifies SMS vendor failures into a few kinds the rest of the backend acts on:
 * retry (transient), fail over (transient, configuration), or stop at once with a
 * plain-language reason an admin can act on (invalid_number, unsubscribed, permanent).
 * Pure: no SDK imports, so it is shared by the adapters and the status-callback webhook.
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

type Rule = { kind: ErrorKind; userMessage: string };

const rule = (kind: ErrorKind, userMessage: string): Rule => ({ kind, userMessage });

/**
 * Twilio error codes we recognise. API errors (2xxxx, 6xxxx) come back from the REST
 * call; delivery errors (3xxxx) arrive later in status callbacks. Codes not listed fall
 * back to the HTTP status.
 */
const TWILIO_CODES: Readonly<Record<number, Rule>> = {
  // Platform trouble: try again or elsewhere.
  20429: rule("transient", USER_MESSAGES.transient),
  20500: rule("transient", USER_MESSAGES.transient),
  20503: rule("transient", USER_MESSAGES.transient),
  21611: rule("transient", USER_MESSAGES.transient), // sender's queue is full
  30001: rule("transient", USER_MESSAGES.transient), // queue overflow
  // The recipient's number.
  21211: rule("invalid_number", USER_MESSAGES.invalidNumber),
  21214: rule("invalid_number", USER_MESSAGES.invalidNumber), // 'To' cannot be reached (calls)
  21217: rule("invalid_number", USER_MESSAGES.invalidNumber),
  21265: rule("invalid_number", USER_MESSAGES.invalidNumber), // 'To' is a short code
  21401: rule("invalid_number", USER_MESSAGES.invalidNumber),
  21407: rule("invalid_number", USER_MESSAGES.notMobile),
  21612: rule("invalid_number", USER_MESSAGES.notMobile),
  21614: rule("invalid_number", USER_MESSAGES.notMobile),
  21635: rule("invalid_number", USER_MESSAGES.notMobile), // landline
  13224: rule("invalid_number", USER_MESSAGES.invalidNumber), // voice: invalid number
  63003: rule("invalid_number", USER_MESSAGES.invalidNumber), // WhatsApp: no such user
  30005: rule("invalid_number", USER_MESSAGES.invalidNumber), // unknown handset
  30006: rule("invalid_number", USER_MESSAGES.notMobile), // landline / unreachable carrier
  // Opt-out.
  21610: rule("unsubscribed", USER_MESSAGES.unsubscribed),
  // Our account or sender: an admin must fix it, another provider may still work.
  20003: rule("configuration", USER_MESSAGES.configuration),
  20005: rule("configuration", USER_MESSAGES.configuration), // account not active
  20008: rule("configuration", USER_MESSAGES.configuration), // test credentials
  20404: rule("configuration", USER_MESSAGES.configuration), // wrong account / service SID
  30002: rule("configuration", USER_MESSAGES.configuration), // account suspended
  21408: rule("configuration", USER_MESSAGES.region),
  21215: rule("configuration", USER_MESSAGES.region), // voice geo permission
  21210: rule("configuration", USER_MESSAGES.sender),
  21212: rule("configuration", USER_MESSAGES.sender),
  21603: rule("configuration", USER_MESSAGES.sender),
  21606: rule("configuration", USER_MESSAGES.sender),
  21659: rule("configuration", USER_MESSAGES.sender),
  21701: rule("configuration", USER_MESSAGES.sender), // messaging service missing
  21703: rule("configuration", USER_MESSAGES.sender),
  21704: rule("configuration", USER_MESSAGES.sender),
  21705: rule("configuration", USER_MESSAGES.sender),
  30032: rule("configuration", USER_MESSAGES.sender), // toll-free not verified
  30034: rule("configuration", USER_MESSAGES.sender), // A2P 10DLC not registered
  63007: rule("configuration", USER_MESSAGES.sender), // WhatsApp sender not found
  // This message will never go through as is.
  21608: rule("permanent", USER_MESSAGES.trial),
  21219: rule("permanent", USER_MESSAGES.trial), // voice, trial account
  21602: rule("permanent", USER_MESSAGES.permanent), // empty body
  21617: rule("permanent", USER_MESSAGES.tooLong),
  63016: rule("permanent", USER_MESSAGES.whatsappWindow),
  30003: rule("permanent", USER_MESSAGES.unreachable),
  30004: rule("permanent", USER_MESSAGES.blocked),
  30007: rule("permanent", USER_MESSAGES.filtered),
  30008: rule("permanent", USER_MESSAGES.unknownDelivery),
};

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

function classified(
  kind: ErrorKind,
  code: string,
  message: string,
  userMessage: string,
): ClassifiedError {
  return { kind, code, message, userMessage, retryable: kind === "transient" };
}

function byStatus(prefix: string, status: number, message: string): ClassifiedError {
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

function byNetwork(networkCode: string | undefined, message: string): ClassifiedError | null {
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
function looksLikeNetworkCode(code: string): boolean {
  return NETWORK_CODES.has(code) || SETUP_CODES.has(code) || /^(E[A-Z_]+|UND_ERR_\w+)$/.test(code);
}

/**
 * Either kind may let the failover try another provider: an outage or a
 * misconfigured account says nothing about the recipient. Never for a bad or
 * opted-out number, which every provider would refuse too.
 */
export function isProviderSide(kind: ErrorKind): boolean {
  return kind === "transient" || kind === "configuration";
}

/**
 * Classifies a Twilio failure: by Twilio error code first (REST errors and the delivery
 * errors seen in status callbacks), then by HTTP status, then as a network failure.
 * Anything unidentifiable is transient, so a retry decides rather than a guess.
 */
export function classifyTwilioError(input: {
  code?: number | string;
  status?: number;
  message?: string;
  networkCode?: string;
}): ClassifiedError {
  const message = input.message?.trim() || "Twilio request failed";
  let networkCode = input.networkCode;
  let code: number | undefined;
  if (typeof input.code === "number") code = input.code;
  else if (typeof input.code === "string" && /^\d+$/.test(input.code.trim())) {
    code = Number(input.code.trim());
  } else if (typeof input.code === "string" && looksLikeNetworkCode(input.code)) {
    networkCode ??= input.code; // an axios error's `code` was passed as the Twilio code
  }

  if (code !== undefined) {
    const known = TWILIO_CODES[code];
    if (known) return classified(known.kind, `twilio:${code}`, message, known.userMessage);
    if (input.status !== undefined) {
      const fromStatus = byStatus("twilio", input.status, message);
      return { ...fromStatus, code: `twilio:${code}` };
    }
    // An unknown code with no status comes from a status callback: delivery failed for good.
    return classified("permanent", `twilio:${code}`, message, USER_MESSAGES.permanent);
  }
  if (input.status !== undefined) return byStatus("twilio", input.status, message);
  return (
    byNetwork(networkCode, message) ??
    classified("transient", "twilio:unknown", message, USER_MESSAGES.transient)
  );
}

/** SNS error names arrive with or without the SDK's `Exception` suffix; compare without it. */
const SNS_TRANSIENT = new Set([
  "Throttling",
  "Throttled",
  "TooManyRequests",
  "RequestLimitExceeded",
  "KMSThrottling",
  "InternalError",
  "InternalFailure",
  "ServiceUnavailable",
  "RequestTimeout",
  "TimeoutError",
]);
const SNS_CONFIGURATION = new Set([
  "AuthorizationError",
  "InvalidClientTokenId",
  "SignatureDoesNotMatch",
  "UnrecognizedClient",
  "AccessDenied",
  "MissingAuthenticationToken",
  "IncompleteSignature",
  "ExpiredToken",
  "InvalidSecurity",
  "OptInRequired",
  "CredentialsProviderError",
]);
const SNS_INVALID_PARAMETER = new Set([
  "InvalidParameter",
  "InvalidParameterValue",
  "ValidationError",
]);

/**
 * Classifies an SNS failure by error name (`Throttling`, `InvalidParameterException`, …),
 * then HTTP status, then as a network failure.
 */
export function classifySnsError(input: {
  name?: string;
  statusCode?: number;
  message?: string;
  networkCode?: string;
}): ClassifiedError {
  const message = input.message?.trim() || "SNS request failed";
  const stripped = input.name?.replace(/Exception$/, "");
  // A bare `Error` name carries no information; fall through to status and network.
  const name = stripped && stripped !== "Error" ? stripped : undefined;
  if (name) {
    const code = `sns:${name}`;
    if (SNS_TRANSIENT.has(name))
      return classified("transient", code, message, USER_MESSAGES.transient);
    if (SNS_CONFIGURATION.has(name)) {
      return classified("configuration", code, message, USER_MESSAGES.configuration);
    }
    if (name === "OptedOut") {
      return classified("unsubscribed", code, message, USER_MESSAGES.unsubscribed);
    }
    if (SNS_INVALID_PARAMETER.has(name) && /phone\s*number/i.test(message)) {
      return classified("invalid_number", code, message, USER_MESSAGES.invalidNumber);
    }
  }
  if (input.statusCode !== undefined) {
    const fromStatus = byStatus("sns", input.statusCode, message);
    return name ? { ...fromStatus, code: `sns:${name}` } : fromStatus;
  }
  const network = byNetwork(input.networkCode, message);
  if (network) return network;
  return name
    ? classified("permanent", `sns:${name}`, message, USER_MESSAGES.permanent)
    : classified("transient", "sns:unknown", message, USER_MESSAGES.transient);
}
