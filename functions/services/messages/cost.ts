/**
 * The cost of a set of messages (a range, a group of it, a campaign) from aggregation queries:
 * the currencies ever priced (one index read each), then per currency the sum of the prices
 * and of the estimated ones. Never a read per message. Shared by `getSmsStats`, the cost
 * report and a campaign's status; tests pass an in-memory {@link CostReader}.
 */
import {
  countCreated,
  estimatedTotal,
  pricedCurrencies,
  pricedTotal,
  type CreatedWindow,
  type FieldFilter,
  type PriceSum,
} from "../../data/messageStats";
import { summarizeCost, type CurrencyTotal, type SmsCost } from "../../domain/smsStats";

// Distinct currencies are found one index read at a time; a real account has one or two.
export const MAX_CURRENCIES = 10;

/** Messages created in a window, with one field's value when `where` is given. */
export interface MessageScope {
  range: CreatedWindow;
  where?: FieldFilter;
}

/** The aggregation queries costs are made of. */
export interface CostReader {
  /** The currencies any message was ever priced in, at most `max`. */
  currencies(max: number): Promise<string[]>;
  /** Messages of the scope, priced or not. */
  count(scope: MessageScope): Promise<number>;
  /** Messages of the scope priced in `currency`, and the sum of their prices. */
  priced(scope: MessageScope, currency: string): Promise<PriceSum>;
  /** The same, of the estimated prices alone. */
  estimated(scope: MessageScope, currency: string): Promise<PriceSum>;
}

/** Firestore aggregation queries (data/messageStats). */
export const firestoreCostReader: CostReader = {
  currencies: pricedCurrencies,
  count: ({ range, where }) => countCreated(range, where),
  priced: ({ range, where }, currency) => pricedTotal(range, currency, where),
  estimated: ({ range, where }, currency) => estimatedTotal(range, currency, where),
};

/** Per currency: the scope's priced messages, their cost, and the estimated part of it. */
export async function currencyTotals(
  scope: MessageScope,
  currencies: readonly string[],
  reader: CostReader = firestoreCostReader,
): Promise<CurrencyTotal[]> {
  return Promise.all(
    currencies.map(async (currency) => {
      const [priced, estimated] = await Promise.all([
        reader.priced(scope, currency),
        reader.estimated(scope, currency),
      ]);
      return { currency, ...priced, estimated: estimated.total };
    }),
  );
}

/** The scope's cost in its main currency, with the estimated part (see summarizeCost). */
export async function costOf(
  scope: MessageScope,
  reader: CostReader = firestoreCostReader,
): Promise<SmsCost> {
  const currencies = await reader.currencies(MAX_CURRENCIES);
  return summarizeCost(await currencyTotals(scope, currencies, reader));
}
