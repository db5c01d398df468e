/** decidePolicy: opt-outs, disabled notifications, allowed countries and the daily limit. */
import { decidePolicy, nextUtcDay, type PolicyInput } from "../../../functions/domain/delivery";
import { after, input, MINUTE } from "./deliveryFixtures";

const overLimit: Partial<PolicyInput> = {
  sentInLastHour: 100,
  oldestSentInLastHour: after(-40 * MINUTE),
};

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
