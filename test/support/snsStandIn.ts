/**
 * A local stand-in for Amazon SNS `Publish` (AWS Query protocol: a form body with
 * `Action=Publish&PhoneNumber=…&Message=…`, answered with XML), so the real AWS SDK can
 * be exercised offline. Point the adapter's `endpoint` (SNS_ENDPOINT) at `baseUrl`.
 * It does not verify signatures, only that one is present. node:http only; 127.0.0.1.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  FailQueue,
  recordRequest,
  startServer,
  stopServer,
  writeResponse,
  type RecordedRequest,
  type StandInHandler,
  type StandInResponse,
} from "./http";

export type { StandInHandler, StandInResponse } from "./http";

/** A recorded SNS call; `auth` is always null (SigV4 is not basic auth). */
export interface SnsRecordedRequest extends RecordedRequest {
  /** The `Action` form field (`Publish`). */
  action: string | undefined;
  /** The access key id from the SigV4 `Authorization` header, or null when unsigned. */
  accessKeyId: string | null;
}

/** A running stand-in. `requests` holds every request received, failed ones included. */
export interface SnsStandIn {
  baseUrl: string;
  port: number;
  requests: SnsRecordedRequest[];
  /** Answers requests with `handler` first (it may return undefined to fall through); null removes it. */
  respondWith(handler: ((request: SnsRecordedRequest) => ReturnType<StandInHandler>) | null): void;
  /**
   * Answers the next `count` requests with `status` and an AWS XML error; `code` defaults
   * from the status (500 InternalError, 503 ServiceUnavailable, 403 AuthorizationError,
   * 400 InvalidParameter).
   */
  failNext(count: number, status: number, code?: string, message?: string): void;
  /** Forgets requests, queued failures and the handler. */
  reset(): void;
  close(): Promise<void>;
}

const XMLNS = "http://sns.amazonaws.com/doc/2010-03-31/";
const E164 = /^\+[1-9]\d{6,14}$/;

const DEFAULT_CODES: Record<number, string> = {
  400: "InvalidParameter",
  403: "AuthorizationError",
  404: "NotFound",
  429: "Throttling",
  500: "InternalError",
  503: "ServiceUnavailable",
};

const DEFAULT_MESSAGES: Record<string, string> = {
  InvalidParameter: "Invalid parameter",
  AuthorizationError: "User is not authorized to perform: SNS:Publish",
  Throttling: "Rate exceeded",
  InternalError: "Internal Error",
  ServiceUnavailable: "Service is unavailable",
  OptedOut: "Phone number is opted out",
};

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** An AWS Query error response; `Type` is Receiver for 5xx (AWS's fault), else Sender. */
export function snsError(status: number, code?: string, message?: string): StandInResponse {
  const finalCode =
    code ?? DEFAULT_CODES[status] ?? (status >= 500 ? "InternalError" : "BadRequest");
  const text = message ?? DEFAULT_MESSAGES[finalCode] ?? finalCode;
  const requestId = randomUUID();
  return {
    status,
    headers: { "content-type": "text/xml", "x-amzn-requestid": requestId },
    body:
      `<ErrorResponse xmlns="${XMLNS}"><Error><Type>${status >= 500 ? "Receiver" : "Sender"}</Type>` +
      `<Code>${escapeXml(finalCode)}</Code><Message>${escapeXml(text)}</Message></Error>` +
      `<RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}

function publishResponse(): StandInResponse {
  const requestId = randomUUID();
  return {
    status: 200,
    headers: { "content-type": "text/xml", "x-amzn-requestid": requestId },
    body:
      `<PublishResponse xmlns="${XMLNS}"><PublishResult><MessageId>${randomUUID()}</MessageId>` +
      `</PublishResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>` +
      `</PublishResponse>`,
  };
}

function publish(form: Record<string, string>): StandInResponse {
  const phone = form.PhoneNumber;
  if (!phone && !form.TopicArn && !form.TargetArn) {
    return snsError(
      400,
      "InvalidParameter",
      "Invalid parameter: PhoneNumber, TopicArn or TargetArn",
    );
  }
  if (phone && !E164.test(phone)) {
    return snsError(
      400,
      "InvalidParameter",
      `Invalid parameter: PhoneNumber Reason: ${phone} is not valid to publish to`,
    );
  }
  if (!form.Message) return snsError(400, "InvalidParameter", "Invalid parameter: Empty message");
  return publishResponse();
}

/** `AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/sns/aws4_request, …` → `AKID`. */
function accessKeyIdOf(authorization: string | undefined): string | null {
  return /Credential=([^/,\s]+)\//.exec(authorization ?? "")?.[1] ?? null;
}

/**
 * Starts the stand-in. Use port 0 (the default) in unit tests; integration tests pass
 * the fixed port the functions' SNS_ENDPOINT names.
 */
export async function startSnsStandIn(port = 0): Promise<SnsStandIn> {
  const requests: SnsRecordedRequest[] = [];
  const failures = new FailQueue();
  let handler: ((request: SnsRecordedRequest) => ReturnType<StandInHandler>) | null = null;

  async function route(request: SnsRecordedRequest): Promise<StandInResponse> {
    const scripted = failures.take() ?? (handler ? await handler(request) : undefined);
    if (scripted) return scripted;
    if (request.method !== "POST") return snsError(405, "MethodNotAllowed", "Use POST");
    if (!request.accessKeyId) {
      return snsError(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
    }
    if (request.action !== "Publish") {
      return snsError(
        400,
        "InvalidAction",
        `Could not find operation ${request.action ?? "(none)"} for version 2010-03-31`,
      );
    }
    return publish(request.form);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const base = await recordRequest(req);
    const request: SnsRecordedRequest = {
      ...base,
      action: base.form.Action,
      accessKeyId: accessKeyIdOf(base.headers.authorization),
    };
    requests.push(request);
    await writeResponse(res, await route(request), "text/xml");
  }

  const { server, port: actualPort } = await startServer(port, handle);
  return {
    baseUrl: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    requests,
    respondWith(next) {
      handler = next;
    },
    failNext(count, status, code, message) {
      failures.push(count, snsError(status, code, message));
    },
    reset() {
      requests.length = 0;
      failures.clear();
      handler = null;
    },
    close: () => stopServer(server),
  };
}
