/**
 * Costs end to end through the web SDK: an SNS message recorded with an estimated price (the
 * real AWS SDK against the stand-in, after Twilio fails), `getCostReport` over messages seeded
 * in May 2018 (no other test writes messages dated then) by provider, type, campaign and
 * country, and the estimated share in `getSmsStats`. A campaign's cost and opt-outs:
 * campaignOutcome.test.ts.
 */
import { adminDb, waitForMessage } from "../support/emulators";
import { seedCampaign, seedMessages, snsUsd, usd, type Seed } from "../support/costs";
import { useWebClients } from "../support/lifecycle";
import { useProviderStandIns } from "../support/taskPipeline";
import { twilioError } from "../support/twilioStandIn";
import { anonymousClient } from "../support/webClient";
import type { CostGroup, CostGrouping, GetCostReportRequest } from "../../functions/api/types";

const { twilio, snsTo, twilioTo } = useProviderStandIns();
const { clients, as, signedIn } = useWebClients();
const admin = signedIn("cost-admin", "admin");

const MAY = { start: "2018-05-01T00:00:00.000Z", end: "2018-06-01T00:00:00.000Z" };

const IN_MAY: Seed[] = [
  { provider: "twilio", type: "task_created", country: "US", ...usd(0.0079) },
  { provider: "twilio", type: "task_created", country: "US", ...usd(0.0079) },
  {
    provider: "twilio",
    type: "campaign",
    campaignId: "cost-spring",
    country: "US",
    ...usd(0.0158),
  },
  {
    provider: "twilio",
    type: "campaign",
    campaignId: "cost-spring",
    country: "TR",
    ...usd(0.0505),
  },
  { type: "campaign", campaignId: "cost-spring", country: "TR", ...snsUsd(0.101) },
  { type: "campaign", campaignId: "cost-april", country: "US", ...snsUsd(0.00645) },
  { type: "reminder", country: "US", ...snsUsd(0.0129) },
  { provider: "twilio", type: "manual", country: "DE", ...usd(0.08) },
  { provider: "twilio", type: "manual", country: "US", price: 0.05, priceUnit: "EUR" },
  { provider: "console", type: "reminder", country: "US" },
  { provider: "email", type: "reminder", country: null },
  { provider: null, type: "task_overdue", country: "US", status: "suppressed" },
  {
    provider: "twilio",
    type: "daily_summary",
    country: "US",
    createdAt: MAY.start,
    ...usd(0.0079),
  },
];

const OUTSIDE_MAY: Seed[] = [
  {
    provider: "twilio",
    type: "campaign",
    campaignId: "cost-april",
    country: "US",
    ...usd(1),
    createdAt: "2018-04-30T23:59:59.999Z",
  },
  {
    provider: "twilio",
    type: "campaign",
    campaignId: "cost-june",
    country: "US",
    ...usd(1),
    createdAt: MAY.end,
  },
  { type: "manual", country: "TR", ...snsUsd(1), createdAt: "2018-06-15T00:00:00Z" },
];

const FIELD: Record<CostGrouping, "provider" | "type" | "campaignId" | "country"> = {
  provider: "provider",
  type: "type",
  campaign: "campaignId",
  country: "country",
};

/** The groups the report should have: the seeds of May summed by hand, per key (USD only). */
function expectedGroups(groupBy: CostGrouping, keys: readonly string[]) {
  const groups = new Map<string | null, { count: number; cost: number; estimated: number }>();
  for (const seed of IN_MAY) {
    const value = seed[FIELD[groupBy]] ?? null;
    const key = value !== null && keys.includes(value) ? value : null;
    const group = groups.get(key) ?? { count: 0, cost: 0, estimated: 0 };
    group.count += 1;
    if (seed.priceUnit === "USD") {
      group.cost += seed.price ?? 0;
      if (seed.estimated) group.estimated += seed.price ?? 0;
    }
    groups.set(key, group);
  }
  return groups;
}

function costReport(request: GetCostReportRequest) {
  return admin.api("getCostReport", request);
}

beforeAll(async () => {
  await seedCampaign("cost-spring", {
    startedAt: new Date("2018-05-10T09:00:00Z"),
    completedAt: new Date("2018-05-10T10:00:00Z"),
  });
  await seedCampaign("cost-april", {
    startedAt: new Date("2018-04-30T22:00:00Z"),
    completedAt: new Date("2018-05-01T02:00:00Z"),
  });
  await seedCampaign("cost-june", { startedAt: new Date(MAY.end), completedAt: null });
  await seedCampaign("cost-january", {
    startedAt: new Date("2018-01-02T00:00:00Z"),
    completedAt: new Date("2018-01-03T00:00:00Z"),
  });
  await seedMessages([...IN_MAY, ...OUTSIDE_MAY]);
});

describe("SNS prices", () => {
  it("records an SNS message with an estimated price: segments × the country's price", async () => {
    const phone = "+15555550150";
    twilio.respondWith((r) => (r.form.To === phone ? twilioError(500) : undefined));
    // 200 GSM-7 characters: two segments.
    const message = `Exam week: ${"revise chapter 3 ".repeat(12)}`.slice(0, 200);
    const { messageId } = await admin.api("sendSms", { phoneNumber: phone, message });

    const sent = await waitForMessage(messageId, (m) => m.status === "sent");
    expect(sent).toMatchObject({
      provider: "sns",
      segments: 2,
      // SMS_PRICE_TABLE is not set in the tests: the default US price, 0.00645 per segment.
      price: 0.0129,
      priceUnit: "USD",
      priceEstimated: true,
      country: "US",
    });
    expect(twilioTo(phone)).toHaveLength(1);
    expect(snsTo(phone)).toHaveLength(1);
  });

  it("leaves a Twilio message unmarked: its price is Twilio's to report", async () => {
    const phone = "+15555550151";
    const { messageId } = await admin.api("sendSms", { phoneNumber: phone, message: "Hi" });
    const sent = await waitForMessage(messageId, (m) => m.status === "sent");
    expect(sent).toMatchObject({ provider: "twilio", country: "US" });
    expect(sent.priceEstimated).toBeUndefined();
    expect(snsTo(phone)).toHaveLength(0);
  });
});

describe("getCostReport", () => {
  it("totals May 2018 in USD with the estimated part, other currencies apart", async () => {
    const report = await costReport({ month: "2018-05", groupBy: "provider" });
    expect(report).toMatchObject({
      start: MAY.start,
      end: MAY.end,
      groupBy: "provider",
      currency: "USD",
      count: IN_MAY.length,
      // 0.0079 × 3 + 0.0158 + 0.0505 + 0.08 + SNS 0.101 + 0.00645 + 0.0129
      total: 0.29035,
      estimated: 0.12035,
      otherCurrencies: [{ currency: "EUR", total: 0.05, estimated: 0 }],
    });
  });

  const KEYS: Record<CostGrouping, readonly string[]> = {
    provider: ["twilio", "sns", "console", "email"],
    type: ["task_created", "campaign", "reminder", "manual", "task_overdue", "daily_summary"],
    // cost-january finished before May; cost-june started after it.
    campaign: ["cost-spring", "cost-april"],
    // SMS_ALLOWED_COUNTRIES is empty in the tests (US and TR), as is SMS_PRICE_TABLE (US, TR).
    country: ["US", "TR"],
  };

  it.each<CostGrouping>(["provider", "type", "campaign", "country"])(
    "by %s: each group's count and cost are the sums of its seeded messages",
    async (groupBy) => {
      const report = await costReport({ month: "2018-05", groupBy });
      const expected = expectedGroups(groupBy, KEYS[groupBy]);
      expect(report.groups.map((g: CostGroup) => g.key).sort()).toEqual(
        [...expected.keys()].sort(),
      );
      for (const group of report.groups) {
        const want = expected.get(group.key);
        expect({ key: group.key, count: group.count }).toEqual({
          key: group.key,
          count: want?.count,
        });
        expect(group.cost).toBeCloseTo(want?.cost ?? NaN, 9);
        expect(group.estimated).toBeCloseTo(want?.estimated ?? NaN, 9);
      }
    },
  );

  it("by campaign: names the campaigns of May; their messages outside May do not count", async () => {
    const report = await costReport({
      startDate: "2018-05-01T00:00:00Z",
      endDate: "2018-06-01T03:00:00+03:00",
      groupBy: "campaign",
    });
    expect(report.groups.slice(0, 2)).toEqual([
      { key: "cost-spring", count: 3, cost: 0.1673, estimated: 0.101 },
      { key: "cost-april", count: 1, cost: 0.00645, estimated: 0.00645 },
    ]);
  });

  it("answers zeros for a month without messages", async () => {
    const report = await costReport({ month: "2017-02", groupBy: "type" });
    expect(report).toEqual({
      start: "2017-02-01T00:00:00.000Z",
      end: "2017-03-01T00:00:00.000Z",
      groupBy: "type",
      currency: null,
      count: 0,
      total: 0,
      estimated: 0,
      groups: [],
    });
  });

  it("refuses callers who are not signed in, or are not admins", async () => {
    const request = { month: "2018-05", groupBy: "provider" } as const;
    const anonymous = anonymousClient();
    clients.push(anonymous);
    await expect(anonymous.api("getCostReport", request)).rejects.toMatchObject({
      code: "functions/unauthenticated",
    });
    for (const [uid, role] of [
      ["cost-partner", "partner"],
      ["cost-student", "student"],
      ["cost-norole", undefined],
    ] as const) {
      const caller = await as(uid, role);
      await expect(caller.api("getCostReport", request)).rejects.toMatchObject({
        code: "functions/permission-denied",
      });
    }
  });

  const MALFORMED: [string, unknown, string][] = [
    ["no fields", {}, "groupBy"],
    ["no range", { groupBy: "type" }, "month"],
    ["month 13", { month: "2018-13", groupBy: "type" }, "month"],
    ["a month with a day", { month: "2018-05-01", groupBy: "type" }, "month"],
    [
      "a month and dates",
      { month: "2018-05", startDate: MAY.start, endDate: MAY.end, groupBy: "type" },
      "month",
    ],
    ["a start without an end", { startDate: MAY.start, groupBy: "type" }, "endDate"],
    [
      "an end before the start",
      { startDate: MAY.end, endDate: MAY.start, groupBy: "type" },
      "endDate",
    ],
    [
      "a date without a zone",
      { startDate: "2018-05-01T00:00:00", endDate: MAY.end, groupBy: "type" },
      "startDate",
    ],
    [
      "367 days",
      { startDate: "2018-01-01T00:00:00Z", endDate: "2019-01-03T00:00:00Z", groupBy: "type" },
      "endDate",
    ],
    ["an unknown grouping", { month: "2018-05", groupBy: "user" }, "groupBy"],
    ["an extra field", { month: "2018-05", groupBy: "type", currency: "EUR" }, ""],
    ["a string instead of an object", "2018-05", ""],
  ];

  it.each(MALFORMED)(
    "answers invalid-argument to %s, and writes nothing",
    async (_name, request, path) => {
      const before = (await adminDb().collection("sms_messages").count().get()).data().count;
      const error = (await admin.call("getCostReport", request).catch((e: unknown) => e)) as {
        code: string;
        details?: { issues?: { path: string }[] };
      };
      expect(error).toMatchObject({ code: "functions/invalid-argument" });
      expect(error.details?.issues?.map((issue) => issue.path)).toContain(path);
      expect((await adminDb().collection("sms_messages").count().get()).data().count).toBe(before);
    },
  );
});

describe("getSmsStats", () => {
  it("says how much of the cost is estimated", async () => {
    const stats = await admin.api("getSmsStats", { startDate: MAY.start, endDate: MAY.end });
    expect(stats.cost).toEqual({
      total: 0.29035,
      currency: "USD",
      estimated: 0.12035,
      otherCurrencies: [{ currency: "EUR", total: 0.05, estimated: 0 }],
    });
  });
});
