/** Which alerts fire from the monitor's counts, their once-per-period keys, and the params. */
import {
  alertsFor,
  MIN_MESSAGES_FOR_RATE,
  parseBudget,
  parseShare,
  startOfUtcDay,
  type AlertThresholds,
  type MonitorReadings,
} from "../../../functions/domain/alerts";

const NOW = new Date("2026-03-01T10:45:00Z");

const thresholds: AlertThresholds = {
  failureRate: 0.2,
  dailyBudget: { amount: 50, currency: "USD" },
  stuckMessages: 1,
};

const quiet: MonitorReadings = {
  lastHour: { outcomes: 100, failed: 5 },
  spendToday: 12.5,
  stuck: { pending: 0, sending: 0 },
  incompleteRuns: [],
};

const events = (readings: Partial<MonitorReadings>, t = thresholds) =>
  alertsFor({ ...quiet, ...readings }, t, NOW).map((alert) => alert.event);

describe("alertsFor", () => {
  it("raises nothing when every reading is within its threshold", () => {
    expect(alertsFor(quiet, thresholds, NOW)).toEqual([]);
  });

  it("raises the failure rate above the threshold, keyed on the UTC hour", () => {
    const [alert] = alertsFor(
      { ...quiet, lastHour: { outcomes: 100, failed: 21 } },
      thresholds,
      NOW,
    );
    expect(alert).toEqual({
      event: "sms_failure_rate_high",
      key: "sms_failure_rate_high_2026-03-01T10",
      fields: { failed: 21, outcomes: 100, rate: 0.21, threshold: 0.2 },
    });
  });

  it("does not raise a rate exactly at the threshold, nor one over too few messages", () => {
    expect(events({ lastHour: { outcomes: 100, failed: 20 } })).toEqual([]);
    const few = MIN_MESSAGES_FOR_RATE - 1;
    expect(events({ lastHour: { outcomes: few, failed: few } })).toEqual([]);
    expect(events({ lastHour: { outcomes: 0, failed: 0 } })).toEqual([]);
  });

  it("raises the rate over exactly the minimum of messages", () => {
    const min = MIN_MESSAGES_FOR_RATE;
    expect(events({ lastHour: { outcomes: min, failed: min } })).toEqual(["sms_failure_rate_high"]);
  });

  it("raises no rate alert when the threshold is off", () => {
    const off = { ...thresholds, failureRate: null };
    expect(events({ lastHour: { outcomes: 100, failed: 100 } }, off)).toEqual([]);
  });

  it("raises the budget once per UTC day when today's spend is over it", () => {
    const [alert] = alertsFor({ ...quiet, spendToday: 50.01 }, thresholds, NOW);
    expect(alert).toMatchObject({
      event: "sms_daily_budget_exceeded",
      key: "sms_daily_budget_exceeded_2026-03-01",
      fields: { spend: 50.01, budget: 50, currency: "USD", day: "2026-03-01" },
    });
    expect(events({ spendToday: 50 })).toEqual([]);
    expect(events({ spendToday: 500 }, { ...thresholds, dailyBudget: null })).toEqual([]);
  });

  it("raises stuck messages at the threshold, counting pending and sending together", () => {
    const [alert] = alertsFor(
      { ...quiet, stuck: { pending: 2, sending: 1 } },
      {
        ...thresholds,
        stuckMessages: 3,
      },
      NOW,
    );
    expect(alert).toMatchObject({
      event: "sms_messages_stuck",
      key: "sms_messages_stuck_2026-03-01T10",
      fields: { pending: 2, sending: 1, stuck: 3, threshold: 3 },
    });
    expect(
      events({ stuck: { pending: 1, sending: 1 } }, { ...thresholds, stuckMessages: 3 }),
    ).toEqual([]);
    expect(
      events({ stuck: { pending: 9, sending: 0 } }, { ...thresholds, stuckMessages: 0 }),
    ).toEqual([]);
  });

  it("raises each incomplete run once, keyed on the run", () => {
    const scheduleTime = new Date("2026-03-01T08:00:00Z");
    const alerts = alertsFor(
      {
        ...quiet,
        incompleteRuns: [
          { runId: "overdue_2026-03-01T08:00:00.000Z", job: "overdue", scheduleTime, reason: "r" },
        ],
      },
      thresholds,
      NOW,
    );
    expect(alerts).toEqual([
      {
        event: "sms_job_incomplete",
        key: "sms_job_incomplete_overdue_2026-03-01T08:00:00.000Z",
        fields: {
          runId: "overdue_2026-03-01T08:00:00.000Z",
          job: "overdue",
          scheduleTime: "2026-03-01T08:00:00.000Z",
          reason: "r",
        },
      },
    ]);
  });

  it("gives a rerun in the same period the same keys, and the next hour new ones", () => {
    const loud: MonitorReadings = {
      ...quiet,
      lastHour: { outcomes: 50, failed: 40 },
      spendToday: 99,
    };
    const keys = (at: Date) => alertsFor(loud, thresholds, at).map((a) => a.key);
    expect(keys(new Date("2026-03-01T10:59:59Z"))).toEqual(keys(NOW));
    expect(keys(new Date("2026-03-01T11:00:00Z"))[0]).toBe("sms_failure_rate_high_2026-03-01T11");
    // The budget is per day: the same key all day.
    expect(keys(new Date("2026-03-01T23:00:00Z"))[1]).toBe(keys(NOW)[1]);
  });
});

describe("parseShare", () => {
  it.each([
    ["0.2", 0.2],
    ["20%", 0.2],
    [" 5 % ", 0.05],
    ["1", 1],
    ["100%", 1],
  ])("reads %j as %d", (text, share) => {
    expect(parseShare(text)).toBeCloseTo(share);
  });

  it.each(["", "  ", "0", "0%"])("reads %j as off", (text) => {
    expect(parseShare(text)).toBeNull();
  });

  it.each(["abc", "-0.1", "1.5", "150%", "0.2.3", "%"])("refuses %j", (text) => {
    expect(parseShare(text)).toBe("invalid");
  });
});

describe("parseBudget", () => {
  it("reads an amount in USD, or with its currency", () => {
    expect(parseBudget("50")).toEqual({ amount: 50, currency: "USD" });
    expect(parseBudget(" 40.5 eur ")).toEqual({ amount: 40.5, currency: "EUR" });
    expect(parseBudget("12TRY")).toEqual({ amount: 12, currency: "TRY" });
  });

  it("reads empty and 0 as no budget, and refuses the rest", () => {
    expect(parseBudget("")).toBeNull();
    expect(parseBudget("0")).toBeNull();
    for (const bad of ["-5", "$50", "50 dollars", "fifty", "1,000"]) {
      expect(parseBudget(bad)).toBe("invalid");
    }
  });
});

it("startOfUtcDay is midnight UTC, whatever the hour", () => {
  expect(startOfUtcDay(new Date("2026-03-01T23:59:59.999Z")).toISOString()).toBe(
    "2026-03-01T00:00:00.000Z",
  );
});
