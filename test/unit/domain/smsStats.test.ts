import {
  deliveryRate,
  mainCurrency,
  MAX_STATS_RANGE_DAYS,
  statsRangeIssue,
  summarizeCost,
} from "../../../functions/domain/smsStats";

const at = (iso: string) => new Date(iso);

describe("statsRangeIssue", () => {
  it("accepts a range up to 366 days", () => {
    expect(MAX_STATS_RANGE_DAYS).toBe(366);
    expect(statsRangeIssue(at("2024-01-01T00:00:00Z"), at("2024-01-01T00:00:00.001Z"))).toBe(
      undefined,
    );
    expect(statsRangeIssue(at("2024-01-01T00:00:00Z"), at("2025-01-01T00:00:00Z"))).toBe(undefined);
  });

  it("refuses an end at or before the start", () => {
    const issue = { path: ["endDate"], message: "must be after startDate" };
    expect(statsRangeIssue(at("2024-01-02T00:00:00Z"), at("2024-01-02T00:00:00Z"))).toEqual(issue);
    expect(statsRangeIssue(at("2024-01-02T00:00:00Z"), at("2024-01-01T00:00:00Z"))).toEqual(issue);
  });

  it("refuses more than 366 days, by a millisecond", () => {
    expect(statsRangeIssue(at("2024-01-01T00:00:00Z"), at("2025-01-01T00:00:00.001Z"))).toEqual({
      path: ["endDate"],
      message: "must be at most 366 days after startDate",
    });
  });
});

describe("deliveryRate", () => {
  it("is delivered over delivered, undelivered and failed; sent is not settled", () => {
    expect(deliveryRate({ delivered: 3, undelivered: 1, failed: 1, sent: 10 })).toBe(0.6);
  });

  it("is 0 when nothing is settled", () => {
    expect(deliveryRate({})).toBe(0);
    expect(deliveryRate({ sent: 4, queued: 2 })).toBe(0);
  });

  it("is 1 when everything settled arrived", () => {
    expect(deliveryRate({ delivered: 2 })).toBe(1);
  });
});

describe("summarizeCost", () => {
  it("has no currency when no message was ever priced", () => {
    expect(summarizeCost([])).toEqual({ total: 0, currency: null, estimated: 0 });
  });

  it("has no currency when no message of the range was priced", () => {
    expect(summarizeCost([{ currency: "USD", count: 0, total: 0 }])).toEqual({
      total: 0,
      currency: null,
      estimated: 0,
    });
  });

  it("rounds away floating-point noise", () => {
    expect(summarizeCost([{ currency: "USD", count: 2, total: 0.1 + 0.2 }])).toEqual({
      total: 0.3,
      currency: "USD",
      estimated: 0,
    });
  });

  it("never adds currencies: the main one is the total, the others are listed apart", () => {
    expect(
      summarizeCost([
        { currency: "EUR", count: 1, total: 0.5 },
        { currency: "TRY", count: 0, total: 0 },
        { currency: "USD", count: 3, total: 0.0237 },
      ]),
    ).toEqual({
      total: 0.0237,
      currency: "USD",
      estimated: 0,
      otherCurrencies: [{ currency: "EUR", total: 0.5, estimated: 0 }],
    });
  });

  it("breaks a tie in favour of the first currency", () => {
    expect(
      summarizeCost([
        { currency: "EUR", count: 1, total: 1 },
        { currency: "USD", count: 1, total: 2 },
      ]),
    ).toMatchObject({ currency: "EUR", total: 1 });
  });

  it("says how much of each currency's total is estimated", () => {
    expect(
      summarizeCost([
        { currency: "USD", count: 3, total: 0.0079 + 0.0505 + 0.0505, estimated: 0.0505 * 2 },
        { currency: "EUR", count: 1, total: 0.07, estimated: 0.07 },
      ]),
    ).toEqual({
      total: 0.1089,
      currency: "USD",
      estimated: 0.101,
      otherCurrencies: [{ currency: "EUR", total: 0.07, estimated: 0.07 }],
    });
  });
});

describe("mainCurrency", () => {
  it("is the currency with the most priced messages, none when nothing was priced", () => {
    const usd = { currency: "USD", count: 5, total: 1 };
    expect(mainCurrency([{ currency: "EUR", count: 2, total: 9 }, usd])).toBe(usd);
    expect(mainCurrency([{ currency: "EUR", count: 0, total: 0 }])).toBeUndefined();
    expect(mainCurrency([])).toBeUndefined();
  });
});
