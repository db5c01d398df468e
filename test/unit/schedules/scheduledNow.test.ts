import { scheduledNow } from "../../../functions/schedules/scheduledNow";

describe("scheduledNow", () => {
  it("takes the schedule time, so a late run or a retry acts as of when it was due", () => {
    expect(scheduledNow("2026-11-24T06:00:00.000Z")).toEqual(new Date("2026-11-24T06:00:00Z"));
  });

  it("falls back on the clock when the time is missing or unreadable", () => {
    const before = Date.now();
    for (const value of [undefined, "", "not a time"]) {
      const now = scheduledNow(value).getTime();
      expect(now).toBeGreaterThanOrEqual(before);
      expect(now).toBeLessThanOrEqual(Date.now());
    }
  });
});
