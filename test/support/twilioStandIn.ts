/**
 * A local stand-in for the Twilio REST API (Messages and Calls), so the real Twilio SDK
 * can be exercised offline. Point the adapter's `apiBaseUrl` (TWILIO_API_BASE_URL) at
 * `baseUrl`. It records every request, validates like Twilio does for the fields we
 * send, and can be scripted to fail. It keeps what it created: fetching a message or call
 * answers it as a test scripted it (status, error, a price that shows late), and the calls'
 * status callback URLs let a test call back as Twilio would. node:http only; binds 127.0.0.1.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  FailQueue,
  randomHex,
  recordRequest,
  startServer,
  stopServer,
  writeResponse,
  type RecordedRequest,
  type StandInHandler,
  type StandInResponse,
} from "./http";
import {
  TwilioResources,
  twilioDate,
  type CreatedResource,
  type ResourceKind,
  type StatusScript,
} from "./twilioResources";

export type { RecordedRequest, StandInHandler, StandInResponse } from "./http";
export type { CreatedResource, ResourceKind, StatusScript } from "./twilioResources";

/** A running stand-in. `requests` holds every request received, failed ones included. */
export interface TwilioStandIn {
  baseUrl: string;
  port: number;
  requests: RecordedRequest[];
  /** Answers requests with `handler` first (it may return undefined to fall through); null removes it. */
  respondWith(handler: StandInHandler | null): void;
  /**
   * Answers the next `count` requests with `status` and a Twilio-style error body;
   * `body` overrides its fields, e.g. `{ code: 21211, message: "…" }`.
   */
  failNext(count: number, status: number, body?: object): void;
  /**
   * Scripts what fetching the message or call `sid` answers from now on, e.g.
   * `setStatus(sid, { status: "delivered", priceAfterFetches: 1 })`.
   */
  setStatus(sid: string, script: StatusScript): void;
  /** The messages and calls it created, oldest first (fetch counts as of now). */
  created(kind?: ResourceKind): CreatedResource[];
  /** Forgets requests, queued failures, the handler and what it created. */
  reset(): void;
  close(): Promise<void>;
}

const API = "/2010-04-01";
const ROUTE =
  /^\/2010-04-01\/Accounts\/(AC[0-9A-Za-z]+)\/(Messages|Calls)(?:\/([A-Z]{2}[0-9a-f]{32}))?\.json$/;
const E164 = /^\+[1-9]\d{6,14}$/;

const DEFAULT_ERRORS: Record<number, { code: number; message: string }> = {
  400: { code: 21211, message: "Invalid 'To' Phone Number" },
  401: { code: 20003, message: "Authenticate" },
  404: { code: 20404, message: "The requested resource was not found" },
  429: { code: 20429, message: "Too Many Requests" },
  500: { code: 20500, message: "Internal Server Error" },
  503: { code: 20503, message: "Service Unavailable" },
};

/** A Twilio-style error response: `{ code, message, more_info, status }`. */
export function twilioError(status: number, code?: number, message?: string): StandInResponse {
  const fallback = DEFAULT_ERRORS[status] ?? { code: 20001, message: `HTTP ${status}` };
  const finalCode = code ?? fallback.code;
  return {
    status,
    body: {
      code: finalCode,
      message: message ?? fallback.message,
      more_info: `https://www.twilio.com/docs/errors/${finalCode}`,
      status,
    },
  };
}

function bare(number: string | undefined): string {
  return (number ?? "").replace(/^whatsapp:/, "");
}

function createMessage(accountSid: string, form: Record<string, string>): StandInResponse {
  if (!form.To) return twilioError(400, 21604, "A 'To' phone number is required.");
  if (!E164.test(bare(form.To))) {
    return twilioError(400, 21211, `Invalid 'To' Phone Number: ${form.To}`);
  }
  if (!form.From && !form.MessagingServiceSid) {
    return twilioError(400, 21603, "A 'From' phone number is required.");
  }
  if (!form.Body && !form.MediaUrl && !form.ContentSid) {
    return twilioError(400, 21602, "Message body is required.");
  }
  if ((form.Body ?? "").length > 1600) {
    return twilioError(
      400,
      21617,
      "The concatenated message body exceeds the 1600 character limit.",
    );
  }
  const sid = `SM${randomHex(32)}`;
  const now = twilioDate();
  const uri = `${API}/Accounts/${accountSid}/Messages/${sid}.json`;
  return {
    status: 201,
    body: {
      account_sid: accountSid,
      api_version: "2010-04-01",
      body: form.Body ?? "",
      date_created: now,
      date_sent: null,
      date_updated: now,
      direction: "outbound-api",
      error_code: null,
      error_message: null,
      from: form.From ?? null,
      messaging_service_sid: form.MessagingServiceSid ?? null,
      num_media: "0",
      num_segments: String(Math.max(1, Math.ceil((form.Body ?? "").length / 153))),
      price: null,
      price_unit: "USD",
      sid,
      // Like Twilio: a Messaging Service send is "accepted" until a sender is picked.
      status: form.From ? "queued" : "accepted",
      subresource_uris: { media: uri.replace(/\.json$/, "/Media.json") },
      to: form.To,
      uri,
    },
  };
}

function createCall(accountSid: string, form: Record<string, string>): StandInResponse {
  if (!form.To) return twilioError(400, 21201, "No 'To' number is specified");
  if (!E164.test(form.To)) return twilioError(400, 21211, `Invalid 'To' Phone Number: ${form.To}`);
  if (!form.From) return twilioError(400, 21213, "No 'From' number is specified");
  if (!form.Url && !form.Twiml && !form.ApplicationSid) {
    return twilioError(400, 21205, "Url parameter is required.");
  }
  const sid = `CA${randomHex(32)}`;
  const now = twilioDate();
  return {
    status: 201,
    body: {
      account_sid: accountSid,
      annotation: null,
      answered_by: null,
      api_version: "2010-04-01",
      caller_name: null,
      date_created: now,
      date_updated: now,
      direction: "outbound-api",
      duration: null,
      end_time: null,
      forwarded_from: null,
      from: form.From,
      from_formatted: form.From,
      parent_call_sid: null,
      price: null,
      price_unit: "USD",
      sid,
      start_time: null,
      status: "queued",
      to: form.To,
      to_formatted: form.To,
      uri: `${API}/Accounts/${accountSid}/Calls/${sid}.json`,
    },
  };
}

/**
 * Starts the stand-in. Use port 0 (the default) in unit tests; integration tests pass
 * the fixed port the functions' TWILIO_API_BASE_URL names.
 */
export async function startTwilioStandIn(port = 0): Promise<TwilioStandIn> {
  const requests: RecordedRequest[] = [];
  const failures = new FailQueue();
  const created = new TwilioResources();
  let handler: StandInHandler | null = null;

  async function route(request: RecordedRequest): Promise<StandInResponse> {
    const scripted = failures.take() ?? (handler ? await handler(request) : undefined);
    if (scripted) return scripted;
    const match = ROUTE.exec(request.path);
    if (!match)
      return twilioError(404, 20404, `The requested resource ${request.path} was not found`);
    const [, accountSid, collection, sid] = match;
    const auth = request.auth;
    // Twilio accepts the account SID or an API key (SK…) with its secret.
    if (
      !auth ||
      !auth.password ||
      (auth.username !== accountSid && !auth.username.startsWith("SK"))
    ) {
      return twilioError(401);
    }
    if (sid && request.method === "GET") {
      const found = created.fetch(sid);
      return found ? { status: 200, body: found } : twilioError(404);
    }
    if (sid || request.method !== "POST") return twilioError(405, 20004, "Method not allowed");
    const response =
      collection === "Messages"
        ? createMessage(accountSid, request.form)
        : createCall(accountSid, request.form);
    if (response.status === 201 && typeof response.body === "object") {
      created.add(
        collection === "Messages" ? "message" : "call",
        response.body as Record<string, unknown>,
        {
          statusCallback: request.form.StatusCallback,
          statusCallbackEvents: request.formAll.StatusCallbackEvent,
        },
      );
    }
    return response;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request = await recordRequest(req);
    requests.push(request);
    await writeResponse(res, await route(request));
  }

  const { server, port: actualPort } = await startServer(port, handle);
  return {
    baseUrl: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    requests,
    respondWith(next) {
      handler = next;
    },
    failNext(count, status, body = {}) {
      const { code, message } = body as { code?: number; message?: string };
      const base = twilioError(status, code, message);
      failures.push(count, { status, body: { ...(base.body as object), ...body } });
    },
    setStatus(sid, script) {
      created.script(sid, script);
    },
    created: (kind) => created.list(kind),
    reset() {
      requests.length = 0;
      failures.clear();
      created.clear();
      handler = null;
    },
    close: () => stopServer(server),
  };
}
