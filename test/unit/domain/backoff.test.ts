import { backoffDelayMs } from "../../../functions/domain/backoff";

const low = (): number => 0;
const high = (): number => 0.999999999;

describe("backoffDelayMs", () => {
  it("waits between 15 s and 30 s after the first failed attempt, by default", () => {
    expect(backoffDelayMs(1, { random: low })).toBe(15_000);
    expect(backoffDelayMs(1, { random: high })).toBe(29_999);
  });

  it.each([
    [1, 30_000],
    [2, 60_000],
    [3, 120_000],
    [4, 240_000],
    [5, 480_000],
    [7, 1_920_000],
    [8, 3_600_000],
    [50, 3_600_000],
    [5000, 3_600_000],
  ])("attempt %i has a ceiling of %i ms and stays within [ceiling/2, ceiling)", (attempt, cap) => {
    expect(backoffDelayMs(attempt, { random: low })).toBe(cap / 2);
    const highest = backoffDelayMs(attempt, { random: high });
    expect(highest).toBeLessThan(cap);
    expect(highest).toBeGreaterThanOrEqual(cap - 1);
  });

  it("grows with every attempt until the cap", () => {
    const delays = [1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelayMs(n, { random: low }));
    for (let i = 1; i < delays.length; i += 1) expect(delays[i]).toBe(delays[i - 1] * 2);
  });

  it.each([0, -1, -100, Number.NaN, Number.NEGATIVE_INFINITY])("treats attempt %p as 1", (n) => {
    expect(backoffDelayMs(n, { random: low })).toBe(15_000);
  });

  it("rounds a fractional attempt down", () => {
    expect(backoffDelayMs(2.7, { random: low })).toBe(30_000);
  });

  it("returns whole milliseconds", () => {
    for (const r of [0.1, 0.333, 0.5, 0.777, 0.9]) {
      expect(Number.isInteger(backoffDelayMs(3, { baseMs: 1001, random: () => r }))).toBe(true);
    }
  });

  it("honours baseMs, factor and maxMs", () => {
    const options = { baseMs: 1000, factor: 3, maxMs: 10_000, random: low };
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, options))).toEqual([500, 1500, 4500, 5000]);
  });

  it("uses Math.random by default and stays within bounds", () => {
    for (let i = 0; i < 50; i += 1) {
      const delay = backoffDelayMs(2);
      expect(delay).toBeGreaterThanOrEqual(30_000);
      expect(delay).toBeLessThanOrEqual(60_000);
    }
  });

  it("clamps a random source that leaves [0, 1)", () => {
    expect(backoffDelayMs(1, { random: () => -5 })).toBe(15_000);
    expect(backoffDelayMs(1, { random: () => 7 })).toBe(30_000);
  });

  it("never returns a negative delay for nonsense options", () => {
    expect(backoffDelayMs(3, { baseMs: -10, factor: 0.5, maxMs: -1, random: high })).toBe(0);
  });
});
