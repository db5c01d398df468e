/**
 * Where the sender allowance (domain/allowance, in shards: domain/allowanceShards) and the
 * project's daily usage are kept. Both are small documents read and written by id, inside the
 * transactions that queue or claim a message, so the check and the charge cannot drift apart.
 */
import { AggregateField, FieldValue, Timestamp, type Transaction } from "firebase-admin/firestore";
import { ALLOWANCE_SHARDS } from "../domain/allowanceShards";
import { TtlCache } from "../domain/ttlCache";
import { COLLECTIONS, db } from "./firestore";

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Daily usage is split over this many documents so concurrent claims rarely share one. */
const USAGE_SHARDS = 64;

/**
 * One shard of a sender's allowance (domain/allowanceShards): `{shard}_{uid}`. The shard number
 * is everything before the first `_`, so no two (shard, uid) pairs share a document.
 */
function allowanceShardRef(uid: string, shard: number) {
  return db().collection(COLLECTIONS.senderAllowances).doc(`${shard}_${uid}`);
}

/** One shard's stored window (counts per minute), read in `tx`. */
export async function readAllowanceShard(
  tx: Transaction,
  uid: string,
  shard: number,
): Promise<unknown> {
  return (await tx.get(allowanceShardRef(uid, shard))).get("minutes");
}

/** Every shard's stored window, read in `tx` (one round trip: the reads start together). */
export async function readAllowanceShards(
  tx: Transaction,
  uid: string,
): Promise<Map<number, unknown>> {
  const shards = Array.from({ length: ALLOWANCE_SHARDS }, (_, shard) => shard);
  const windows = await Promise.all(shards.map((shard) => readAllowanceShard(tx, uid, shard)));
  return new Map(shards.map((shard, i) => [shard, windows[i]]));
}

/** Stores the charged shards' windows; each expires an hour after its last charge. */
export function writeAllowanceShards(
  tx: Transaction,
  uid: string,
  windows: ReadonlyMap<number, Record<string, number>>,
  now: Date,
): void {
  const expireAt = Timestamp.fromMillis(now.getTime() + HOUR_MS);
  for (const [shard, minutes] of windows) {
    tx.set(allowanceShardRef(uid, shard), { minutes, expireAt });
  }
}

/** The UTC day of `now`, as `YYYY-MM-DD`. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** How long an instance reuses the day's total: the limit is a safety valve, not a ledger. */
const USAGE_CACHE_MS = 5_000;
const usageByDay = new TtlCache<string, number>(2);

/**
 * Segments the project has sent today (UTC): one aggregation query over the day's shards,
 * reused by this instance for a few seconds so a burst of claims does not repeat it.
 */
export function segmentsSentToday(now: Date): Promise<number> {
  const day = utcDay(now);
  return usageByDay.get(day, USAGE_CACHE_MS, () =>
    db()
      .collection(COLLECTIONS.dailyUsage)
      .where("day", "==", day)
      .aggregate({ segments: AggregateField.sum("segments") })
      .get()
      .then((result) => result.data().segments ?? 0),
  );
}

/**
 * Adds a claimed message's segments to today's usage: a blind increment outside the claim's
 * transaction, so concurrent claims never wait on a shared document. The limit it feeds is a
 * safety valve, not a ledger: a crash between claim and count leaves one message uncounted.
 */
export async function addDailySegments(
  messageId: string,
  segments: number,
  now: Date,
): Promise<void> {
  const { ref, fields } = dailySegmentsWrite(messageId, segments, now);
  await ref.set(fields, { merge: true });
}

/** Inside `tx`, as a blind write (nothing read): counts a message claimed at its creation. */
export function addDailySegmentsIn(
  tx: Transaction,
  messageId: string,
  segments: number,
  now: Date,
): void {
  const { ref, fields } = dailySegmentsWrite(messageId, segments, now);
  tx.set(ref, fields, { merge: true });
}

/** The increment of one message's segments on its shard of the day (by a hash of its id). */
function dailySegmentsWrite(messageId: string, segments: number, now: Date) {
  const day = utcDay(now);
  let hash = 0;
  for (const char of messageId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  const ref = db()
    .collection(COLLECTIONS.dailyUsage)
    .doc(`${day}_${hash % USAGE_SHARDS}`);
  const fields = {
    day,
    segments: FieldValue.increment(segments),
    expireAt: Timestamp.fromMillis(now.getTime() + 2 * DAY_MS),
  };
  return { ref, fields };
}
