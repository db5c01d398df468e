/**
 * The arithmetic of `getCostReport`: the month or range it covers, which groups it asks
 * about, and how their figures make the report (the rest of the total in one `null` group,
 * so the groups always add up). Pure; the figures come from aggregation queries
 * (services/messages/costReport.ts).
 */
import { ALL_COUNTRIES } from "./countries";
import { roundMoney, type SmsCost } from "./smsStats";

/** What the cost report can break the total down by. */
export const COST_GROUPINGS = ["provider", "type", "campaign", "country"] as const;
export type CostGrouping = (typeof COST_GROUPINGS)[number];

/** `YYYY-MM`, months 01 to 12. */
export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A report's range, `[start, end)`. */
export interface ReportRange {
  start: Date;
  end: Date;
}

/**
 * The calendar month `YYYY-MM` in UTC, `[first day 00:00, first day of the next month)`:
 * monthly reports match the provider's invoices, which are in UTC.
 *
 * @throws RangeError when `month` is not `YYYY-MM` (the request schema checks it first).
 */
export function monthRange(month: string): ReportRange {
  const match = MONTH_PATTERN.exec(month);
  if (!match) throw new RangeError(`"${month}" is not a month (YYYY-MM)`);
  const year = Number(match[1]);
  const index = Number(match[2]) - 1;
  return { start: new Date(Date.UTC(year, index, 1)), end: new Date(Date.UTC(year, index + 1, 1)) };
}

/**
 * The range a request asks for: its `month`, or `[startDate, endDate)`.
 *
 * @throws RangeError without a month or both dates (the request schema refuses that first).
 */
export function requestedRange(request: {
  month?: string;
  startDate?: string;
  endDate?: string;
}): ReportRange {
  if (request.month !== undefined) return monthRange(request.month);
  if (request.startDate === undefined || request.endDate === undefined) {
    throw new RangeError("a cost report needs a month, or a startDate and an endDate");
  }
  return { start: new Date(request.startDate), end: new Date(request.endDate) };
}

/**
 * The countries the report by country asks about: the allowed destinations (unless every
 * country is allowed) and those the price table names. Messages to any other country, to an
 * email address, or queued before `country` was recorded fall in the `null` group.
 */
export function reportCountries(
  allowedCountries: readonly string[],
  pricedCountries: readonly string[],
): string[] {
  const allowed = allowedCountries.filter((code) => code !== ALL_COUNTRIES);
  return [...new Set([...allowed, ...pricedCountries].map((code) => code.toUpperCase()))].sort();
}

/** When a campaign ran: from its start until it completed or was cancelled (or until now). */
export interface CampaignSpan {
  startedAt: Date | null;
  completedAt: Date | null;
  cancelledAt: Date | null;
}

/**
 * Whether the campaign can have messages created in the range: it started before the range
 * ends and did not finish before the range starts (its messages are created in between).
 */
export function campaignOverlaps(campaign: CampaignSpan, range: ReportRange): boolean {
  if (!campaign.startedAt || campaign.startedAt >= range.end) return false;
  const finishedAt = campaign.completedAt ?? campaign.cancelledAt;
  return finishedAt === null || finishedAt >= range.start;
}

/** One group's figures, as queried: its messages, and the cost of those priced in `currency`. */
export interface GroupFigures {
  key: string;
  /** Messages of the group created in the range, priced or not. */
  count: number;
  /** Sum of their prices in the report's currency. */
  cost: number;
  /** The part of `cost` that is estimated. */
  estimated: number;
}

/** A group of the report; `key` null is every message of the range no other group holds. */
export interface CostGroup {
  key: string | null;
  count: number;
  cost: number;
  estimated: number;
}

/** The `getCostReport` response. */
export interface CostReport {
  /** The range, ISO 8601 in UTC: `[start, end)`. */
  start: string;
  end: string;
  groupBy: CostGrouping;
  /** The currency of every amount; null when no message of the range was priced. */
  currency: string | null;
  /** Messages created in the range. */
  count: number;
  /** Their cost in `currency`. */
  total: number;
  /** The part of `total` that is estimated (SNS, SMS_PRICE_TABLE). */
  estimated: number;
  /**
   * Groups with messages, costliest first, then the `null` group (what no named group holds);
   * together they add up to `count`, `total` and `estimated`.
   */
  groups: CostGroup[];
  /** Amounts priced in other currencies, never added in (as in getSmsStats). */
  otherCurrencies?: { currency: string; total: number; estimated: number }[];
  /** Only for `campaign`: more campaigns ran than one report looks at; the rest are in `null`. */
  truncated?: true;
}

function byCostThenCount(a: CostGroup, b: CostGroup): number {
  return b.cost - a.cost || b.count - a.count || String(a.key).localeCompare(String(b.key));
}

/**
 * The report from the range's totals and each group's figures: groups without messages are
 * left out, and what no group holds becomes the `null` group (a message without a provider
 * yet, not in a campaign, to an email address...), so the groups always add up to the total.
 */
export function buildCostReport(input: {
  range: ReportRange;
  groupBy: CostGrouping;
  count: number;
  cost: SmsCost;
  groups: readonly GroupFigures[];
  truncated?: boolean;
}): CostReport {
  const { range, groupBy, count, cost } = input;
  const groups: CostGroup[] = input.groups
    .filter((group) => group.count > 0)
    .map(({ key, count: groupCount, cost: groupCost, estimated }) => ({
      key,
      count: groupCount,
      cost: roundMoney(groupCost),
      estimated: roundMoney(estimated),
    }))
    .sort(byCostThenCount);
  const sum = (pick: (group: CostGroup) => number) =>
    groups.reduce((total, group) => total + pick(group), 0);
  const rest: CostGroup = {
    key: null,
    count: Math.max(0, count - sum((group) => group.count)),
    // Rounded, so float noise never shows as a sliver of cost in no group.
    cost: Math.max(0, roundMoney(cost.total - sum((group) => group.cost))),
    estimated: Math.max(0, roundMoney(cost.estimated - sum((group) => group.estimated))),
  };
  if (rest.count > 0 || rest.cost > 0) groups.push(rest);
  return {
    start: range.start.toISOString(),
    end: range.end.toISOString(),
    groupBy,
    currency: cost.currency,
    count,
    total: cost.total,
    estimated: cost.estimated,
    groups,
    ...(cost.otherCurrencies ? { otherCurrencies: cost.otherCurrencies } : {}),
    ...(input.truncated ? { truncated: true as const } : {}),
  };
}
