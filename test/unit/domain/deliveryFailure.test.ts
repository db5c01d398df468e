/** decideFailure: suppress, fail at once, or retry with backoff until the attempts run out. */
import { decideFailure } from "../../../functions/domain/delivery";
import type { ErrorKind } from "../../../functions/domain/providerErrors";
import { after, NOW } from "./deliveryFixtures";

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
