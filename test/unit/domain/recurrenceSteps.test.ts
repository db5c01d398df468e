/** nextOccurrence step by step: daily, weekly and monthly, at the same local time across DST. */
import * as clientDocs from "../../../functions/domain/clientDocs";
import { localHourMinute } from "../../../functions/domain/localSchedule";
import { nextOccurrence } from "../../../functions/domain/recurrence";
import { at, chain, ISTANBUL, LONDON, NEW_YORK, next, TOKYO } from "./recurrenceFixtures";

describe("nextOccurrence", () => {
  describe("daily in America/New_York", () => {
    const winter = "2026-03-05T14:00:00.000Z"; // Thu 09:00 EST

    it("stays at 09:00 local across spring forward (14:00Z, then 13:00Z)", () => {
      expect(next(winter, "daily", NEW_YORK, "2026-03-07T14:00:00Z")).toBe(
        "2026-03-08T13:00:00.000Z",
      );
      expect(next(winter, "daily", NEW_YORK, "2026-03-08T12:30:00Z")).toBe(
        "2026-03-08T13:00:00.000Z",
      );
      expect(next(winter, "daily", NEW_YORK, "2026-03-08T13:00:00Z")).toBe(
        "2026-03-09T13:00:00.000Z",
      );
    });

    it("stays at 09:00 local across fall back (13:00Z, then 14:00Z)", () => {
      const summer = "2026-10-30T13:00:00.000Z"; // Fri 09:00 EDT
      expect(next(summer, "daily", NEW_YORK, "2026-10-31T13:00:00Z")).toBe(
        "2026-11-01T14:00:00.000Z",
      );
      // 13:30Z on Nov 1 is 08:30 EST: that day's 09:00 is still ahead.
      expect(next(summer, "daily", NEW_YORK, "2026-11-01T13:30:00Z")).toBe(
        "2026-11-01T14:00:00.000Z",
      );
    });

    it("moves an occurrence in the spring-forward gap to 03:30 EDT, then back to 02:30", () => {
      const first = "2026-03-06T07:30:00.000Z"; // 02:30 EST
      expect(next(first, "daily", NEW_YORK, "2026-03-07T07:30:00Z")).toBe(
        "2026-03-08T07:30:00.000Z", // 02:30 does not exist: 03:30 EDT
      );
      expect(next(first, "daily", NEW_YORK, "2026-03-08T07:30:00Z")).toBe(
        "2026-03-09T06:30:00.000Z", // 02:30 EDT
      );
    });

    it("takes the first of the two 01:30s when clocks fall back", () => {
      const first = "2026-10-30T05:30:00.000Z"; // 01:30 EDT
      expect(next(first, "daily", NEW_YORK, "2026-10-31T05:30:00Z")).toBe(
        "2026-11-01T05:30:00.000Z", // 01:30 EDT
      );
      // Once that one has passed, the second 01:30 (EST) is not another occurrence.
      expect(next(first, "daily", NEW_YORK, "2026-11-01T05:30:00Z")).toBe(
        "2026-11-02T06:30:00.000Z",
      );
      expect(next(first, "daily", NEW_YORK, "2026-11-01T06:00:00Z")).toBe(
        "2026-11-02T06:30:00.000Z",
      );
    });

    it("keeps a first occurrence in the second 01:30 as it is", () => {
      const first = "2026-11-01T06:30:00.000Z"; // 01:30 EST, the repeated hour
      expect(next(first, "daily", NEW_YORK, "2026-11-01T06:29:00Z")).toBe(first);
      expect(next(first, "daily", NEW_YORK, first)).toBe("2026-11-02T06:30:00.000Z");
    });

    it("is 09:00 local on every one of 1000 consecutive days", () => {
      const keys = chain(winter, "daily", NEW_YORK, 1000);
      expect(keys[0]).toBe("2026-03-06T09:00");
      expect(keys[999]).toBe("2028-11-29T09:00");
      expect(keys.every((key) => key.endsWith("T09:00"))).toBe(true);
      expect(new Set(keys.map((key) => key.slice(0, 10))).size).toBe(1000);
    });
  });

  describe("daily in Europe/London", () => {
    it("stays at 09:00 local across 2026-03-29 and 2026-10-25", () => {
      const first = "2026-03-27T09:00:00.000Z"; // 09:00 GMT
      expect(next(first, "daily", LONDON, "2026-03-28T09:00:00Z")).toBe(
        "2026-03-29T08:00:00.000Z", // 09:00 BST
      );
      const summer = "2026-10-23T08:00:00.000Z"; // 09:00 BST
      expect(next(summer, "daily", LONDON, "2026-10-24T08:00:00Z")).toBe(
        "2026-10-25T09:00:00.000Z", // 09:00 GMT
      );
    });

    it("moves 01:30 on 2026-03-29 (skipped) to 02:30 BST", () => {
      const first = "2026-03-28T01:30:00.000Z"; // 01:30 GMT
      expect(next(first, "daily", LONDON, first)).toBe("2026-03-29T01:30:00.000Z");
      expect(next(first, "daily", LONDON, "2026-03-29T01:30:00Z")).toBe(
        "2026-03-30T00:30:00.000Z", // 01:30 BST
      );
    });
  });

  describe("zones without DST", () => {
    it("is the same UTC time all year in Europe/Istanbul (UTC+3)", () => {
      const first = "2026-01-15T06:00:00.000Z"; // 09:00
      expect(next(first, "daily", ISTANBUL, "2026-07-01T12:00:00Z")).toBe(
        "2026-07-02T06:00:00.000Z",
      );
      expect(next(first, "weekly", ISTANBUL, "2026-07-01T12:00:00Z")).toBe(
        "2026-07-02T06:00:00.000Z", // a Thursday, like Jan 15
      );
    });

    it("crosses the UTC date line of Asia/Tokyo (09:00 JST is 00:00Z)", () => {
      const first = "2026-03-01T00:00:00.000Z";
      expect(next(first, "daily", TOKYO, "2026-03-08T00:00:00Z")).toBe("2026-03-09T00:00:00.000Z");
      // 23:59Z on Mar 8 is 08:59 on Mar 9 in Tokyo: that morning's 09:00 is next.
      expect(next(first, "daily", TOKYO, "2026-03-08T23:59:00Z")).toBe("2026-03-09T00:00:00.000Z");
    });
  });

  describe("weekly", () => {
    it("keeps the local weekday and time across DST", () => {
      const first = "2026-03-03T14:00:00.000Z"; // Tue 09:00 EST
      const following = nextOccurrence(at(first), "weekly", NEW_YORK, at("2026-03-05T00:00:00Z"));
      expect(following?.toISOString()).toBe("2026-03-10T13:00:00.000Z"); // Tue 09:00 EDT
      expect(localHourMinute(following as Date, NEW_YORK)).toEqual({
        hour: 9,
        minute: 0,
        weekday: 2,
      });
    });

    it("finds the same week's occurrence when `after` is earlier that week", () => {
      const first = "2026-03-03T14:00:00.000Z";
      expect(next(first, "weekly", NEW_YORK, "2026-03-09T23:00:00Z")).toBe(
        "2026-03-10T13:00:00.000Z",
      );
      expect(next(first, "weekly", NEW_YORK, "2026-03-10T13:00:00Z")).toBe(
        "2026-03-17T13:00:00.000Z",
      );
    });

    it("is a Tuesday at 09:00 local for 150 weeks in a row", () => {
      const keys = chain("2026-03-03T14:00:00.000Z", "weekly", NEW_YORK, 150);
      const instants = keys.map((key) => clientDocs.toInstant({ local: key }, NEW_YORK));
      expect(instants.map((i) => localHourMinute(i, NEW_YORK))).toEqual(
        keys.map(() => ({ hour: 9, minute: 0, weekday: 2 })),
      );
      expect(keys[149]).toBe("2029-01-16T09:00");
    });
  });

  describe("monthly", () => {
    it("clamps Jan 31 to Feb 28 and comes back to Mar 31 (2026)", () => {
      expect(chain("2026-01-31T06:00:00.000Z", "monthly", ISTANBUL, 13)).toEqual([
        "2026-02-28T09:00",
        "2026-03-31T09:00",
        "2026-04-30T09:00",
        "2026-05-31T09:00",
        "2026-06-30T09:00",
        "2026-07-31T09:00",
        "2026-08-31T09:00",
        "2026-09-30T09:00",
        "2026-10-31T09:00",
        "2026-11-30T09:00",
        "2026-12-31T09:00",
        "2027-01-31T09:00",
        "2027-02-28T09:00",
      ]);
    });

    it("clamps to Feb 29 in a leap year (2028)", () => {
      const first = "2028-01-31T14:00:00.000Z"; // 09:00 EST
      expect(next(first, "monthly", NEW_YORK, first)).toBe("2028-02-29T14:00:00.000Z");
      // DST starts on 2028-03-12, so Mar 31 09:00 is 13:00Z.
      expect(next(first, "monthly", NEW_YORK, "2028-02-29T14:00:00Z")).toBe(
        "2028-03-31T13:00:00.000Z",
      );
    });

    it("jumps straight to the right month from far away", () => {
      const first = "2026-01-31T06:00:00.000Z";
      expect(next(first, "monthly", ISTANBUL, "2030-02-15T00:00:00Z")).toBe(
        "2030-02-28T06:00:00.000Z",
      );
      expect(next(first, "monthly", ISTANBUL, "2030-02-28T06:00:00Z")).toBe(
        "2030-03-31T06:00:00.000Z",
      );
    });

    it("keeps the 15th at 09:00 local through DST months", () => {
      const keys = chain("2026-01-15T14:00:00.000Z", "monthly", NEW_YORK, 24);
      expect(keys.every((key) => /^\d{4}-\d{2}-15T09:00$/.test(key))).toBe(true);
      expect(keys[23]).toBe("2028-01-15T09:00");
    });
  });
});
