/**
 * The arithmetic of `getSmsStats`: the date range it accepts, the delivery rate, and the cost
 * per currency. Pure; the counts themselves come from aggregation queries (services/messages/stats.ts).
 */
import type { MessageStatus } from "./messageStatus";
import type { RuleIssue } from "./templateRules";

/** The longest range one request may cover (a leap year). */
export const MAX_STATS_RANGE_DAYS = 366;
const DAY_MS = 86_400_000;

/** What is wrong with a range `[start, end)`, at `endDate`; undefined when it is fine. */
export function statsRangeIssue(start: Date, end: Date): RuleIssue | undefined {
  if (end.getTime() <= start.getTime()) {
    return { path: ["endDate"], message: "must be after startDate" };
  }
  if (end.getTime() - start.getTime() > MAX_STATS_RANGE_DAYS * DAY_MS) {
    return {
      path: ["endDate"],
      message: `must be at most ${MAX_STATS_RANGE_DAYS} days after startDate`,
    };
  }
  return undefined;
}

/**
 * Delivered messages over those whose delivery is settled either way (`delivered`,
 * `undelivered`, `failed`); 0 when there are none. `sent` is left out: its receipt may still
 * come.
 */
export function deliveryRate(byStatus: Partial<Record<MessageStatus, number>>): number {
  const delivered = byStatus.delivered ?? 0;
  const settled = delivered + (byStatus.undelivered ?? 0) + (byStatus.failed ?? 0);
  return settled === 0 ? 0 : delivered / settled;
}

/** Priced messages in one currency (`priceUnit`) and the sum of their `price`. */
export interface CurrencyTotal {
  currency: string;
  count: number;
  total: number;
  /** The part of `total` that is estimated (`priceEstimated`, SNS); 0 when not given. */
  estimated?: number;
}

/** The cost of a range. */
export interface SmsCost {
  total: number;
  /** ISO 4217 as the provider reports it (`USD`); null when no message of the range was priced. */
  currency: string | null;
  /**
   * How much of `total` is an estimate (SMS_PRICE_TABLE prices of SNS messages, which report
   * none), in the same currency; the rest is what the providers reported.
   */
  estimated: number;
  /** Only when the range has prices in more than one currency: the others, never added in. */
  otherCurrencies?: { currency: string; total: number; estimated: number }[];
}

/**
 * An amount of money without the noise of float sums: prices have at most 6 decimals (Twilio's
 * 5, an estimate's 6), and the noise is far below that.
 */
export const roundMoney = (value: number) => Math.round(value * 1e6) / 1e6;

/**
 * The currency most priced messages were billed in (ties: the first in `totals`); undefined
 * when none was priced. Amounts in other currencies are reported apart, never added in.
 */
export function mainCurrency<Total extends CurrencyTotal>(totals: Total[]): Total | undefined {
  const priced = totals.filter((entry) => entry.count > 0);
  if (priced.length === 0) return undefined;
  return priced.reduce((best, entry) => (entry.count > best.count ? entry : best));
}

/**
 * The cost in the currency most priced messages of the range were billed in (ties: the first
 * in `totals`). A Twilio account bills in one currency, so there is normally just one; amounts
 * in different currencies are never added together. With no priced message in the range, the
 * total is 0 and the currency null.
 */
export function summarizeCost(totals: CurrencyTotal[]): SmsCost {
  const main = mainCurrency(totals);
  if (!main) return { total: 0, currency: null, estimated: 0 };
  const priced = totals.filter((entry) => entry.count > 0);
  const cost: SmsCost = {
    total: roundMoney(main.total),
    currency: main.currency,
    estimated: roundMoney(main.estimated ?? 0),
  };
  const others = priced.filter((entry) => entry !== main);
  if (others.length > 0) {
    cost.otherCurrencies = others.map(({ currency, total, estimated }) => ({
      currency,
      total: roundMoney(total),
      estimated: roundMoney(estimated ?? 0),
    }));
  }
  return cost;
}

/** How one A/B variant of a template did (`getSmsStats` with a templateId, a campaign's status). */
export interface VariantStats {
  variant: string;
  /** The variant's weight now (its share of recipients from here on). */
  weight: number;
  /** Its messages, of every status. */
  total: number;
  /** Every status present, 0 when unused. */
  byStatus: Record<MessageStatus, number>;
  /** As {@link deliveryRate}, over this variant's messages. */
  deliveryRate: number;
  /** Opt-outs (STOP, free-text revocations) answering a message of this variant. */
  optOuts: number;
  /** DONE replies answering a message of this variant. */
  doneReplies: number;
}

/** The statistics of a variant from its counts: the total and delivery rate follow from them. */
export function variantStats(counts: {
  variant: string;
  weight: number;
  byStatus: Record<MessageStatus, number>;
  optOuts: number;
  doneReplies: number;
}): VariantStats {
  const { variant, weight, byStatus, optOuts, doneReplies } = counts;
  // Every message has exactly one status, so the counts by status add up to the total.
  const total = Object.values(byStatus).reduce((sum, count) => sum + count, 0);
  return {
    variant,
    weight,
    total,
    byStatus,
    deliveryRate: deliveryRate(byStatus),
    optOuts,
    doneReplies,
  };
}
