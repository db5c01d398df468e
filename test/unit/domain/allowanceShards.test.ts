/** The sender allowance in shards: the parts add up to the limit, and charges never pass it. */
import { usedInWindow } from "../../../functions/domain/allowance";
import {
  ALLOWANCE_SHARDS,
  preferredShard,
  reserveInShards,
  shardLimit,
} from "../../../functions/domain/allowanceShards";

const NOW = new Date("2026-11-29T10:30:00Z");
const minute = (minutesAgo: number) => String(Math.floor(NOW.getTime() / 60_000) - minutesAgo);
const shardNumbers = Array.from({ length: ALLOWANCE_SHARDS }, (_, shard) => shard);

/** Every shard, each with `used(shard)` charged a minute ago. */
function allShards(used: (shard: number) => number = () => 0): Map<number, unknown> {
  return new Map(shardNumbers.map((shard) => [shard, { [minute(1)]: used(shard) }]));
}

const charged = (windows: Map<number, Record<string, number>>) =>
  [...windows.values()].reduce((sum, window) => sum + usedInWindow(window, NOW), 0);

describe("shardLimit", () => {
  it.each([1, 7, 15, 16, 17, 30, 1_000, 10_000])(
    "splits a limit of %d into parts that add up to it, at most 1 apart",
    (limit) => {
      const parts = shardNumbers.map((shard) => shardLimit(limit, shard));
      expect(parts.reduce((sum, part) => sum + part, 0)).toBe(limit);
      expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
    },
  );
});

describe("preferredShard", () => {
  it("is a shard number, the same for the same key", () => {
    const shard = preferredShard("task-created_t1_u1_123");
    expect(shardNumbers).toContain(shard);
    expect(preferredShard("task-created_t1_u1_123")).toBe(shard);
  });

  it("spreads keys over every shard", () => {
    const counts = new Array<number>(ALLOWANCE_SHARDS).fill(0);
    for (let i = 0; i < 1_600; i++) counts[preferredShard(`message-${i}`)] += 1;
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(60);
    expect(Math.max(...counts)).toBeLessThanOrEqual(140);
  });
});

describe("reserveInShards", () => {
  it("charges the one shard read when it has room, in the current minute", () => {
    const result = reserveInShards(new Map([[3, { [minute(1)]: 1 }]]), 1, 160, NOW, false, 3);
    expect(result).toMatchObject({ ok: true, granted: 1, used: 1 });
    expect(result.windows).toEqual(new Map([[3, { [minute(1)]: 1, [minute(0)]: 1 }]]));
  });

  it("grants nothing from one full shard, even when others (not read) have room", () => {
    const result = reserveInShards(new Map([[3, { [minute(1)]: 10 }]]), 1, 160, NOW, false, 3);
    expect(result).toMatchObject({ ok: false, granted: 0 });
    expect(result.windows.size).toBe(0);
  });

  it("with every shard read, takes the rest from the next shards round from the first", () => {
    // 160 an hour: 10 a shard. Shards 15 and 0 are full, 1 has 4 left.
    const used = (shard: number) => (shard === 15 || shard === 0 ? 10 : shard === 1 ? 6 : 0);
    const result = reserveInShards(allShards(used), 6, 160, NOW, false, 15);
    expect(result).toMatchObject({ ok: true, granted: 6, used: 26 });
    expect([...result.windows.keys()]).toEqual([1, 2]);
    expect(usedInWindow(result.windows.get(1), NOW)).toBe(10);
    expect(usedInWindow(result.windows.get(2), NOW)).toBe(2);
  });

  it("all or nothing: refuses the whole request past the limit, with the total used", () => {
    const result = reserveInShards(
      allShards(() => 9),
      17,
      160,
      NOW,
      false,
      0,
    );
    expect(result).toMatchObject({ ok: false, granted: 0, used: 144 });
    expect(result.windows.size).toBe(0);
  });

  it("partial: grants what fits, no shard past its part", () => {
    const result = reserveInShards(
      allShards(() => 9),
      20,
      160,
      NOW,
      true,
      5,
    );
    expect(result).toMatchObject({ ok: false, granted: 16, used: 144 });
    expect(charged(result.windows)).toBe(160);
    for (const window of result.windows.values()) expect(usedInWindow(window, NOW)).toBe(10);
  });

  it("with a limit below the number of shards, uses the shards that have a part", () => {
    const result = reserveInShards(allShards(), 5, 5, NOW, true, 9);
    expect(result).toMatchObject({ ok: true, granted: 5 });
    expect([...result.windows.keys()].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4]);
    expect(reserveInShards(new Map([[9, undefined]]), 1, 5, NOW, false, 9)).toMatchObject({
      ok: false,
      granted: 0,
    });
  });

  it("lets charges older than an hour go", () => {
    const shards = new Map([[2, { [minute(61)]: 10 }]]);
    expect(reserveInShards(shards, 10, 160, NOW, false, 2)).toMatchObject({ ok: true });
  });

  it("has no limit at 0 and records nothing", () => {
    const result = reserveInShards(
      allShards(() => 1_000),
      5,
      0,
      NOW,
      false,
      0,
    );
    expect(result).toMatchObject({ ok: true, granted: 5 });
    expect(result.windows.size).toBe(0);
  });

  it.each([1, 5, 30, 100])(
    "one message at a time, as the triggers charge: exactly a limit of %d is granted",
    (limit) => {
      const stored = new Map<number, unknown>();
      let granted = 0;
      for (let i = 0; i < limit * 3; i++) {
        const first = preferredShard(`message-${limit}-${i}`);
        // As services/outbox/allowance: the first shard alone, then every shard.
        let result = reserveInShards(
          new Map([[first, stored.get(first)]]),
          1,
          limit,
          NOW,
          false,
          first,
        );
        if (!result.ok) {
          const every = new Map(shardNumbers.map((shard) => [shard, stored.get(shard)]));
          result = reserveInShards(every, 1, limit, NOW, true, first);
        }
        for (const [shard, window] of result.windows) stored.set(shard, window);
        granted += result.granted;
      }
      expect(granted).toBe(limit);
      for (const shard of shardNumbers) {
        expect(usedInWindow(stored.get(shard), NOW)).toBeLessThanOrEqual(shardLimit(limit, shard));
      }
    },
  );
});
