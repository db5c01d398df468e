import {
  decideFailure,
  decidePolicy,
  nextUtcDay,
  sendsInWindow,
  windowWithSend,
  type PolicyInput,
} from "../../../functions/domain/delivery";
import type { ErrorKind } from "../../../functions/domain/providerErrors";

const NOW = new Date("2026-03-10T18:00:00.000Z");
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const after = (ms: number): Date => new Date(NOW.getTime() + ms);

function input(overrides: Partial<PolicyInput> = {}): PolicyInput {
  return {
    countryAllowed: true,
    optedOut: false,
    notificationsDisabled: false,
    optOutExempt: false,
    sentInLastHour: 0,
    rateLimitPerHour: 100,
    segmentsToday: 0,
    dailySegmentLimit: 0,
    segments: 1,
    urgent: false,
    now: NOW,
    ...overrides,
  };
}

const overLimit: Partial<PolicyInput> = {
  sentInLastHour: 100,
  oldestSentInLastHour: after(-40 * MINUTE),
};

describe("the hourly send window", () => {
  it("keeps the sends of the last hour, oldest first", () => {
    const sends = [after(-10 * MINUTE), after(-HOUR), after(-61 * MINUTE), after(-59 * MINUTE)];
    expect(sendsInWindow(sends, NOW, 100)).toEqual([after(-59 * MINUTE), after(-10 * MINUTE)]);
  });

  it("keeps only the most recent `limit` sends, so the stored window stays small", () => {
    const sends = [1, 2, 3, 4, 5].map((m) => after(-m * MINUTE));
    expect(sendsInWindow(sends, NOW, 3)).toEqual([3, 2, 1].map((m) => after(-m * MINUTE)));
  });

  it("counts a send stamped slightly ahead by another instance's clock", () => {
    expect(sendsInWindow([after(2_000)], NOW, 5)).toEqual([after(2_000)]);
  });

  it("adds this send, dropping the oldest beyond the limit", () => {
    const sends = [after(-30 * MINUTE), after(-20 * MINUTE)];
    expect(windowWithSend(sends, NOW, 2)).toEqual([after(-20 * MINUTE), NOW]);
    expect(windowWithSend([], NOW, 5)).toEqual([NOW]);
  });

  it("defers the next send until the oldest of a full window is an hour old", () => {
    const window = windowWithSend(
      [4, 3, 2, 1].map((m) => after(-m * MINUTE)),
      NOW,
      5,
    );
    const decision = decidePolicy(
      input({
        rateLimitPerHour: 5,
        sentInLastHour: window.length,
        oldestSentInLastHour: window[0],
      }),
    );
    expect(decision).toMatchObject({ action: "defer", until: after(HOUR - 4 * MINUTE) });
  });
});

describe("decidePolicy", () => {
  it("sends when nothing stands in the way", () => {
    expect(decidePolicy(input())).toEqual({ action: "send" });
  });

  describe("opt-outs and disabled notifications", () => {
    it("suppresses an opted-out number, saying how to opt back in", () => {
      const decision = decidePolicy(input({ optedOut: true }));
      expect(decision).toEqual({
        action: "suppress",
        code: "opted_out",
        message: expect.stringContaining("sms_suppressions"),
        userMessage: expect.stringContaining("START"),
      });
    });

    it("suppresses a user who turned notifications off", () => {
      const decision = decidePolicy(input({ notificationsDisabled: true }));
      expect(decision).toEqual({
        action: "suppress",
        code: "notifications_disabled",
        message: expect.stringContaining("sms_notifications_enabled"),
        userMessage: expect.any(String),
      });
    });

    it("reports an opt-out before disabled notifications", () => {
      expect(decidePolicy(input({ optedOut: true, notificationsDisabled: true }))).toMatchObject({
        action: "suppress",
        code: "opted_out",
      });
    });

    it("suppresses rather than defers when the rate limit is also reached", () => {
      expect(decidePolicy(input({ ...overLimit, optedOut: true }))).toMatchObject({
        action: "suppress",
        code: "opted_out",
      });
      expect(decidePolicy(input({ ...overLimit, notificationsDisabled: true }))).toMatchObject({
        action: "suppress",
        code: "notifications_disabled",
      });
    });

    it.each<[string, Partial<PolicyInput>]>([
      ["an opted-out number", { optedOut: true }],
      ["a user with notifications off", { notificationsDisabled: true }],
      ["both", { optedOut: true, notificationsDisabled: true }],
    ])("sends an exempt message (own reminder, HELP answer) to %s", (_label, overrides) => {
      expect(decidePolicy(input({ ...overrides, optOutExempt: true }))).toEqual({
        action: "send",
      });
    });

    it("still holds an exempt message to the rate limit", () => {
      const decision = decidePolicy(
        input({ ...overLimit, optedOut: true, notificationsDisabled: true, optOutExempt: true }),
      );
      expect(decision).toEqual({
        action: "defer",
        until: after(20 * MINUTE),
        reason: expect.any(String),
      });
    });
  });

  describe("hourly rate limit", () => {
    it("sends the last message below the limit", () => {
      expect(
        decidePolicy(input({ sentInLastHour: 99, oldestSentInLastHour: after(-10 * MINUTE) })),
      ).toEqual({ action: "send" });
    });

    it("defers at exactly the limit until the oldest send leaves the window", () => {
      const oldest = new Date("2026-03-10T17:20:30.500Z");
      const decision = decidePolicy(input({ sentInLastHour: 100, oldestSentInLastHour: oldest }));
      expect(decision).toEqual({
        action: "defer",
        until: new Date("2026-03-10T18:20:30.500Z"),
        reason: expect.stringContaining("100"),
      });
    });

    it("defers above the limit too", () => {
      expect(
        decidePolicy(input({ sentInLastHour: 250, oldestSentInLastHour: after(-5 * MINUTE) })),
      ).toEqual({ action: "defer", until: after(55 * MINUTE), reason: expect.any(String) });
    });

    it("applies a limit of one", () => {
      expect(
        decidePolicy(
          input({ rateLimitPerHour: 1, sentInLastHour: 1, oldestSentInLastHour: after(-MINUTE) }),
        ),
      ).toEqual({ action: "defer", until: after(59 * MINUTE), reason: expect.any(String) });
    });

    it("looks again in 15 minutes when the oldest send is unknown", () => {
      expect(decidePolicy(input({ sentInLastHour: 100 }))).toEqual({
        action: "defer",
        until: after(15 * MINUTE),
        reason: expect.any(String),
      });
    });

    it("has no limit when rateLimitPerHour is 0", () => {
      expect(decidePolicy(input({ rateLimitPerHour: 0, sentInLastHour: 10_000 }))).toEqual({
        action: "send",
      });
      expect(
        decidePolicy(
          input({ rateLimitPerHour: 0, sentInLastHour: 10_000, oldestSentInLastHour: NOW }),
        ),
      ).toEqual({ action: "send" });
    });

    it.each([
      ["exactly an hour ago", -HOUR],
      ["two hours ago", -2 * HOUR],
      ["a day ago", -24 * HOUR],
    ])(
      "never defers into the past (oldest send %s: waits one minute)",
      (_label, oldestOffsetMs) => {
        const decision = decidePolicy(
          input({ sentInLastHour: 100, oldestSentInLastHour: after(oldestOffsetMs) }),
        );
        expect(decision).toEqual({
          action: "defer",
          until: after(MINUTE),
          reason: expect.any(String),
        });
      },
    );

    it("always defers to a moment after now", () => {
      for (const offset of [-3 * HOUR, -HOUR - 1, -HOUR, -HOUR + 1, -30 * MINUTE, 0, 5 * MINUTE]) {
        const decision = decidePolicy(
          input({ sentInLastHour: 100, oldestSentInLastHour: after(offset) }),
        );
        if (decision.action !== "defer") throw new Error(`expected defer, got ${decision.action}`);
        expect(decision.until.getTime()).toBeGreaterThan(NOW.getTime());
      }
    });
  });
});

describe("decideFailure", () => {
  const low = (): number => 0;
  const high = (): number => 0.999;
  const transient = { kind: "transient" as const, retryable: true };

  it.each([1, 3, 5, 9])("suppresses an unsubscribed number (attempt %i of 5)", (attempts) => {
    expect(decideFailure({ kind: "unsubscribed", retryable: false }, attempts, 5, NOW)).toEqual({
      status: "suppressed",
    });
  });

  it("suppresses an unsubscribed number even if it were marked retryable", () => {
    expect(decideFailure({ kind: "unsubscribed", retryable: true }, 1, 5, NOW, low)).toEqual({
      status: "suppressed",
    });
  });

  it.each<[ErrorKind, number]>([
    ["invalid_number", 1],
    ["permanent", 1],
    ["configuration", 1],
    ["permanent", 5],
  ])("fails a non-retryable %s error at once, not as exhausted (attempt %i)", (kind, attempts) => {
    expect(decideFailure({ kind, retryable: false }, attempts, 5, NOW, low)).toEqual({
      status: "failed",
      exhausted: false,
    });
  });

  it.each([
    [1, 30_000],
    [2, 60_000],
    [3, 120_000],
    [4, 240_000],
  ])(
    "queues a retry after attempt %i within [ceiling/2, ceiling) of a %i ms ceiling",
    (attempts, ceiling) => {
      expect(decideFailure(transient, attempts, 5, NOW, low)).toEqual({
        status: "queued",
        nextAttemptAt: after(ceiling / 2),
      });
      const latest = decideFailure(transient, attempts, 5, NOW, high);
      if (latest.status !== "queued") throw new Error(`expected queued, got ${latest.status}`);
      const delay = latest.nextAttemptAt.getTime() - NOW.getTime();
      expect(delay).toBeGreaterThan(ceiling / 2);
      expect(delay).toBeLessThan(ceiling);
      expect(delay).toBe(Math.floor(ceiling / 2 + (0.999 * ceiling) / 2));
    },
  );

  it("stays within the backoff bounds with the default random source", () => {
    for (let i = 0; i < 20; i += 1) {
      const outcome = decideFailure(transient, 2, 5, NOW);
      if (outcome.status !== "queued") throw new Error(`expected queued, got ${outcome.status}`);
      const delay = outcome.nextAttemptAt.getTime() - NOW.getTime();
      expect(delay).toBeGreaterThanOrEqual(30_000);
      expect(delay).toBeLessThan(60_000);
    }
  });

  it("fails a retryable error as exhausted at the last attempt", () => {
    expect(decideFailure(transient, 5, 5, NOW, low)).toEqual({ status: "failed", exhausted: true });
  });

  it("fails a retryable error as exhausted past the last attempt", () => {
    expect(decideFailure(transient, 6, 5, NOW, low)).toEqual({ status: "failed", exhausted: true });
  });

  it("does not retry at all when only one attempt is allowed", () => {
    expect(decideFailure(transient, 1, 1, NOW, low)).toEqual({ status: "failed", exhausted: true });
  });
});

describe("the delivery policy: country and daily limit", () => {
  const limited = (overrides: Partial<PolicyInput>) =>
    input({ dailySegmentLimit: 1000, ...overrides });

  it.each<[string, Partial<PolicyInput>, string]>([
    ["an allowed country under every limit", {}, "send"],
    ["a country not allowed", { countryAllowed: false, country: "CA" }, "fail"],
    [
      "a country not allowed, even for an exempt reminder",
      { countryAllowed: false, optOutExempt: true },
      "fail",
    ],
    ["a country not allowed, even urgent", { countryAllowed: false, urgent: true }, "fail"],
    ["non-urgent past the daily limit", { segmentsToday: 1000 }, "defer"],
    ["non-urgent whose segments would pass it", { segmentsToday: 998, segments: 3 }, "defer"],
    ["non-urgent that just fits", { segmentsToday: 997, segments: 3 }, "send"],
    ["urgent past the daily limit", { segmentsToday: 5000, urgent: true }, "send"],
    ["no daily limit (0)", { segmentsToday: 10 ** 9, dailySegmentLimit: 0 }, "send"],
    [
      "opted out, past the daily limit: suppressed first",
      { optedOut: true, segmentsToday: 5000 },
      "suppress",
    ],
  ])("%s → %s", (_, overrides, action) => {
    expect(decidePolicy(limited(overrides)).action).toBe(action);
  });

  it("defers to the start of the next UTC day and flags the alert", () => {
    expect(decidePolicy(limited({ segmentsToday: 1000 }))).toMatchObject({
      action: "defer",
      until: new Date("2026-03-11T00:00:00Z"),
      dailyLimit: true,
    });
    expect(nextUtcDay(new Date("2026-12-31T23:59:59Z"))).toEqual(new Date("2027-01-01T00:00:00Z"));
  });

  it("names the country in the failure", () => {
    expect(decidePolicy(limited({ countryAllowed: false, country: "CA" }))).toMatchObject({
      code: "country_not_allowed",
      userMessage: expect.stringContaining("CA"),
    });
  });
});
