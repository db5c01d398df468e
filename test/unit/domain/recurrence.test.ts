/**
 * toRecurrence, occurrenceKey, and the rules of nextOccurrence that hold for every recurrence:
 * the first occurrence, strictly after `after`, far in the future, invalid input.
 */
import * as clientDocs from "../../../functions/domain/clientDocs";
import {
  nextOccurrence,
  occurrenceKey,
  toRecurrence,
  type Recurrence,
} from "../../../functions/domain/recurrence";
import { at, ISTANBUL, NEW_YORK, next, TOKYO } from "./recurrenceFixtures";

describe("toRecurrence", () => {
  it.each([
    ["daily", "daily"],
    ["Daily", "daily"],
    [" WEEKLY ", "weekly"],
    ["monthly", "monthly"],
    ["none", "none"],
    ["NONE", "none"],
  ])("reads %j as %s", (value, expected) => {
    expect(toRecurrence(value)).toBe(expected);
  });

  it.each([undefined, null, "", "yearly", "every day", 1, true, { daily: true }, ["daily"]])(
    "reads %j as none",
    (value) => {
      expect(toRecurrence(value)).toBe("none");
    },
  );
});

describe("nextOccurrence", () => {
  describe("none", () => {
    it("is the first occurrence while it is ahead, then nothing", () => {
      const first = "2026-03-10T14:00:00.000Z";
      expect(next(first, "none", NEW_YORK, "2026-03-01T00:00:00Z")).toBe(first);
      expect(next(first, "none", NEW_YORK, "2026-03-10T13:59:59.999Z")).toBe(first);
      expect(next(first, "none", NEW_YORK, first)).toBeUndefined();
      expect(next(first, "none", NEW_YORK, "2030-01-01T00:00:00Z")).toBeUndefined();
    });
  });

  it.each<Recurrence>(["daily", "weekly", "monthly"])(
    "%s: is the first occurrence itself when `after` is before it",
    (recurrence) => {
      const first = "2026-03-10T14:00:00.000Z";
      expect(next(first, recurrence, NEW_YORK, "2025-12-25T00:00:00Z")).toBe(first);
    },
  );

  it("is strictly after `after`: an occurrence exactly at `after` is skipped", () => {
    const first = "2026-01-05T06:00:00.000Z"; // 09:00 in Istanbul
    expect(next(first, "daily", ISTANBUL, first)).toBe("2026-01-06T06:00:00.000Z");
    expect(next(first, "daily", ISTANBUL, "2026-01-06T06:00:00.000Z")).toBe(
      "2026-01-07T06:00:00.000Z",
    );
    expect(next(first, "daily", ISTANBUL, "2026-01-06T05:59:59.999Z")).toBe(
      "2026-01-06T06:00:00.000Z",
    );
  });

  describe("far in the future", () => {
    afterEach(() => jest.restoreAllMocks());

    it("computes the step count instead of walking day by day", () => {
      const resolve = jest.spyOn(clientDocs, "toInstant");
      const first = "2026-01-01T14:00:00.000Z"; // 09:00 EST
      expect(next(first, "daily", NEW_YORK, "2046-07-15T00:00:00Z")).toBe(
        "2046-07-15T13:00:00.000Z", // 09:00 EDT, 20 years on
      );
      expect(resolve.mock.calls.length).toBeLessThanOrEqual(4);

      resolve.mockClear();
      expect(next(first, "weekly", NEW_YORK, "2046-07-15T00:00:00Z")).toBe(
        "2046-07-19T13:00:00.000Z", // Thursday, like 2026-01-01
      );
      expect(next(first, "monthly", NEW_YORK, "2126-12-02T00:00:00Z")).toBe(
        "2127-01-01T14:00:00.000Z",
      );
      expect(resolve.mock.calls.length).toBeLessThanOrEqual(8);
    });
  });

  it("keeps seconds and milliseconds of the first occurrence", () => {
    expect(next("2026-03-05T14:00:30.250Z", "daily", NEW_YORK, "2026-03-20T00:00:00Z")).toBe(
      "2026-03-20T13:00:30.250Z",
    );
  });

  it("rejects an invalid date or zone", () => {
    const first = at("2026-03-05T14:00:00Z");
    expect(() => nextOccurrence(new Date(NaN), "daily", NEW_YORK, first)).toThrow(RangeError);
    expect(() => nextOccurrence(first, "daily", NEW_YORK, new Date(NaN))).toThrow(RangeError);
    expect(() => nextOccurrence(first, "none", "Nowhere/Else", first)).toThrow(RangeError);
  });
});

describe("occurrenceKey", () => {
  it("is the local date-time of the occurrence in its zone", () => {
    expect(occurrenceKey(at("2026-03-10T13:00:00Z"), NEW_YORK)).toBe("2026-03-10T09:00");
    expect(occurrenceKey(at("2026-03-10T13:00:00Z"), ISTANBUL)).toBe("2026-03-10T16:00");
    expect(occurrenceKey(at("2026-03-10T15:30:00Z"), TOKYO)).toBe("2026-03-11T00:30");
  });

  it("ignores seconds, so a slightly late or early instant gives the same key", () => {
    expect(occurrenceKey(at("2026-03-10T13:00:59.999Z"), NEW_YORK)).toBe("2026-03-10T09:00");
  });

  it("is the same 09:00 key in winter and summer although the UTC hour differs", () => {
    expect(occurrenceKey(at("2026-01-10T14:00:00Z"), NEW_YORK)).toBe("2026-01-10T09:00");
    expect(occurrenceKey(at("2026-07-10T13:00:00Z"), NEW_YORK)).toBe("2026-07-10T09:00");
  });

  it("rejects an invalid zone", () => {
    expect(() => occurrenceKey(at("2026-03-10T13:00:00Z"), "Nowhere/Else")).toThrow(RangeError);
  });
});
