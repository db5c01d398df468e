/**
 * `sms_alerts/{key}`: one document per alert raised, under a key that names the alert and its
 * period (`sms_failure_rate_high_2026-01-05T10`). Created with `create()`, so a rerun of the
 * monitor in the same period finds it and stays quiet. Kept a week (TTL on `expireAt`).
 */
import { Timestamp } from "firebase-admin/firestore";
import { db, isAlreadyExists, COLLECTIONS } from "./firestore";

/** How long a marker is kept; longer than any alert's period. */
const KEEP_MS = 7 * 86_400_000;

/** Records the alert `key` as raised at `now`; false when it was raised before. */
export async function markAlertRaised(
  key: string,
  alert: { event: string; fields: Record<string, string | number> },
  now: Date,
): Promise<boolean> {
  try {
    await db()
      .collection(COLLECTIONS.alerts)
      .doc(key)
      .create({
        event: alert.event,
        fields: alert.fields,
        raisedAt: Timestamp.fromDate(now),
        expireAt: Timestamp.fromMillis(now.getTime() + KEEP_MS),
      });
    return true;
  } catch (error) {
    if (isAlreadyExists(error)) return false;
    throw error;
  }
}
