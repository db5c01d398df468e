import {
  costReport,
  MAX_REPORT_CAMPAIGNS,
  type CampaignLister,
} from "../../../../functions/services/messages/costReport";
import { monthRange, type CostGrouping } from "../../../../functions/domain/costReport";
import { DEFAULT_PRICE_TABLE } from "../../../../functions/domain/pricing";
import { MemoryCostReader, type CostRow } from "../../fakes/memoryCostReader";

const MARCH = monthRange("2026-03");
const MID = new Date("2026-03-15T12:00:00Z");
const settings = { allowedCountries: ["US", "TR"], smsPriceTable: DEFAULT_PRICE_TABLE };

const row = (fields: Partial<CostRow>): CostRow => ({
  createdAt: MID,
  provider: "twilio",
  type: "manual",
  campaignId: null,
  country: "US",
  price: null,
  priceUnit: null,
  ...fields,
});
const usd = (price: number) => ({ price, priceUnit: "USD" });
const sns = (price: number) => ({
  provider: "sns",
  price,
  priceUnit: "USD",
  priceEstimated: true as const,
});

const ROWS: CostRow[] = [
  row({ ...usd(0.0079), type: "task_created" }),
  row({ ...usd(0.0158), type: "campaign", campaignId: "spring" }),
  row({ ...usd(0.0079), type: "campaign", campaignId: "spring", country: "TR" }),
  row({ ...sns(0.101), type: "campaign", campaignId: "autumn", country: "TR" }),
  row({ ...sns(0.00645), type: "reminder" }),
  row({ provider: "console", type: "reminder" }),
  row({ provider: "email", type: "reminder", country: null }),
  row({ provider: null, type: "task_overdue", status: "suppressed" }),
  row({ ...usd(0.05), country: "DE" }),
  row({ price: 0.9, priceUnit: "EUR" }),
  // Outside March: never counted.
  row({ ...usd(5), createdAt: new Date("2026-02-28T23:59:59.999Z"), campaignId: "spring" }),
  row({ ...usd(5), createdAt: new Date("2026-04-01T00:00:00Z"), country: "TR" }),
];

let reader: MemoryCostReader;
const campaigns: CampaignLister = async () => [
  { campaignId: "autumn", startedAt: MID, completedAt: null, cancelledAt: null },
  {
    campaignId: "spring",
    startedAt: new Date("2026-03-02T00:00:00Z"),
    completedAt: MID,
    cancelledAt: null,
  },
  // Finished before March: never asked about.
  {
    campaignId: "winter",
    startedAt: new Date("2026-01-02T00:00:00Z"),
    completedAt: new Date("2026-01-03T00:00:00Z"),
    cancelledAt: null,
  },
];

beforeEach(() => {
  reader = new MemoryCostReader();
  reader.rows.push(...ROWS);
});

const report = (groupBy: CostGrouping, lister = campaigns) =>
  costReport(MARCH, groupBy, { settings, reader, campaigns: lister });

const byKey = (groups: { key: string | null }[]) =>
  Object.fromEntries(groups.map(({ key, ...figures }) => [String(key), figures]));

describe("costReport", () => {
  it("totals March in the main currency, with the estimated part and the others apart", async () => {
    expect(await report("provider")).toMatchObject({
      start: "2026-03-01T00:00:00.000Z",
      end: "2026-04-01T00:00:00.000Z",
      groupBy: "provider",
      currency: "USD",
      count: 10,
      total: 0.18905,
      estimated: 0.10745,
      otherCurrencies: [{ currency: "EUR", total: 0.9, estimated: 0 }],
    });
  });

  it("by provider: each provider's messages and cost, the unsent in the null group", async () => {
    expect(byKey((await report("provider")).groups)).toEqual({
      twilio: { count: 5, cost: 0.0816, estimated: 0 },
      sns: { count: 2, cost: 0.10745, estimated: 0.10745 },
      console: { count: 1, cost: 0, estimated: 0 },
      email: { count: 1, cost: 0, estimated: 0 },
      null: { count: 1, cost: 0, estimated: 0 },
    });
  });

  it("by type: only the types with messages", async () => {
    expect(byKey((await report("type")).groups)).toEqual({
      campaign: { count: 3, cost: 0.1247, estimated: 0.101 },
      manual: { count: 2, cost: 0.05, estimated: 0 },
      reminder: { count: 3, cost: 0.00645, estimated: 0.00645 },
      task_created: { count: 1, cost: 0.0079, estimated: 0 },
      task_overdue: { count: 1, cost: 0, estimated: 0 },
    });
  });

  it("by campaign: the campaigns that ran in March, the rest in the null group", async () => {
    const { groups } = await report("campaign");
    expect(groups).toEqual([
      { key: "autumn", count: 1, cost: 0.101, estimated: 0.101 },
      { key: "spring", count: 2, cost: 0.0237, estimated: 0 },
      { key: null, count: 7, cost: 0.06435, estimated: 0.00645 },
    ]);
  });

  it("by country: the allowed and priced countries; others and email in the null group", async () => {
    expect(byKey((await report("country")).groups)).toEqual({
      US: { count: 6, cost: 0.03015, estimated: 0.00645 },
      TR: { count: 2, cost: 0.1089, estimated: 0.101 },
      null: { count: 2, cost: 0.05, estimated: 0 },
    });
  });

  it.each<CostGrouping>(["provider", "type", "campaign", "country"])(
    "by %s, the groups add up to the totals",
    async (groupBy) => {
      const result = await report(groupBy);
      const sum = (pick: (g: (typeof result.groups)[number]) => number) =>
        result.groups.reduce((total, g) => total + pick(g), 0);
      expect(sum((g) => g.count)).toBe(result.count);
      expect(sum((g) => g.cost)).toBeCloseTo(result.total, 9);
      expect(sum((g) => g.estimated)).toBeCloseTo(result.estimated, 9);
    },
  );

  it("asks for sums only of groups with messages, never reading a message", async () => {
    await report("type");
    // 1 total + 18 types counted; 5 types with messages and the total summed, 2 currencies.
    expect(reader.asked.count).toBe(19);
    expect(reader.asked.priced).toBe(5 + 2);
    expect(reader.asked.estimated).toBe(5 + 2);
  });

  it("answers zeros without a currency for a month without messages", async () => {
    const empty = await costReport(monthRange("2019-01"), "provider", {
      settings,
      reader,
      campaigns,
    });
    expect(empty).toMatchObject({ count: 0, total: 0, estimated: 0, groups: [] });
    // EUR and USD exist elsewhere in time, but not in this month.
    expect(empty.currency).toBeNull();
  });

  it("says when there were more campaigns than one report looks at", async () => {
    const many: CampaignLister = async (_before, limit) =>
      Array.from({ length: limit }, (_, i) => ({
        campaignId: `c${i}`,
        startedAt: MID,
        completedAt: null,
        cancelledAt: null,
      }));
    const result = await report("campaign", many);
    expect(result.truncated).toBe(true);
    expect(reader.asked.count).toBe(1 + MAX_REPORT_CAMPAIGNS);
    // None of these campaigns has a message: everything is in the null group.
    expect(result.groups).toEqual([{ key: null, count: 10, cost: 0.18905, estimated: 0.10745 }]);
  });
});
