/**
 * The few questions health and alerts ask of `sms_messages`, each an aggregation (`count`,
 * `sum`) or a one-document query, so their cost does not grow with the number of messages.
 *
 * They use only composite indexes the outbox and the statistics already have, so they add no
 * cost to message writes: (status, createdAt desc), (status, nextAttemptAt),
 * (status, leaseExpiresAt) and (priceUnit, createdAt desc, price).
 */
import { AggregateField, Timestamp } from "firebase-admin/firestore";
import type { MessageStatus } from "../domain/messageStatus";
import { messagesCollection } from "./messages";

/** How many messages created at or after `since` are in `status`. */
export async function countCreatedSince(since: Date, status: MessageStatus): Promise<number> {
  const snapshot = await messagesCollection()
    .where("status", "==", status)
    .where("createdAt", ">=", Timestamp.fromDate(since))
    .orderBy("createdAt", "desc")
    .count()
    .get();
  return snapshot.data().count;
}

/** Counts by status of the messages created at or after `since`, one aggregation each. */
export async function countsByStatusSince<S extends MessageStatus>(
  since: Date,
  statuses: readonly S[],
): Promise<Record<S, number>> {
  const counts = await Promise.all(statuses.map((status) => countCreatedSince(since, status)));
  return Object.fromEntries(statuses.map((status, i) => [status, counts[i]])) as Record<S, number>;
}

/** Messages in `statuses` that were due at or before `dueBefore` and are still waiting. */
export async function countDueBefore(
  statuses: readonly MessageStatus[],
  dueBefore: Date,
): Promise<number> {
  const snapshot = await messagesCollection()
    .where("status", "in", [...statuses])
    .where("nextAttemptAt", "<=", Timestamp.fromDate(dueBefore))
    .count()
    .get();
  return snapshot.data().count;
}

/** Messages still `sending` whose claim lapsed at or before `lapsedBefore`. */
export async function countSendingLapsedBefore(lapsedBefore: Date): Promise<number> {
  const snapshot = await messagesCollection()
    .where("status", "==", "sending")
    .where("leaseExpiresAt", "<=", Timestamp.fromDate(lapsedBefore))
    .count()
    .get();
  return snapshot.data().count;
}

/** The queued message due the longest (the one the sweep takes first), if any. */
export async function oldestQueued(): Promise<
  { messageId: string; createdAt: Date | null; dueAt: Date } | undefined
> {
  const snapshot = await messagesCollection()
    .where("status", "==", "queued")
    // A range on the field also leaves out any queued message without a due time.
    .where("nextAttemptAt", ">=", Timestamp.fromMillis(0))
    .orderBy("nextAttemptAt")
    .select("createdAt", "nextAttemptAt")
    .limit(1)
    .get();
  const doc = snapshot.docs[0];
  if (!doc) return undefined;
  const createdAt: unknown = doc.get("createdAt");
  const dueAt: unknown = doc.get("nextAttemptAt");
  if (!(dueAt instanceof Timestamp)) return undefined;
  return {
    messageId: doc.id,
    createdAt: createdAt instanceof Timestamp ? createdAt.toDate() : null,
    dueAt: dueAt.toDate(),
  };
}

/** The sum of the prices in `currency` of the messages created at or after `since`. */
export async function spendSince(since: Date, currency: string): Promise<number> {
  const snapshot = await messagesCollection()
    .where("priceUnit", "==", currency)
    .where("createdAt", ">=", Timestamp.fromDate(since))
    .orderBy("createdAt", "desc")
    .aggregate({ total: AggregateField.sum("price") })
    .get();
  return snapshot.data().total ?? 0;
}
