import {
  buildCostReport,
  campaignOverlaps,
  monthRange,
  reportCountries,
  requestedRange,
  type GroupFigures,
} from "../../../functions/domain/costReport";

const at = (iso: string) => new Date(iso);
const MARCH = { start: at("2026-03-01T00:00:00Z"), end: at("2026-04-01T00:00:00Z") };

describe("monthRange", () => {
  it("is the calendar month in UTC, up to the first instant of the next", () => {
    expect(monthRange("2026-03")).toEqual(MARCH);
  });

  it("rolls December over into January, and knows leap years", () => {
    expect(monthRange("2025-12")).toEqual({
      start: at("2025-12-01T00:00:00Z"),
      end: at("2026-01-01T00:00:00Z"),
    });
    expect(monthRange("2028-02").end).toEqual(at("2028-03-01T00:00:00Z"));
    expect(monthRange("2028-02").end.getTime() - monthRange("2028-02").start.getTime()).toBe(
      29 * 86_400_000,
    );
  });

  it.each(["2026-13", "2026-00", "2026-3", "26-03", "2026-03-01", "", "March"])(
    "refuses %p",
    (month) => expect(() => monthRange(month)).toThrow(RangeError),
  );
});

describe("requestedRange", () => {
  it("takes the month, or the two dates", () => {
    expect(requestedRange({ month: "2026-03" })).toEqual(MARCH);
    expect(
      requestedRange({ startDate: "2026-03-01T00:00:00Z", endDate: "2026-04-01T03:00:00+03:00" }),
    ).toEqual(MARCH);
  });

  it("throws without either (the schema refuses such a request first)", () => {
    expect(() => requestedRange({ startDate: "2026-03-01T00:00:00Z" })).toThrow(RangeError);
    expect(() => requestedRange({})).toThrow(RangeError);
  });
});

describe("reportCountries", () => {
  it("asks about the allowed countries and the priced ones, once each, in order", () => {
    expect(reportCountries(["US", "TR"], ["TR", "US"])).toEqual(["TR", "US"]);
    expect(reportCountries(["US", "DE"], ["TR", "US"])).toEqual(["DE", "TR", "US"]);
  });

  it("asks about the priced countries alone when every country is allowed", () => {
    expect(reportCountries(["*"], ["US", "TR", "GB"])).toEqual(["GB", "TR", "US"]);
  });
});

describe("campaignOverlaps", () => {
  const span = (startedAt: string | null, completedAt: string | null, cancelledAt?: string) => ({
    startedAt: startedAt ? at(startedAt) : null,
    completedAt: completedAt ? at(completedAt) : null,
    cancelledAt: cancelledAt ? at(cancelledAt) : null,
  });

  it("keeps a campaign that ran during the range, or still runs", () => {
    expect(campaignOverlaps(span("2026-03-10T00:00:00Z", "2026-03-10T01:00:00Z"), MARCH)).toBe(
      true,
    );
    expect(campaignOverlaps(span("2026-02-27T00:00:00Z", "2026-03-01T00:00:00Z"), MARCH)).toBe(
      true,
    );
    expect(campaignOverlaps(span("2026-01-10T00:00:00Z", null), MARCH)).toBe(true);
  });

  it("drops one never started, started after the range, or finished before it", () => {
    expect(campaignOverlaps(span(null, null), MARCH)).toBe(false);
    expect(campaignOverlaps(span("2026-04-01T00:00:00Z", null), MARCH)).toBe(false);
    expect(campaignOverlaps(span("2026-02-01T00:00:00Z", "2026-02-28T23:59:59Z"), MARCH)).toBe(
      false,
    );
    expect(
      campaignOverlaps(span("2026-02-01T00:00:00Z", null, "2026-02-02T00:00:00Z"), MARCH),
    ).toBe(false);
  });
});

describe("buildCostReport", () => {
  const cost = { total: 1.25, currency: "USD", estimated: 0.3 };
  const group = (key: string, count: number, groupCost: number, estimated = 0): GroupFigures => ({
    key,
    count,
    cost: groupCost,
    estimated,
  });

  it("lists the groups with messages, costliest first, and the rest as a null group", () => {
    const report = buildCostReport({
      range: MARCH,
      groupBy: "provider",
      count: 10,
      cost,
      groups: [
        group("console", 1, 0),
        group("twilio", 4, 0.75),
        group("email", 0, 0),
        group("sns", 3, 0.5, 0.3),
      ],
    });
    expect(report).toEqual({
      start: "2026-03-01T00:00:00.000Z",
      end: "2026-04-01T00:00:00.000Z",
      groupBy: "provider",
      currency: "USD",
      count: 10,
      total: 1.25,
      estimated: 0.3,
      groups: [
        { key: "twilio", count: 4, cost: 0.75, estimated: 0 },
        { key: "sns", count: 3, cost: 0.5, estimated: 0.3 },
        { key: "console", count: 1, cost: 0, estimated: 0 },
        { key: null, count: 2, cost: 0, estimated: 0 },
      ],
    });
  });

  it("puts cost no group holds in the null group, so the groups add up", () => {
    const report = buildCostReport({
      range: MARCH,
      groupBy: "campaign",
      count: 5,
      cost,
      groups: [group("spring", 2, 0.25, 0.1)],
    });
    // Last, however much it holds: it is what the named groups leave over.
    expect(report.groups).toEqual([
      { key: "spring", count: 2, cost: 0.25, estimated: 0.1 },
      { key: null, count: 3, cost: 1, estimated: 0.2 },
    ]);
    const sum = (pick: (g: (typeof report.groups)[number]) => number) =>
      report.groups.reduce((total, g) => total + pick(g), 0);
    expect(sum((g) => g.count)).toBe(report.count);
    expect(sum((g) => g.cost)).toBeCloseTo(report.total, 9);
    expect(sum((g) => g.estimated)).toBeCloseTo(report.estimated, 9);
  });

  it("shows no null group for float noise, and rounds each group's amounts", () => {
    const report = buildCostReport({
      range: MARCH,
      groupBy: "type",
      count: 3,
      cost: { total: 0.3, currency: "USD", estimated: 0 },
      groups: [group("manual", 2, 0.1 + 0.1), group("campaign", 1, 0.1)],
    });
    expect(report.groups.map((g) => [g.key, g.cost])).toEqual([
      ["manual", 0.2],
      ["campaign", 0.1],
    ]);
  });

  it("has no currency and no groups for a range without messages", () => {
    const report = buildCostReport({
      range: MARCH,
      groupBy: "country",
      count: 0,
      cost: { total: 0, currency: null, estimated: 0 },
      groups: [group("US", 0, 0), group("TR", 0, 0)],
    });
    expect(report).toMatchObject({ currency: null, count: 0, total: 0, estimated: 0, groups: [] });
  });

  it("passes other currencies through, and says when the campaigns were capped", () => {
    const otherCurrencies = [{ currency: "EUR", total: 2, estimated: 0 }];
    const report = buildCostReport({
      range: MARCH,
      groupBy: "campaign",
      count: 1,
      cost: { ...cost, otherCurrencies },
      groups: [],
      truncated: true,
    });
    expect(report).toMatchObject({ otherCurrencies, truncated: true });
    expect(
      buildCostReport({ range: MARCH, groupBy: "type", count: 0, cost, groups: [] }),
    ).not.toHaveProperty("truncated");
  });
});
