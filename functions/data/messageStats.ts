/**
 * Aggregation queries over `sms_messages` (count, sum) for the statistics and reports: never a
 * read per message; each query is billed one read per 1,000 index entries it matches.
 *
 * The range queries order by `createdAt` descending so that they share the composite indexes of
 * the history, (status, createdAt desc) and (type, createdAt desc): every composite index on
 * sms_messages costs on every message write. (provider, createdAt desc) and (priceUnit,
 * createdAt desc, price) are theirs; the cost report adds (campaignId | country, createdAt
 * desc) for its counts and, per grouping field F, (F, priceUnit, createdAt desc, price) and
 * (F, priceUnit, priceEstimated, createdAt desc, price) for its sums; all are in
 * firestore.indexes.json. A sum is computed from the index, so `price` must be in it.
 * `priceEstimated` is set on estimates only, so the indexes with it hold SNS messages alone.
 * (The emulator does not check indexes.)
 */
import { AggregateField, Timestamp, type Query } from "firebase-admin/firestore";
import { messagesCollection, type MessageRecord } from "./messages";

/** Messages created in `[start, end)`. */
export interface CreatedRange {
  start: Date;
  end: Date;
}

/** Messages created in `[start, end)`, or since `start` when there is no end (a campaign's). */
export interface CreatedWindow {
  start: Date;
  end?: Date;
}

/** A field the statistics and the cost report break the counts and sums down by. */
export type CountedField = keyof Pick<
  MessageRecord,
  "status" | "type" | "provider" | "campaignId" | "country"
>;

/** One field's value, narrowing a count or a sum. */
export interface FieldFilter {
  field: CountedField;
  value: string;
}

function createdIn(range: CreatedWindow, where?: FieldFilter): Query<MessageRecord> {
  let query = messagesCollection().where("createdAt", ">=", Timestamp.fromDate(range.start));
  if (range.end) query = query.where("createdAt", "<", Timestamp.fromDate(range.end));
  if (where) query = query.where(where.field, "==", where.value);
  return query.orderBy("createdAt", "desc");
}

/** How many messages of the range there are (with `field == value`, when given). */
export async function countCreated(range: CreatedWindow, where?: FieldFilter): Promise<number> {
  return (await createdIn(range, where).count().get()).data().count;
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

/** Priced messages, how many, and the sum of their prices. */
export interface PriceSum {
  count: number;
  total: number;
}

async function sumPrices(query: Query<MessageRecord>): Promise<PriceSum> {
  const snapshot = await query
    .aggregate({ count: AggregateField.count(), total: AggregateField.sum("price") })
    .get();
  const { count, total } = snapshot.data();
  return { count, total: total ?? 0 };
}

/** How many messages of the range (with `where`) were priced in `currency`, and their sum. */
export function pricedTotal(
  range: CreatedWindow,
  currency: string,
  where?: FieldFilter,
): Promise<PriceSum> {
  return sumPrices(createdIn(range, where).where("priceUnit", "==", currency));
}

/** The same, of the estimated prices only (`priceEstimated`: SNS messages, SMS_PRICE_TABLE). */
export function estimatedTotal(
  range: CreatedWindow,
  currency: string,
  where?: FieldFilter,
): Promise<PriceSum> {
  return sumPrices(
    createdIn(range, where).where("priceUnit", "==", currency).where("priceEstimated", "==", true),
  );
}

/** When the newest message of the campaign was created; undefined when it has none. */
export async function lastCampaignMessageAt(campaignId: string): Promise<Date | undefined> {
  const newest = await messagesCollection()
    .where("campaignId", "==", campaignId)
    .orderBy("createdAt", "desc")
    .select("createdAt")
    .limit(1)
    .get();
  const createdAt: unknown = newest.docs[0]?.get("createdAt");
  return createdAt instanceof Timestamp ? createdAt.toDate() : undefined;
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
