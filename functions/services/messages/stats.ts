/**
 * `getSmsStats`: counts, delivery rate and cost of the messages created in a range, computed
 * with aggregation queries (count, sum) on indexed fields, never by reading the messages. Each
 * query is billed one read per 1,000 index entries it matches.
 *
 * The queries order by `createdAt` descending so that they share the composite indexes of
 * `getSmsHistory`, (status, createdAt desc) and (type, createdAt desc): every composite index
 * on sms_messages costs on every message write. Only (provider, createdAt desc) and
 * (priceUnit, createdAt desc, price) are theirs; all are in firestore.indexes.json. A sum is
 * computed from the index, so `price` must be in it. (The emulator does not check indexes.)
 */
import { AggregateField, Timestamp, type Query } from "firebase-admin/firestore";
import { messagesCollection } from "../../data/messages";
import { MESSAGE_STATUSES, type MessageStatus } from "../../domain/messageStatus";
import {
  deliveryRate,
  summarizeCost,
  type CurrencyTotal,
  type SmsCost,
} from "../../domain/smsStats";
import { MESSAGE_TYPES } from "../../domain/templateRules";
import type { MessageType } from "../../domain/templates";
import type { ProviderName } from "../../messaging/provider";

// A Record over the union makes the compiler insist on every provider, and on no other.
const PROVIDERS: Record<ProviderName, true> = { twilio: true, sns: true, console: true };
const PROVIDER_NAMES = Object.keys(PROVIDERS) as ProviderName[];

// Distinct currencies are found one index read at a time; a real account has one or two.
const MAX_CURRENCIES = 10;

/** The `getSmsStats` response. Every status, type and provider is present, 0 when unused. */
export interface SmsStats {
  total: number;
  byStatus: Record<MessageStatus, number>;
  byType: Record<MessageType, number>;
  byProvider: Record<ProviderName, number>;
  /** delivered / (delivered + undelivered + failed), from 0 to 1; 0 when none settled. */
  deliveryRate: number;
  cost: SmsCost;
}

async function count(query: Query): Promise<number> {
  return (await query.count().get()).data().count;
}

/** Counts per value of `field`, one aggregation query each, run together. */
async function countsBy<Value extends string>(
  inRange: Query,
  field: string,
  values: readonly Value[],
): Promise<Record<Value, number>> {
  const counts = await Promise.all(values.map((value) => count(inRange.where(field, "==", value))));
  return Object.fromEntries(values.map((value, i) => [value, counts[i]])) as Record<Value, number>;
}

/**
 * The currencies any message was ever priced in (`priceUnit`), in order, by skipping through
 * the single-field index: one document read per currency.
 */
async function knownCurrencies(): Promise<string[]> {
  const found: string[] = [];
  let after = "";
  while (found.length < MAX_CURRENCIES) {
    const next = await messagesCollection()
      .where("priceUnit", ">", after)
      .orderBy("priceUnit")
      .select("priceUnit")
      .limit(1)
      .get();
    const currency = next.docs[0]?.get("priceUnit");
    if (typeof currency !== "string") break;
    found.push(currency);
    after = currency;
  }
  return found;
}

/** How many messages of the range were priced in `currency`, and the sum of their prices. */
async function currencyTotal(inRange: Query, currency: string): Promise<CurrencyTotal> {
  const snapshot = await inRange
    .where("priceUnit", "==", currency)
    .aggregate({ count: AggregateField.count(), total: AggregateField.sum("price") })
    .get();
  const { count: priced, total } = snapshot.data();
  return { currency, count: priced, total: total ?? 0 };
}

/** Statistics of the messages created in `[start, end)`. */
export async function smsStats(start: Date, end: Date): Promise<SmsStats> {
  const inRange = messagesCollection()
    .where("createdAt", ">=", Timestamp.fromDate(start))
    .where("createdAt", "<", Timestamp.fromDate(end))
    .orderBy("createdAt", "desc");
  const [total, byStatus, byType, byProvider, currencies] = await Promise.all([
    count(inRange),
    countsBy(inRange, "status", MESSAGE_STATUSES),
    countsBy(inRange, "type", MESSAGE_TYPES),
    countsBy(inRange, "provider", PROVIDER_NAMES),
    knownCurrencies(),
  ]);
  const totals = await Promise.all(currencies.map((currency) => currencyTotal(inRange, currency)));
  return {
    total,
    byStatus,
    byType,
    byProvider,
    deliveryRate: deliveryRate(byStatus),
    cost: summarizeCost(totals),
  };
}
