/** toInstant (local dates in a zone, across DST) and sameClientDate (when a date has changed). */
import { Timestamp } from "firebase-admin/firestore";
import {
  parseClientDate,
  sameClientDate,
  toInstant,
  type ClientDate,
} from "../../../functions/domain/clientDocs";
import { at, ISTANBUL, NEW_YORK } from "./clientDocsFixtures";

/** Resolves a naive local string in a zone, going through parseClientDate as a trigger would. */
function resolve(text: string, timeZone: string): string {
  const parsed = parseClientDate(text);
  if (!parsed) throw new Error(`${text} did not parse`);
  return toInstant(parsed, timeZone).toISOString();
}

describe("toInstant", () => {
  it("returns an instant unchanged, whatever the zone", () => {
    const date: ClientDate = { instant: at("2026-03-10T18:00:00Z") };
    expect(toInstant(date, NEW_YORK).toISOString()).toBe("2026-03-10T18:00:00.000Z");
    expect(toInstant(date, ISTANBUL).toISOString()).toBe("2026-03-10T18:00:00.000Z");
  });

  describe("Europe/Istanbul (UTC+3 all year)", () => {
    it.each([
      ["2026-11-25T17:00", "2026-11-25T14:00:00.000Z"],
      ["2026-11-25 17:00", "2026-11-25T14:00:00.000Z"],
      ["2026-11-25T17:00:30", "2026-11-25T14:00:30.000Z"],
      ["2026-07-01T09:00", "2026-07-01T06:00:00.000Z"],
      ["2026-01-01T00:30", "2025-12-31T21:30:00.000Z"],
    ])("resolves %p to %s", (text, iso) => {
      expect(resolve(text, ISTANBUL)).toBe(iso);
    });

    it("reads a date without a time as 23:59 that day", () => {
      expect(resolve("2026-11-25", ISTANBUL)).toBe("2026-11-25T20:59:00.000Z");
    });
  });

  describe("America/New_York", () => {
    it("is UTC-5 in winter and UTC-4 in summer", () => {
      expect(resolve("2026-11-25T17:00", NEW_YORK)).toBe("2026-11-25T22:00:00.000Z");
      expect(resolve("2026-07-01T09:00", NEW_YORK)).toBe("2026-07-01T13:00:00.000Z");
    });

    it("reads a date without a time as 23:59 that day, in that day's offset", () => {
      expect(resolve("2026-11-25", NEW_YORK)).toBe("2026-11-26T04:59:00.000Z");
      expect(resolve("2026-07-01", NEW_YORK)).toBe("2026-07-02T03:59:00.000Z");
    });

    describe("spring forward on 2026-03-08 (02:00 EST becomes 03:00 EDT)", () => {
      it("uses EST before and EDT after the change", () => {
        expect(resolve("2026-03-07T09:00", NEW_YORK)).toBe("2026-03-07T14:00:00.000Z");
        expect(resolve("2026-03-08T01:59", NEW_YORK)).toBe("2026-03-08T06:59:00.000Z");
        expect(resolve("2026-03-08T03:00", NEW_YORK)).toBe("2026-03-08T07:00:00.000Z");
        expect(resolve("2026-03-09T09:00", NEW_YORK)).toBe("2026-03-09T13:00:00.000Z");
      });

      it("reads the change day's date-only deadline as 23:59 EDT", () => {
        expect(resolve("2026-03-08", NEW_YORK)).toBe("2026-03-09T03:59:00.000Z");
      });

      it("moves a time in the skipped hour forward (02:30 is 03:30 EDT), never back", () => {
        const skipped = resolve("2026-03-08T02:30", NEW_YORK);
        // RFC 5545 / Temporal "compatible": read with the offset in force before the gap.
        expect(skipped).toBe("2026-03-08T07:30:00.000Z");
        // Whatever the convention, 02:30 cannot come before 01:59 or equal 01:30.
        expect(skipped > resolve("2026-03-08T01:59", NEW_YORK)).toBe(true);
        expect(skipped).not.toBe(resolve("2026-03-08T01:30", NEW_YORK));
      });
    });

    describe("fall back on 2026-11-01 (02:00 EDT becomes 01:00 EST)", () => {
      it("uses EDT before and EST after the change", () => {
        expect(resolve("2026-10-31T09:00", NEW_YORK)).toBe("2026-10-31T13:00:00.000Z");
        expect(resolve("2026-11-01T00:59", NEW_YORK)).toBe("2026-11-01T04:59:00.000Z");
        expect(resolve("2026-11-01T02:00", NEW_YORK)).toBe("2026-11-01T07:00:00.000Z");
        expect(resolve("2026-11-02T09:00", NEW_YORK)).toBe("2026-11-02T14:00:00.000Z");
      });

      it("reads a time in the repeated hour as its first occurrence (EDT)", () => {
        expect(resolve("2026-11-01T01:30", NEW_YORK)).toBe("2026-11-01T05:30:00.000Z");
      });

      it("reads the change day's date-only deadline as 23:59 EST", () => {
        expect(resolve("2026-11-01", NEW_YORK)).toBe("2026-11-02T04:59:00.000Z");
      });
    });
  });

  it("gives the same wall-clock time different instants in different zones", () => {
    const date: ClientDate = { local: "2026-11-25T17:00" };
    expect(toInstant(date, NEW_YORK).getTime() - toInstant(date, ISTANBUL).getTime()).toBe(
      8 * 3_600_000,
    );
  });
});

describe("sameClientDate", () => {
  const seconds = Date.UTC(2026, 2, 20, 17, 0, 0) / 1000;

  it("treats two missing dates as the same and one missing as different", () => {
    const date = parseClientDate("2026-03-20T17:00:00Z");
    expect(sameClientDate(undefined, undefined)).toBe(true);
    expect(sameClientDate(date, undefined)).toBe(false);
    expect(sameClientDate(undefined, date)).toBe(false);
  });

  it("compares instants by time, whatever shape they were written in", () => {
    const timestamp = parseClientDate(new Timestamp(seconds, 0));
    expect(sameClientDate(timestamp, parseClientDate(new Timestamp(seconds, 0)))).toBe(true);
    expect(sameClientDate(timestamp, parseClientDate(at("2026-03-20T17:00:00Z")))).toBe(true);
    expect(sameClientDate(timestamp, parseClientDate("2026-03-20T20:00:00+03:00"))).toBe(true);
    expect(sameClientDate(timestamp, parseClientDate({ _seconds: seconds, _nanoseconds: 0 }))).toBe(
      true,
    );
  });

  it("tells instants apart by as little as a millisecond", () => {
    expect(
      sameClientDate(
        parseClientDate(at("2026-03-20T17:00:00.000Z")),
        parseClientDate(at("2026-03-20T17:00:00.001Z")),
      ),
    ).toBe(false);
    expect(
      sameClientDate(
        parseClientDate(new Timestamp(seconds, 0)),
        parseClientDate(new Timestamp(seconds + 3600, 0)),
      ),
    ).toBe(false);
  });

  it("compares local dates as written (after normalising the separator)", () => {
    expect(sameClientDate({ local: "2026-03-20T17:00" }, { local: "2026-03-20T17:00" })).toBe(true);
    expect(
      sameClientDate(parseClientDate("2026-03-20 17:00"), parseClientDate("2026-03-20T17:00")),
    ).toBe(true);
    expect(sameClientDate({ local: "2026-03-20T17:00" }, { local: "2026-03-20T18:00" })).toBe(
      false,
    );
    expect(sameClientDate({ local: "2026-03-20" }, { local: "2026-03-20T23:59" })).toBe(false);
  });

  it("never equates a local date with an instant, even one it could resolve to", () => {
    // 17:00 in New York on 2026-03-20 is 21:00Z, but the zone is not part of the date.
    expect(
      sameClientDate({ local: "2026-03-20T17:00" }, { instant: at("2026-03-20T21:00:00Z") }),
    ).toBe(false);
    expect(
      sameClientDate({ instant: at("2026-03-20T21:00:00Z") }, { local: "2026-03-20T17:00" }),
    ).toBe(false);
  });
});
