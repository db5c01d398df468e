/**
 * Where the sender allowance (domain/allowance) and the project's daily usage are kept. Both
 * are small documents read and written by id, inside the transactions that queue or claim a
 * message, so the check and the charge cannot drift apart.
 */
import { AggregateField, FieldValue, Timestamp, type Transaction } from "firebase-admin/firestore";
import { COLLECTIONS, db } from "./firestore";

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Daily usage is split over this many documents so concurrent claims rarely share one. */
const USAGE_SHARDS = 8;

function allowanceRef(uid: string) {
  return db().collection(COLLECTIONS.senderAllowances).doc(uid);
}

/** The sender's stored window (counts per minute), read in `tx`. */
export async function readAllowance(tx: Transaction, uid: string): Promise<unknown> {
  return (await tx.get(allowanceRef(uid))).get("minutes");
}

/** Stores the sender's window; it expires an hour after its last charge. */
export function writeAllowance(
  tx: Transaction,
  uid: string,
  minutes: Record<string, number>,
  now: Date,
): void {
  tx.set(allowanceRef(uid), {
    minutes,
    expireAt: Timestamp.fromMillis(now.getTime() + HOUR_MS),
  });
}

/** The UTC day of `now`, as `YYYY-MM-DD`. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Segments the project has sent today (UTC): one aggregation query over the day's shards. */
export async function segmentsSentToday(now: Date): Promise<number> {
  const result = await db()
    .collection(COLLECTIONS.dailyUsage)
    .where("day", "==", utcDay(now))
    .aggregate({ segments: AggregateField.sum("segments") })
    .get();
  return result.data().segments ?? 0;
}

/** Adds a claimed message's segments to today's usage (a blind increment: no contention read). */
export function addDailySegments(
  tx: Transaction,
  messageId: string,
  segments: number,
  now: Date,
): void {
  const day = utcDay(now);
  let hash = 0;
  for (const char of messageId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  const ref = db()
    .collection(COLLECTIONS.dailyUsage)
    .doc(`${day}_${hash % USAGE_SHARDS}`);
  tx.set(
    ref,
    {
      day,
      segments: FieldValue.increment(segments),
      expireAt: Timestamp.fromMillis(now.getTime() + 2 * DAY_MS),
    },
    { merge: true },
  );
}
