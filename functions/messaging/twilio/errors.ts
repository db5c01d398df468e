/** Twilio's error codes, mapped to the kinds the backend acts on (domain/providerErrors). */
import { USER_MESSAGES, type ClassifiedError } from "../../domain/providerErrors";
import { byNetwork, byStatus, classified, looksLikeNetworkCode, rule, type Rule } from "../errors";

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
