/**
 * The messages and calls the stand-in Twilio holds (test/support/twilioStandIn.ts), and how a
 * test scripts what fetching one returns: where it is now (`delivered`, `no-answer`, ...), why
 * it failed, and a price that, as at Twilio, may appear only some time or some fetches after
 * the final status.
 */

export type ResourceKind = "message" | "call";

/** What a test says a message or call has become. */
export interface StatusScript {
  /** Twilio's status: `sent`, `delivered`, `undelivered`, `failed`; `completed`, `busy`, `no-answer`, ... */
  status: string;
  errorCode?: number;
  errorMessage?: string;
  /**
   * The price Twilio settles on, negative as Twilio writes it; null: it never shows one.
   * Default: `-0.00790` (message) or `-0.01300` (call) once the status is final.
   */
  price?: string | null;
  /** The first this-many fetches after the script show no price yet. */
  priceAfterFetches?: number;
  /** The price shows only this long after the script. */
  priceAfterMs?: number;
  /** Seconds, for a call; default 0. */
  duration?: number;
  /** Segments Twilio billed, for a message; default: as created. */
  numSegments?: number;
}

/** A message or call the stand-in created (or a test seeded), as a test sees it. */
export interface CreatedResource {
  sid: string;
  kind: ResourceKind;
  to: string;
  /** The StatusCallback URL the request asked for, if any. */
  statusCallback?: string;
  /** Every StatusCallbackEvent the request asked for (calls). */
  statusCallbackEvents: string[];
  /** How many times it was fetched (GET …/{sid}.json). */
  fetches: number;
}

interface Stored extends CreatedResource {
  body: Record<string, unknown>;
  script?: StatusScript & { at: number; fetchesSince: number };
}

const FINAL = new Set([
  "delivered",
  "read",
  "undelivered",
  "failed",
  "canceled",
  "completed",
  "busy",
  "no-answer",
]);
const DEFAULT_PRICE: Record<ResourceKind, string> = { message: "-0.00790", call: "-0.01300" };

/** Twilio's date format: RFC 2822 with a numeric zone. */
export function twilioDate(at = new Date()): string {
  return at.toUTCString().replace("GMT", "+0000");
}

/** The stand-in's store of created resources, in creation order. */
export class TwilioResources {
  private readonly stored = new Map<string, Stored>();

  /** Keeps a resource the stand-in just answered 201 with. */
  add(
    kind: ResourceKind,
    body: Record<string, unknown>,
    request: { statusCallback?: string; statusCallbackEvents?: string[] } = {},
  ): void {
    const sid = String(body.sid);
    this.stored.set(sid, {
      sid,
      kind,
      to: String(body.to ?? ""),
      statusCallback: request.statusCallback,
      statusCallbackEvents: request.statusCallbackEvents ?? [],
      fetches: 0,
      body,
    });
  }

  /** What GET …/{sid}.json answers: the resource as scripted, or undefined (404). */
  fetch(sid: string): Record<string, unknown> | undefined {
    const resource = this.stored.get(sid);
    if (!resource) return undefined;
    resource.fetches += 1;
    const script = resource.script;
    if (!script) return resource.body;
    script.fetchesSince += 1;
    const settled = FINAL.has(script.status);
    const price = script.price === undefined ? DEFAULT_PRICE[resource.kind] : script.price;
    const priced =
      settled &&
      price !== null &&
      script.fetchesSince > (script.priceAfterFetches ?? 0) &&
      Date.now() - script.at >= (script.priceAfterMs ?? 0);
    const now = twilioDate();
    const common = { status: script.status, price: priced ? price : null, date_updated: now };
    if (resource.kind === "call") {
      return {
        ...resource.body,
        ...common,
        duration: String(script.duration ?? 0),
        end_time: settled ? now : null,
      };
    }
    return {
      ...resource.body,
      ...common,
      error_code: script.errorCode ?? null,
      error_message: script.errorMessage ?? null,
      ...(script.numSegments ? { num_segments: String(script.numSegments) } : {}),
    };
  }

  /** Scripts what fetching `sid` returns from now on. */
  script(sid: string, script: StatusScript): void {
    const resource = this.stored.get(sid);
    if (!resource) throw new Error(`the stand-in Twilio holds no ${sid}`);
    resource.script = { ...script, at: Date.now(), fetchesSince: 0 };
  }

  /** What a test sees of the resources, optionally of one kind, oldest first. */
  list(kind?: ResourceKind): CreatedResource[] {
    return [...this.stored.values()]
      .filter((resource) => !kind || resource.kind === kind)
      .map((resource) => ({
        sid: resource.sid,
        kind: resource.kind,
        to: resource.to,
        statusCallback: resource.statusCallback,
        statusCallbackEvents: [...resource.statusCallbackEvents],
        fetches: resource.fetches,
      }));
  }

  clear(): void {
    this.stored.clear();
  }
}
