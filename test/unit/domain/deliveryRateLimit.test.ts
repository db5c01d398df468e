/** The hourly send window and the per-recipient hourly rate limit it feeds. */
import { decidePolicy, sendsInWindow, windowWithSend } from "../../../functions/domain/delivery";
import { after, HOUR, input, MINUTE, NOW } from "./deliveryFixtures";

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
