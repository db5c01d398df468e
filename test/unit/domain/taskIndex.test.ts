import {
  parseClientDate,
  parseTask,
  toInstant,
  type ClientDate,
} from "../../../functions/domain/clientDocs";
import { missedDeadline, OVERDUE_LOOKBACK_MS } from "../../../functions/domain/scheduledMessages";
import {
  DEADLINE_SHARDS,
  deadlineBucket,
  deadlineBucketExpiry,
  deadlineDocId,
  overdueBucketDocIds,
} from "../../../functions/domain/taskIndex";

const HOUR = 3_600_000;
const NOW = new Date("2026-03-08T14:30:00Z");

function date(value: unknown): ClientDate {
  const parsed = parseClientDate(value);
  if (!parsed) throw new Error(`not a client date: ${String(value)}`);
  return parsed;
}

describe("deadlineBucket", () => {
  it("files an instant by its UTC hour, whatever offset it was written with", () => {
    expect(deadlineBucket(date(new Date("2026-03-08T13:59:59Z")))).toBe("i2026-03-08T13");
    expect(deadlineBucket(date("2026-03-08T16:05:00+03:00"))).toBe("i2026-03-08T13");
    expect(deadlineBucket(date("2026-03-08T08:05:00-05:00"))).toBe("i2026-03-08T13");
  });

  it("files a local time by its wall-clock hour, apart from instants", () => {
    expect(deadlineBucket(date("2026-03-08T13:05"))).toBe("l2026-03-08T13");
    expect(deadlineBucket(date("2026-03-08 13:05:30"))).toBe("l2026-03-08T13");
  });

  it("files a date without a time at the end of that day", () => {
    expect(deadlineBucket(date("2026-03-08"))).toBe("l2026-03-08T23");
  });
});

describe("deadlineDocId", () => {
  it("puts a task in the same shard every time, and spreads tasks over the shards", () => {
    const deadline = date("2026-03-08T13:05:00Z");
    expect(deadlineDocId(deadline, "task-a")).toBe(deadlineDocId(deadline, "task-a"));
    const shards = new Set(
      Array.from({ length: 200 }, (_, i) => deadlineDocId(deadline, `task-${i}`).split("_")[1]),
    );
    expect(shards.size).toBe(DEADLINE_SHARDS);
  });

  it("handles ids with Turkish and other non-ASCII characters", () => {
    expect(deadlineDocId(date("2026-03-08T13:05:00Z"), "ödev-çğıöşü")).toMatch(
      /^i2026-03-08T13_[0-3]$/,
    );
  });
});

describe("overdueBucketDocIds", () => {
  const ids = overdueBucketDocIds(NOW, OVERDUE_LOOKBACK_MS);

  it("names every shard of every hour it reads, once", () => {
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length % DEADLINE_SHARDS).toBe(0);
  });

  it("reads the instants' hours of the lookback, and local hours widened by 14 h each side", () => {
    expect(ids).toContain("i2026-03-08T14_0");
    expect(ids).toContain("i2026-03-07T12_3");
    expect(ids).not.toContain("i2026-03-08T15_0");
    expect(ids).not.toContain("i2026-03-07T11_0");
    expect(ids).toContain("l2026-03-09T04_0");
    expect(ids).toContain("l2026-03-06T22_0");
    expect(ids).not.toContain("l2026-03-09T05_0");
    expect(ids).not.toContain("l2026-03-06T21_0");
  });

  // Whatever the zone, every deadline the sweep should notify about is in a bucket it reads.
  it.each([
    "Pacific/Kiritimati",
    "Asia/Tokyo",
    "Europe/Istanbul",
    "America/New_York",
    "Etc/GMT+12",
  ])("covers every missed local deadline in %s, at every half hour of six days", (zone) => {
    let missedCount = 0;
    for (let t = NOW.getTime() - 72 * HOUR; t <= NOW.getTime() + 72 * HOUR; t += HOUR / 2) {
      const local = new Date(t).toISOString().slice(0, 16);
      for (const written of [local, local.slice(0, 10)]) {
        const parsed = parseTask({ title: "t", assignedTo: "u", deadline: written });
        if (!parsed.ok) throw new Error(parsed.reason);
        const deadline = date(written);
        if (!missedDeadline(parsed.value, zone, NOW)) continue;
        missedCount++;
        expect(ids).toContain(deadlineDocId(deadline, `task-${t}`));
      }
    }
    // A lookback's worth of half hours, and the date-only deadlines within it.
    expect(missedCount).toBeGreaterThanOrEqual(52);
  });

  it("covers a missed deadline across the spring-forward night in New York", () => {
    // 2026-03-08 02:30 does not exist in New York; it resolves to 03:30 EDT (07:30Z).
    const deadline = date("2026-03-08T02:30");
    const at = new Date("2026-03-08T08:00:00Z");
    expect(toInstant(deadline, "America/New_York")).toEqual(new Date("2026-03-08T07:30:00Z"));
    expect(overdueBucketDocIds(at, OVERDUE_LOOKBACK_MS)).toContain(deadlineDocId(deadline, "t"));
  });
});

describe("deadlineBucketExpiry", () => {
  it("keeps a bucket until no sweep can read it any more", () => {
    const deadline = date("2026-03-08T13:05:00Z");
    const expiry = deadlineBucketExpiry(deadline, OVERDUE_LOOKBACK_MS);
    // The last sweep that reads the bucket runs a lookback after the deadline.
    const last = new Date(Date.parse("2026-03-08T13:05:00Z") + OVERDUE_LOOKBACK_MS);
    expect(overdueBucketDocIds(last, OVERDUE_LOOKBACK_MS)).toContain(deadlineDocId(deadline, "t"));
    expect(expiry.getTime()).toBeGreaterThan(last.getTime() + 14 * HOUR);
  });
});
