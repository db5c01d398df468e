/** The per-instance read cache: reuse within the caller's age, shared reads, failures, bounds. */
import { TtlCache } from "../../../functions/domain/ttlCache";

function setUp(maxEntries = 500) {
  let now = 1_000_000;
  const cache = new TtlCache<string, string>(maxEntries, () => now);
  let reads = 0;
  const load = (value: string) => () => {
    reads += 1;
    return Promise.resolve(value);
  };
  return {
    cache,
    load,
    reads: () => reads,
    advance: (ms: number) => (now += ms),
  };
}

describe("TtlCache", () => {
  it("reuses a value younger than the age the caller accepts, and reads again after it", async () => {
    const { cache, load, reads, advance } = setUp();
    expect(await cache.get("t", 10_000, load("v1"))).toBe("v1");
    advance(9_999);
    expect(await cache.get("t", 10_000, load("v2"))).toBe("v1");
    expect(reads()).toBe(1);
    advance(1);
    expect(await cache.get("t", 10_000, load("v2"))).toBe("v2");
    expect(reads()).toBe(2);
  });

  it("always reads for a caller that accepts no age, and keeps what it read for others", async () => {
    const { cache, load, reads } = setUp();
    await cache.get("t", 10_000, load("v1"));
    expect(await cache.get("t", 0, load("v2"))).toBe("v2");
    expect(await cache.get("t", 10_000, load("v3"))).toBe("v2");
    expect(reads()).toBe(2);
  });

  it("lets a caller with a shorter age read again while another still reuses the value", async () => {
    const { cache, load, advance } = setUp();
    await cache.get("t", 10_000, load("v1"));
    advance(2_000);
    expect(await cache.get("t", 1_000, load("v2"))).toBe("v2");
  });

  it("shares one read between concurrent callers", async () => {
    const { cache, load, reads } = setUp();
    const values = await Promise.all([1, 2, 3].map(() => cache.get("t", 5_000, load("v"))));
    expect(values).toEqual(["v", "v", "v"]);
    expect(reads()).toBe(1);
  });

  it("keeps the read started last, even when an earlier one finishes after it", async () => {
    const { cache, load } = setUp();
    let finishSlow: (value: string) => void = () => {};
    const slow = cache.get("t", 0, () => new Promise<string>((resolve) => (finishSlow = resolve)));
    const fast = cache.get("t", 0, load("new"));
    await fast;
    finishSlow("old");
    await slow;
    expect(await cache.get("t", 10_000, load("unused"))).toBe("new");
  });

  it("forgets a failed read, so the next caller reads again", async () => {
    const { cache, load } = setUp();
    await expect(
      cache.get("t", 10_000, () => Promise.reject(new Error("unavailable"))),
    ).rejects.toThrow("unavailable");
    expect(await cache.get("t", 10_000, load("v"))).toBe("v");
  });

  it("does not forget a later read when an earlier one fails", async () => {
    const { cache, load, reads } = setUp();
    let fail: (error: Error) => void = () => {};
    const failing = cache.get("t", 0, () => new Promise<string>((_, reject) => (fail = reject)));
    await cache.get("t", 0, load("v"));
    fail(new Error("late failure"));
    await expect(failing).rejects.toThrow("late failure");
    expect(await cache.get("t", 10_000, load("unused"))).toBe("v");
    expect(reads()).toBe(1);
  });

  it("reads again after delete", async () => {
    const { cache, load } = setUp();
    await cache.get("t", 10_000, load("v1"));
    cache.delete("t");
    expect(await cache.get("t", 10_000, load("v2"))).toBe("v2");
  });

  it("keeps at most maxEntries, dropping the one stored first", async () => {
    const { cache, load, reads } = setUp(2);
    await cache.get("a", 10_000, load("a"));
    await cache.get("b", 10_000, load("b"));
    await cache.get("a", 0, load("a2")); // stored again: now the newest
    await cache.get("c", 10_000, load("c"));
    expect(reads()).toBe(4);
    await cache.get("a", 10_000, load("unused"));
    await cache.get("c", 10_000, load("unused"));
    expect(reads()).toBe(4);
    expect(await cache.get("b", 10_000, load("b2"))).toBe("b2");
  });

  it("caches an absent value like any other", async () => {
    let reads = 0;
    const cache = new TtlCache<string, string | undefined>();
    const load = () => {
      reads += 1;
      return Promise.resolve(undefined);
    };
    await cache.get("missing", 10_000, load);
    expect(await cache.get("missing", 10_000, load)).toBeUndefined();
    expect(reads).toBe(1);
  });
});
