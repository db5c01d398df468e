/**
 * `sms_suppressions/{e164}`: the numbers that must not be sent to, on any channel or provider
 * (an opt-out, a number the provider reported opted out, an admin's or an imported
 * do-not-contact entry), keyed by E.164, the key every outgoing message is checked by; and
 * `sms_consent_events`, the history of every opt-out and opt-in, kept when a suppression is
 * lifted, so the team can show when consent was revoked and restored.
 */
import {
  FieldPath,
  FieldValue,
  Timestamp,
  type DocumentSnapshot,
  type Query,
  type Transaction,
} from "firebase-admin/firestore";
import { eachLimited } from "../domain/concurrency";
import { COLLECTIONS, db, getAll, isAlreadyExists, runTransaction } from "./firestore";
import { suppressionRef } from "./refs";

/** What put a number on the list. */
export type SuppressionSource = "keyword" | "free_text" | "provider" | "admin" | "import";

/** A suppression as recorded (besides `createdAt`, stamped by the server). */
export interface SuppressionFields {
  /** In plain words: the keyword, the phrase, the provider's error, the admin's reason. */
  reason: string;
  source: SuppressionSource;
  /** The keyword the recipient sent (`STOP`, `İPTAL`), when that was it. */
  keyword?: string | null;
  /** The channel the opt-out came in on (`sms`, `whatsapp`), when it came from the recipient. */
  channel?: string | null;
  /** The admin who added it, for `admin` and `import`. */
  createdBy?: string | null;
  /** The provider that reported it, for `provider`. */
  provider?: string | null;
  userId?: string | null;
}

/** One entry of the consent history. */
export interface ConsentEvent {
  /** The E.164 number; null for a user without a valid one (a marketing change). */
  phone: string | null;
  action: "opted_out" | "opted_in";
  source: SuppressionSource | "keyword_start" | "marketing";
  reason: string;
  keyword?: string | null;
  channel?: string | null;
  userId?: string | null;
  /** The admin who acted, when one did. */
  by?: string | null;
}

function consentEventsCollection() {
  return db().collection(COLLECTIONS.consentEvents);
}

function eventData(event: ConsentEvent) {
  return {
    phone: event.phone,
    action: event.action,
    source: event.source,
    reason: event.reason,
    keyword: event.keyword ?? null,
    channel: event.channel ?? null,
    userId: event.userId ?? null,
    by: event.by ?? null,
    at: FieldValue.serverTimestamp(),
  };
}

function suppressionData(fields: SuppressionFields) {
  return {
    reason: fields.reason,
    source: fields.source,
    keyword: fields.keyword ?? null,
    channel: fields.channel ?? null,
    createdBy: fields.createdBy ?? null,
    provider: fields.provider ?? null,
    userId: fields.userId ?? null,
    createdAt: FieldValue.serverTimestamp(),
  };
}

/** True when the number is suppressed (one document read). */
export async function isSuppressed(e164: string): Promise<boolean> {
  return (await suppressionRef(e164).get()).exists;
}

/** Inside `tx`: true when the number is suppressed. */
export async function isSuppressedIn(tx: Transaction, e164: string): Promise<boolean> {
  return (await tx.get(suppressionRef(e164))).exists;
}

/** Inside `tx`: the number's suppression as stored, or undefined. */
export async function readSuppressionIn(
  tx: Transaction,
  e164: string,
): Promise<(SuppressionFields & Record<string, unknown>) | undefined> {
  const data = (await tx.get(suppressionRef(e164))).data();
  return data as (SuppressionFields & Record<string, unknown>) | undefined;
}

/** Inside `tx`: suppresses the number (replacing an earlier entry) and records the event. */
export function addSuppressionIn(tx: Transaction, e164: string, fields: SuppressionFields): void {
  tx.set(suppressionRef(e164), suppressionData(fields));
  tx.create(
    consentEventsCollection().doc(),
    eventData({
      phone: e164,
      action: "opted_out",
      source: fields.source,
      reason: fields.reason,
      keyword: fields.keyword,
      channel: fields.channel,
      userId: fields.userId,
      by: fields.createdBy,
    }),
  );
}

/** Inside `tx`: lifts the number's suppression and records why. */
export function removeSuppressionIn(tx: Transaction, e164: string, event: ConsentEvent): void {
  tx.delete(suppressionRef(e164));
  tx.create(consentEventsCollection().doc(), eventData(event));
}

/**
 * Records a consent change that is not a suppression (a marketing opt-in switched), under
 * `eventId` so that a redelivered trigger records it once.
 */
export async function recordConsentEvent(eventId: string, event: ConsentEvent): Promise<void> {
  try {
    await consentEventsCollection().doc(eventId).create(eventData(event));
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
  }
}

/** A suppression as the admin callables show it; fields an older entry lacks are null. */
export interface StoredSuppression {
  /** The E.164 number: the document id. */
  phone: string;
  reason: string;
  /** A {@link SuppressionSource}; entries older than sources may hold another word. */
  source: string;
  keyword: string | null;
  channel: string | null;
  createdBy: string | null;
  userId: string | null;
  createdAt: Date | null;
}

const textOrNull = (value: unknown) => (typeof value === "string" ? value : null);

function storedSuppression(snapshot: DocumentSnapshot): StoredSuppression | undefined {
  const data = snapshot.data();
  if (!data) return undefined;
  const createdAt: unknown = data.createdAt;
  return {
    phone: snapshot.id,
    reason: textOrNull(data.reason) ?? "",
    source: textOrNull(data.source) ?? "",
    keyword: textOrNull(data.keyword),
    channel: textOrNull(data.channel),
    createdBy: textOrNull(data.createdBy),
    userId: textOrNull(data.userId),
    createdAt: createdAt instanceof Timestamp ? createdAt.toDate() : null,
  };
}

/** Suppresses the number with its consent event, unless it is suppressed: false then. */
export function addSuppressionUnlessPresent(
  e164: string,
  fields: SuppressionFields,
): Promise<boolean> {
  return runTransaction(async (tx) => {
    if (await isSuppressedIn(tx, e164)) return false;
    addSuppressionIn(tx, e164, fields);
    return true;
  });
}

/**
 * Reads the number's suppression and lifts it with the consent event `decide` makes of it, in
 * one transaction; `decide` throws to refuse (no suppression, not the admin's to lift), and
 * then nothing is written.
 */
export function liftSuppression(
  e164: string,
  decide: (current: StoredSuppression | undefined) => ConsentEvent,
): Promise<void> {
  return runTransaction(async (tx) => {
    const event = decide(storedSuppression(await tx.get(suppressionRef(e164))));
    removeSuppressionIn(tx, e164, event);
  });
}

/** A page of suppressions, newest first. */
export interface SuppressionPage {
  suppressions: StoredSuppression[];
  /** The last number of this page when more follow, else null. */
  nextCursor: string | null;
}

/**
 * Suppressions (of `source`, when given) newest first, then by number, after the number
 * `cursor`; undefined when the cursor names no suppression.
 */
export async function suppressionsPage(query: {
  source?: SuppressionSource;
  limit: number;
  cursor?: string;
}): Promise<SuppressionPage | undefined> {
  let q: Query = db().collection(COLLECTIONS.suppressions);
  if (query.source) q = q.where("source", "==", query.source);
  q = q.orderBy("createdAt", "desc").orderBy(FieldPath.documentId(), "desc");
  if (query.cursor) {
    const after = await suppressionRef(query.cursor).get();
    if (!after.exists) return undefined;
    q = q.startAfter(after);
  }
  // One more than asked tells whether another page follows.
  const page = await q.limit(query.limit + 1).get();
  const docs = page.docs.slice(0, query.limit);
  return {
    suppressions: docs.flatMap((doc) => storedSuppression(doc) ?? []),
    nextCursor: page.size > query.limit ? docs[docs.length - 1].id : null,
  };
}

// Each number is two writes (the suppression and its consent event): 500 per transaction.
const NUMBERS_PER_WRITE = 250;
const READS_PER_CALL = 500;
const WRITES_IN_FLIGHT = 4;

function chunks<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, (i + 1) * size),
  );
}

/** Which of these numbers are suppressed (a read per number, a round trip per 500). */
export async function suppressedAmong(numbers: readonly string[]): Promise<Set<string>> {
  const suppressed = new Set<string>();
  for (const chunk of chunks(numbers, READS_PER_CALL)) {
    for (const snapshot of await getAll(chunk.map(suppressionRef))) {
      if (snapshot.exists) suppressed.add(snapshot.id);
    }
  }
  return suppressed;
}

/**
 * Suppresses each number that is not suppressed yet, with its consent event, 250 numbers per
 * transaction: a transaction reads its numbers before writing, so an entry made meanwhile (a
 * recipient's STOP, an earlier run of the same import) is left as it is, and a run cut short
 * and then repeated adds each number once. Returns the numbers it added.
 */
export async function addSuppressionsUnlessPresent(
  numbers: readonly string[],
  fields: SuppressionFields,
): Promise<string[]> {
  const added: string[] = [];
  await eachLimited(chunks(numbers, NUMBERS_PER_WRITE), WRITES_IN_FLIGHT, async (chunk) => {
    const addedInChunk = await runTransaction(async (tx) => {
      const snapshots = await tx.getAll(...chunk.map(suppressionRef));
      const absent = snapshots.filter((snapshot) => !snapshot.exists).map((s) => s.id);
      for (const e164 of absent) addSuppressionIn(tx, e164, fields);
      return absent;
    });
    added.push(...addedInChunk);
  });
  return added;
}
