/**
 * Tiny node:http helpers shared by the Twilio and SNS stand-in servers. No dependencies,
 * so the stand-ins work the same in unit tests, integration tests and local scripts.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";

/** One request as a stand-in received it. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** The form body (`application/x-www-form-urlencoded`); a repeated key keeps its last value. */
  form: Record<string, string>;
  /** Every value of each form key, in order (a list parameter repeats its key). */
  formAll: Record<string, string[]>;
  /** HTTP basic credentials, or null when absent or not basic. */
  auth: { username: string; password: string } | null;
  /** Lower-cased request headers. */
  headers: Record<string, string>;
  receivedAt: number;
}

/** A scripted answer. An object body is sent as JSON, a string as is. */
export interface StandInResponse {
  status: number;
  body?: string | object;
  headers?: Record<string, string>;
  /** Wait this long before answering, to exercise client timeouts. */
  delayMs?: number;
}

/** Answers a request itself, or returns undefined to let the stand-in's default behaviour run. */
export type StandInHandler = (
  request: RecordedRequest,
) => StandInResponse | undefined | Promise<StandInResponse | undefined>;

/** A queue of canned failures: `failNext(3, 500)` answers the next three requests with 500. */
export class FailQueue {
  private readonly pending: { remaining: number; response: StandInResponse }[] = [];

  /** Queues `count` identical answers after those already queued. */
  push(count: number, response: StandInResponse): void {
    if (count > 0) this.pending.push({ remaining: count, response });
  }

  /** The next canned answer, if any, consuming it. */
  take(): StandInResponse | undefined {
    const head = this.pending[0];
    if (!head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) this.pending.shift();
    return head.response;
  }

  clear(): void {
    this.pending.length = 0;
  }
}

/** Parses an `Authorization: Basic …` header. */
export function parseBasicAuth(header: string | undefined): RecordedRequest["auth"] {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? "");
  if (!match) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Reads the whole body and records the request. */
export async function recordRequest(req: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  const form: Record<string, string> = {};
  const formAll: Record<string, string[]> = {};
  const type = req.headers["content-type"] ?? "";
  if (raw && (type === "" || type.includes("application/x-www-form-urlencoded"))) {
    for (const [key, value] of new URLSearchParams(raw)) {
      form[key] = value;
      (formAll[key] ??= []).push(value);
    }
  }
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(", ") : value;
  }
  return {
    method: req.method ?? "GET",
    path: (req.url ?? "/").split("?")[0],
    form,
    formAll,
    auth: parseBasicAuth(req.headers.authorization),
    headers,
    receivedAt: Date.now(),
  };
}

/** Writes a scripted answer, honouring its delay. */
export async function writeResponse(
  res: ServerResponse,
  response: StandInResponse,
  defaultContentType = "application/json",
): Promise<void> {
  if (response.delayMs) await new Promise((resolve) => setTimeout(resolve, response.delayMs));
  if (res.destroyed) return; // the client gave up (timeout test): nothing to answer
  const isText = typeof response.body === "string";
  const payload =
    response.body === undefined
      ? ""
      : isText
        ? String(response.body)
        : JSON.stringify(response.body);
  res.writeHead(response.status, {
    "content-type": isText ? defaultContentType : "application/json",
    "content-length": Buffer.byteLength(payload),
    ...response.headers,
  });
  res.end(payload);
}

/**
 * Starts a server on 127.0.0.1 only (never reachable from outside the machine).
 * `port` 0 picks a free ephemeral port. Every request goes to `handle`; a throw there
 * answers 500 so a bug in a stand-in shows up as a failing test, not a hang.
 */
export async function startServer(
  port: number,
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(`stand-in error: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  return { server, port: (server.address() as AddressInfo).port };
}

/** Closes a server, dropping kept-alive client sockets so `close` does not wait for them. */
export async function stopServer(server: Server): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
  server.closeAllConnections();
  await closed;
}

/** A port nothing listens on (bound then released), for connection-refused tests. */
export async function unusedPort(): Promise<number> {
  const { server, port } = await startServer(0, async () => undefined);
  await stopServer(server);
  return port;
}

/** `count` random lowercase hex characters, for Twilio-like SIDs. */
export function randomHex(count: number): string {
  return randomBytes(Math.ceil(count / 2))
    .toString("hex")
    .slice(0, count);
}
