/** SNS error names, mapped to the kinds the backend acts on (domain/providerErrors). */
import { USER_MESSAGES, type ClassifiedError } from "../../domain/providerErrors";
import { byNetwork, byStatus, classified } from "../errors";

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
