/**
 * Aggregation queries over `sms_messages` (count, sum) for the statistics and reports: never a
 * read per message; each query is billed one read per 1,000 index entries it matches.
 *
 * The range queries order by `createdAt` descending so that they share the composite indexes of
 * the history, (status, createdAt desc) and (type, createdAt desc): every composite index on
 * sms_messages costs on every message write. Only (provider, createdAt desc) and (priceUnit,
 * createdAt desc, price) are theirs; all are in firestore.indexes.json. A sum is computed from
 * the index, so `price` must be in it. (The emulator does not check indexes.)
 */
import { AggregateField, Timestamp, type Query } from "firebase-admin/firestore";
import { messagesCollection, type MessageRecord } from "./messages";

/** Messages created in `[start, end)`. */
export interface CreatedRange {
  start: Date;
  end: Date;
}

/** A field the statistics break the counts down by. */
export type CountedField = keyof Pick<MessageRecord, "status" | "type" | "provider">;

function createdIn(range: CreatedRange): Query<MessageRecord> {
  return messagesCollection()
    .where("createdAt", ">=", Timestamp.fromDate(range.start))
    .where("createdAt", "<", Timestamp.fromDate(range.end))
    .orderBy("createdAt", "desc");
}

/** How many messages of the range there are (with `field == value`, when given). */
export async function countCreated(
  range: CreatedRange,
  where?: { field: CountedField; value: string },
): Promise<number> {
  const query = where ? createdIn(range).where(where.field, "==", where.value) : createdIn(range);
  return (await query.count().get()).data().count;
}

/**
 * The currencies any message was ever priced in (`priceUnit`), in order, by skipping through
 * the single-field index: one document read per currency, at most `max`.
 */
export async function pricedCurrencies(max: number): Promise<string[]> {
  const found: string[] = [];
  let after = "";
  while (found.length < max) {
    const next = await messagesCollection()
      .where("priceUnit", ">", after)
      .orderBy("priceUnit")
      .select("priceUnit")
      .limit(1)
      .get();
    const currency: unknown = next.docs[0]?.get("priceUnit");
    if (typeof currency !== "string") break;
    found.push(currency);
    after = currency;
  }
  return found;
}

/** How many messages of the range were priced in `currency`, and the sum of their prices. */
export async function pricedTotal(
  range: CreatedRange,
  currency: string,
): Promise<{ count: number; total: number }> {
  const snapshot = await createdIn(range)
    .where("priceUnit", "==", currency)
    .aggregate({ count: AggregateField.count(), total: AggregateField.sum("price") })
    .get();
  const { count, total } = snapshot.data();
  return { count, total: total ?? 0 };
}

/** Messages of one A/B variant: of a template, created in a range; or of a campaign. */
export type VariantMessageScope =
  | { templateId: string; variant: string; range: CreatedRange }
  | { campaignId: string; variant: string };

/**
 * How many messages of the scope are in `status`, by one aggregation query. Indexes:
 * (templateId, variant, status, createdAt desc) and (campaignId, variant, status); a message
 * without `variant` is in neither, so they cost nothing on the others.
 */
export async function countVariantMessages(
  scope: VariantMessageScope,
  status: string,
): Promise<number> {
  const query: Query<MessageRecord> =
    "campaignId" in scope
      ? messagesCollection().where("campaignId", "==", scope.campaignId)
      : createdIn(scope.range).where("templateId", "==", scope.templateId);
  const snapshot = await query
    .where("variant", "==", scope.variant)
    .where("status", "==", status)
    .count()
    .get();
  return snapshot.data().count;
}
