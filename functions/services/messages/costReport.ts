/**
 * `getCostReport`: what the messages created in a month (or range) cost, broken down by
 * provider, type, campaign or destination country, from aggregation queries only (./cost):
 * per group one count() and, for groups with messages, two sum("price") queries (all prices,
 * estimated prices) in the main currency. Reads no message; reads a few index entries for the
 * currencies and, by campaign, at most {@link MAX_REPORT_CAMPAIGNS} campaign documents.
 */
import type { CountedField } from "../../data/messageStats";
import {
  buildCostReport,
  campaignOverlaps,
  reportCountries,
  type CampaignSpan,
  type CostGrouping,
  type CostReport,
  type GroupFigures,
  type ReportRange,
} from "../../domain/costReport";
import { DEFAULT_PRICE_TABLE, pricedCountries } from "../../domain/pricing";
import { mainCurrency, summarizeCost } from "../../domain/smsStats";
import { MESSAGE_TYPES } from "../../domain/templateRules";
import type { MessageRecord } from "../../data/messages";
import type { Settings } from "../../params";
import {
  currencyTotals,
  firestoreCostReader,
  MAX_CURRENCIES,
  type CostReader,
  type MessageScope,
} from "./cost";

export type { CostReport } from "../../domain/costReport";

/** The most campaigns one report looks at; messages of the others count in the `null` group. */
export const MAX_REPORT_CAMPAIGNS = 100;

// A Record over the union makes the compiler insist on every provider, and on no other.
const PROVIDERS: Record<NonNullable<MessageRecord["provider"]>, true> = {
  twilio: true,
  sns: true,
  console: true,
  email: true,
};

/** The message field each grouping reads. */
const GROUP_FIELDS: Record<CostGrouping, CountedField> = {
  provider: "provider",
  type: "type",
  campaign: "campaignId",
  country: "country",
};

/** Campaigns started before a date, latest first (data/campaignReports). */
export type CampaignLister = (
  before: Date,
  limit: number,
) => Promise<(CampaignSpan & { campaignId: string })[]>;

export interface CostReportDeps {
  settings: Pick<Settings, "allowedCountries" | "smsPriceTable">;
  reader?: CostReader;
  campaigns?: CampaignLister;
}

const firestoreCampaigns: CampaignLister = async (before, limit) =>
  (await import("../../data/campaignReports")).campaignsStartedBefore(before, limit);

/**
 * The campaigns that can have messages in the range: those started before it ends, latest
 * first, kept when they had not finished before it started. `truncated` when the cap was hit.
 */
async function campaignKeys(
  range: ReportRange,
  list: CampaignLister,
): Promise<{ keys: string[]; truncated: boolean }> {
  const started = await list(range.end, MAX_REPORT_CAMPAIGNS);
  return {
    keys: started.filter((span) => campaignOverlaps(span, range)).map((span) => span.campaignId),
    truncated: started.length >= MAX_REPORT_CAMPAIGNS,
  };
}

/** The values of the grouping's field the report asks about. */
async function groupKeys(
  groupBy: CostGrouping,
  range: ReportRange,
  deps: CostReportDeps,
): Promise<{ keys: readonly string[]; truncated: boolean }> {
  switch (groupBy) {
    case "provider":
      return { keys: Object.keys(PROVIDERS), truncated: false };
    case "type":
      return { keys: MESSAGE_TYPES, truncated: false };
    case "country": {
      const table = deps.settings.smsPriceTable ?? DEFAULT_PRICE_TABLE;
      const keys = reportCountries(deps.settings.allowedCountries, pricedCountries(table));
      return { keys, truncated: false };
    }
    case "campaign":
      return campaignKeys(range, deps.campaigns ?? firestoreCampaigns);
  }
}

/** The report of `[range.start, range.end)` by `groupBy`. */
export async function costReport(
  range: ReportRange,
  groupBy: CostGrouping,
  deps: CostReportDeps,
): Promise<CostReport> {
  const reader = deps.reader ?? firestoreCostReader;
  const field = GROUP_FIELDS[groupBy];
  const scope = (value?: string): MessageScope =>
    value === undefined ? { range } : { range, where: { field, value } };

  const countGroups = async () => {
    const { keys, truncated } = await groupKeys(groupBy, range, deps);
    return {
      keys,
      truncated,
      counts: await Promise.all(keys.map((key) => reader.count(scope(key)))),
    };
  };
  const [count, totals, { keys, truncated, counts }] = await Promise.all([
    reader.count(scope()),
    reader.currencies(MAX_CURRENCIES).then((found) => currencyTotals(scope(), found, reader)),
    countGroups(),
  ]);
  const currency = mainCurrency(totals)?.currency;
  // Only groups with messages can cost anything: the sums are asked of those alone.
  const groups: GroupFigures[] = await Promise.all(
    keys.map(async (key, i): Promise<GroupFigures> => {
      if (counts[i] === 0 || currency === undefined) {
        return { key, count: counts[i], cost: 0, estimated: 0 };
      }
      const [priced, estimated] = await Promise.all([
        reader.priced(scope(key), currency),
        reader.estimated(scope(key), currency),
      ]);
      return { key, count: counts[i], cost: priced.total, estimated: estimated.total };
    }),
  );
  return buildCostReport({
    range,
    groupBy,
    count,
    cost: summarizeCost(totals),
    groups,
    truncated,
  });
}
