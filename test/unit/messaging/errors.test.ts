import {
  isProviderSide,
  USER_MESSAGES,
  type ErrorKind,
} from "../../../functions/domain/providerErrors";
import { findNetworkCode } from "../../../functions/messaging/errors";
import { classifySnsError } from "../../../functions/messaging/sns/errors";
import { classifyTwilioError } from "../../../functions/messaging/twilio/errors";

type TwilioInput = Parameters<typeof classifyTwilioError>[0];
type SnsInput = Parameters<typeof classifySnsError>[0];

describe("classifyTwilioError", () => {
  const cases: [string, TwilioInput, ErrorKind, string][] = [
    ["rate limited by code", { code: 20429, status: 429 }, "transient", "twilio:20429"],
    ["rate limited by status", { status: 429 }, "transient", "twilio:http-429"],
    ["any 5xx", { status: 503 }, "transient", "twilio:http-503"],
    ["unknown code on a 5xx", { code: 99999, status: 500 }, "transient", "twilio:99999"],
    ["connection refused", { networkCode: "ECONNREFUSED" }, "transient", "network:ECONNREFUSED"],
    ["connection reset", { networkCode: "ECONNRESET" }, "transient", "network:ECONNRESET"],
    ["DNS hiccup", { networkCode: "EAI_AGAIN" }, "transient", "network:EAI_AGAIN"],
    ["axios code passed as code", { code: "ETIMEDOUT" }, "transient", "network:ETIMEDOUT"],
    ["socket hang up", { message: "socket hang up" }, "transient", "network:unknown"],
    ["axios timeout", { message: "timeout of 10000ms exceeded" }, "transient", "network:unknown"],
    ["nothing known", {}, "transient", "twilio:unknown"],
    [
      "bad URL is setup",
      { networkCode: "ERR_INVALID_URL" },
      "configuration",
      "network:ERR_INVALID_URL",
    ],
    ["invalid To", { code: 21211, status: 400 }, "invalid_number", "twilio:21211"],
    ["code as string", { code: "21211", status: 400 }, "invalid_number", "twilio:21211"],
    ["not a mobile", { code: 21614, status: 400 }, "invalid_number", "twilio:21614"],
    ["landline", { code: 21635, status: 400 }, "invalid_number", "twilio:21635"],
    ["not valid", { code: 21217, status: 400 }, "invalid_number", "twilio:21217"],
    ["invalid number", { code: 21401, status: 400 }, "invalid_number", "twilio:21401"],
    ["unreachable via SMS", { code: 21612, status: 400 }, "invalid_number", "twilio:21612"],
    ["unsubscribed", { code: 21610, status: 400 }, "unsubscribed", "twilio:21610"],
    ["bad credentials", { code: 20003, status: 401 }, "configuration", "twilio:20003"],
    ["wrong account", { code: 20404, status: 404 }, "configuration", "twilio:20404"],
    ["region permission", { code: 21408, status: 400 }, "configuration", "twilio:21408"],
    ["sender not capable", { code: 21606, status: 400 }, "configuration", "twilio:21606"],
    ["sender not Twilio", { code: 21659, status: 400 }, "configuration", "twilio:21659"],
    ["sender missing", { code: 21603, status: 400 }, "configuration", "twilio:21603"],
    ["401 without code", { status: 401 }, "configuration", "twilio:http-401"],
    ["trial account", { code: 21608, status: 400 }, "permanent", "twilio:21608"],
    ["unknown 4xx", { code: 21999, status: 400 }, "permanent", "twilio:21999"],
    ["plain 400", { status: 400 }, "permanent", "twilio:http-400"],
    ["delivery: unreachable", { code: 30003 }, "permanent", "twilio:30003"],
    ["delivery: blocked", { code: "30004" }, "permanent", "twilio:30004"],
    ["delivery: unknown number", { code: 30005 }, "invalid_number", "twilio:30005"],
    ["delivery: landline", { code: 30006 }, "invalid_number", "twilio:30006"],
    ["delivery: filtered", { code: 30007 }, "permanent", "twilio:30007"],
    ["delivery: unknown", { code: 30008 }, "permanent", "twilio:30008"],
    ["delivery: unlisted code", { code: 30999 }, "permanent", "twilio:30999"],
  ];

  test.each(cases)("%s", (_label, input, kind, code) => {
    const result = classifyTwilioError({ message: "vendor text", ...input });
    expect(result).toMatchObject({ kind, code, retryable: kind === "transient" });
    expect(result.userMessage).not.toMatch(/twilio|http|\d{5}/i);
  });

  test("keeps the vendor message for logs and gives admins plain language", () => {
    const result = classifyTwilioError({ code: 21211, status: 400, message: "Invalid 'To'" });
    expect(result.message).toBe("Invalid 'To'");
    expect(result.userMessage).toBe("This phone number is not valid. Check it and try again.");
    expect(classifyTwilioError({ code: 21610 }).userMessage).toBe(
      "This number replied STOP and has opted out. They can reply START to receive messages again.",
    );
    expect(classifyTwilioError({ code: 20003 }).userMessage).toBe(USER_MESSAGES.configuration);
    expect(classifyTwilioError({ status: 500 }).userMessage).toBe(
      "The SMS service is temporarily unavailable; the message will be retried.",
    );
  });

  test("the trial-account error has its own explanation", () => {
    expect(classifyTwilioError({ code: 21608 }).userMessage).toMatch(/trial account/);
  });

  test("a missing message still yields one", () => {
    expect(classifyTwilioError({ status: 500 }).message).not.toBe("");
  });
});

describe("classifySnsError", () => {
  const phone = "Invalid parameter: PhoneNumber Reason: +1555 is not valid to publish to";
  const cases: [string, SnsInput, ErrorKind, string][] = [
    ["Throttling", { name: "Throttling", statusCode: 400 }, "transient", "sns:Throttling"],
    ["ThrottlingException", { name: "ThrottlingException" }, "transient", "sns:Throttling"],
    ["SDK ThrottledException", { name: "ThrottledException" }, "transient", "sns:Throttled"],
    ["InternalError", { name: "InternalError", statusCode: 500 }, "transient", "sns:InternalError"],
    ["InternalFailure", { name: "InternalFailure" }, "transient", "sns:InternalFailure"],
    ["ServiceUnavailable", { name: "ServiceUnavailable" }, "transient", "sns:ServiceUnavailable"],
    ["unnamed 5xx", { statusCode: 502 }, "transient", "sns:http-502"],
    ["unknown name on 5xx", { name: "Weird", statusCode: 500 }, "transient", "sns:Weird"],
    [
      "network",
      { name: "Error", networkCode: "ECONNREFUSED" },
      "transient",
      "network:ECONNREFUSED",
    ],
    ["SDK timeout", { name: "TimeoutError" }, "transient", "sns:TimeoutError"],
    [
      "bad phone",
      { name: "InvalidParameter", message: phone },
      "invalid_number",
      "sns:InvalidParameter",
    ],
    [
      "bad phone (value)",
      { name: "InvalidParameterValueException", message: "Invalid phone number" },
      "invalid_number",
      "sns:InvalidParameterValue",
    ],
    [
      "other bad parameter",
      { name: "InvalidParameter", statusCode: 400, message: "Invalid parameter: Message too long" },
      "permanent",
      "sns:InvalidParameter",
    ],
    [
      "AuthorizationError",
      { name: "AuthorizationError" },
      "configuration",
      "sns:AuthorizationError",
    ],
    [
      "InvalidClientTokenId",
      { name: "InvalidClientTokenId" },
      "configuration",
      "sns:InvalidClientTokenId",
    ],
    [
      "SignatureDoesNotMatch",
      { name: "SignatureDoesNotMatch" },
      "configuration",
      "sns:SignatureDoesNotMatch",
    ],
    [
      "UnrecognizedClientException",
      { name: "UnrecognizedClientException" },
      "configuration",
      "sns:UnrecognizedClient",
    ],
    ["AccessDenied", { name: "AccessDenied" }, "configuration", "sns:AccessDenied"],
    [
      "AccessDeniedException",
      { name: "AccessDeniedException" },
      "configuration",
      "sns:AccessDenied",
    ],
    ["unnamed 403", { statusCode: 403 }, "configuration", "sns:http-403"],
    ["OptedOut", { name: "OptedOut", statusCode: 400 }, "unsubscribed", "sns:OptedOut"],
    ["OptedOutException", { name: "OptedOutException" }, "unsubscribed", "sns:OptedOut"],
    [
      "404 means a wrong endpoint",
      { name: "NotFound", statusCode: 404 },
      "configuration",
      "sns:NotFound",
    ],
    ["unknown 4xx", { name: "Odd", statusCode: 400 }, "permanent", "sns:Odd"],
    ["unknown name", { name: "Odd" }, "permanent", "sns:Odd"],
    ["nothing known", {}, "transient", "sns:unknown"],
  ];

  test.each(cases)("%s", (_label, input, kind, code) => {
    expect(classifySnsError(input)).toMatchObject({ kind, code, retryable: kind === "transient" });
  });
});

describe("isProviderSide", () => {
  test.each([
    ["transient", true],
    ["configuration", true],
    ["invalid_number", false],
    ["unsubscribed", false],
    ["permanent", false],
  ] as [ErrorKind, boolean][])("%s → %s", (kind, expected) => {
    expect(isProviderSide(kind)).toBe(expected);
  });
});

describe("findNetworkCode", () => {
  test.each([
    ["AWS SDK error wrapper for Error: connect ECONNREFUSED 127.0.0.1:41109", "ECONNREFUSED"],
    ["getaddrinfo EAI_AGAIN sns.us-east-1.amazonaws.com", "EAI_AGAIN"],
    ["SOME ERROR HAPPENED", undefined],
    [undefined, undefined],
  ])("%s → %s", (message, expected) => {
    expect(findNetworkCode(message)).toBe(expected);
  });
});
