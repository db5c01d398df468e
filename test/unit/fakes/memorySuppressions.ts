/**
 * An in-memory `SuppressionStore` for unit tests: `sms_suppressions` keyed by E.164 and the
 * `sms_consent_events` history, kept the way the Firestore implementation keeps them. Each
 * write is one transaction stamped with the fake's clock (the server timestamp); an add checks
 * and writes a number with nothing in between, so it is atomic per number; a lift hands
 * `decide` the entry as stored and writes only when `decide` returns.
 */
import type {
  ConsentEvent,
  StoredSuppression,
  SuppressionFields,
  SuppressionPage,
  SuppressionSource,
} from "../../../functions/data/suppressions";
import type { SuppressionStore } from "../../../functions/services/consent/admin";

/** `sms_suppressions/{e164}` as stored; `source` may be a word older than the sources. */
export interface SuppressionDocument {
  reason: string;
  source: string;
  keyword: string | null;
  channel: string | null;
  createdBy: string | null;
  provider: string | null;
  userId: string | null;
  /** The server timestamp; null for an entry written without one. */
  createdAt: Date | null;
}

/** One `sms_consent_events` document as stored. */
export interface ConsentEventDocument {
  phone: string | null;
  action: ConsentEvent["action"];
  source: ConsentEvent["source"];
  reason: string;
  keyword: string | null;
  channel: string | null;
  userId: string | null;
  by: string | null;
  at: Date;
}

/** An entry another use case (an inbound STOP, a provider report) or an older version left. */
export type SeededSuppression = Pick<SuppressionDocument, "reason" | "source"> &
  Partial<SuppressionDocument>;

const START = Date.UTC(2026, 0, 1);
// Far enough apart that each transaction's stamp is distinct and readable in a failure.
const TICK_MS = 1000;

function documentOf(fields: SuppressionFields, createdAt: Date): SuppressionDocument {
  return {
    reason: fields.reason,
    source: fields.source,
    keyword: fields.keyword ?? null,
    channel: fields.channel ?? null,
    createdBy: fields.createdBy ?? null,
    provider: fields.provider ?? null,
    userId: fields.userId ?? null,
    createdAt,
  };
}

function eventDocumentOf(event: ConsentEvent, at: Date): ConsentEventDocument {
  return {
    phone: event.phone,
    action: event.action,
    source: event.source,
    reason: event.reason,
    keyword: event.keyword ?? null,
    channel: event.channel ?? null,
    userId: event.userId ?? null,
    by: event.by ?? null,
    at,
  };
}

function storedOf(phone: string, document: SuppressionDocument): StoredSuppression {
  const { reason, source, keyword, channel, createdBy, userId, createdAt } = document;
  return { phone, reason, source, keyword, channel, createdBy, userId, createdAt };
}

/**
 * The query's order: `createdAt` descending (a null one last, as Firestore orders null below
 * every timestamp), then the number descending. Negative when `a` comes first.
 */
function newestFirst(
  [aPhone, a]: [string, SuppressionDocument],
  [bPhone, b]: [string, SuppressionDocument],
): number {
  const aTime = a.createdAt?.getTime() ?? -Infinity;
  const bTime = b.createdAt?.getTime() ?? -Infinity;
  if (aTime !== bTime) return aTime > bTime ? -1 : 1;
  if (aPhone === bPhone) return 0;
  return aPhone > bPhone ? -1 : 1;
}

export class MemorySuppressionStore implements SuppressionStore {
  private readonly suppressions = new Map<string, SuppressionDocument>();
  private readonly events: ConsentEventDocument[] = [];
  private clock = START;

  /** The server timestamp of the next transaction. */
  private stamp(): Date {
    this.clock += TICK_MS;
    return new Date(this.clock);
  }

  /** Puts an entry in place without history, as a test's starting state. */
  seed(e164: string, entry: SeededSuppression): void {
    this.suppressions.set(e164, {
      keyword: null,
      channel: null,
      createdBy: null,
      provider: null,
      userId: null,
      createdAt: this.stamp(),
      ...entry,
    });
  }

  /** The number's entry as stored, or undefined. */
  suppression(e164: string): SuppressionDocument | undefined {
    const document = this.suppressions.get(e164);
    return document && { ...document };
  }

  /** The suppressed numbers, sorted. */
  numbers(): string[] {
    return [...this.suppressions.keys()].sort();
  }

  /** The consent history of the number (every event when none is given), oldest first. */
  history(phone?: string): ConsentEventDocument[] {
    return this.events
      .filter((event) => phone === undefined || event.phone === phone)
      .map((event) => ({ ...event }));
  }

  /** Both collections as they stand, to compare before and after a call that must not write. */
  state(): { suppressions: [string, SuppressionDocument][]; events: ConsentEventDocument[] } {
    return {
      suppressions: this.numbers().map((e164) => [e164, { ...this.suppressions.get(e164)! }]),
      events: this.history(),
    };
  }

  /** The writes of `addSuppressionIn`: the entry (replacing any) and its opted_out event. */
  private add(e164: string, fields: SuppressionFields, at: Date): void {
    this.suppressions.set(e164, documentOf(fields, at));
    this.events.push(
      eventDocumentOf(
        {
          phone: e164,
          action: "opted_out",
          source: fields.source,
          reason: fields.reason,
          keyword: fields.keyword,
          channel: fields.channel,
          userId: fields.userId,
          by: fields.createdBy,
        },
        at,
      ),
    );
  }

  async addSuppressionUnlessPresent(e164: string, fields: SuppressionFields): Promise<boolean> {
    if (this.suppressions.has(e164)) return false;
    this.add(e164, fields, this.stamp());
    return true;
  }

  async liftSuppression(
    e164: string,
    decide: (current: StoredSuppression | undefined) => ConsentEvent,
  ): Promise<void> {
    const current = this.suppressions.get(e164);
    // A throw here leaves the transaction before any write, as in Firestore.
    const event = decide(current && storedOf(e164, current));
    const at = this.stamp();
    this.suppressions.delete(e164);
    this.events.push(eventDocumentOf(event, at));
  }

  async suppressionsPage(query: {
    source?: SuppressionSource;
    limit: number;
    cursor?: string;
  }): Promise<SuppressionPage | undefined> {
    const ordered = [...this.suppressions]
      .filter(([, document]) => !query.source || document.source === query.source)
      .sort(newestFirst);
    let rest = ordered;
    if (query.cursor) {
      // Firestore's startAfter(snapshot) positions by the cursor's own values, whatever its source.
      const after = this.suppressions.get(query.cursor);
      if (!after) return undefined;
      const cursorRow: [string, SuppressionDocument] = [query.cursor, after];
      rest = ordered.filter((row) => newestFirst(cursorRow, row) < 0);
    }
    const page = rest.slice(0, query.limit);
    return {
      suppressions: page.map(([phone, document]) => storedOf(phone, document)),
      nextCursor: rest.length > query.limit ? page[page.length - 1][0] : null,
    };
  }

  async suppressedAmong(numbers: readonly string[]): Promise<Set<string>> {
    return new Set(numbers.filter((e164) => this.suppressions.has(e164)));
  }

  async addSuppressionsUnlessPresent(
    numbers: readonly string[],
    fields: SuppressionFields,
  ): Promise<string[]> {
    const at = this.stamp();
    const absent = [...new Set(numbers)].filter((e164) => !this.suppressions.has(e164));
    for (const e164 of absent) this.add(e164, fields, at);
    return absent;
  }
}
