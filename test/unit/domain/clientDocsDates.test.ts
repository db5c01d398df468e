/** parseClientDate: every shape the client apps write a date in, and what is not a date. */
import { Timestamp } from "firebase-admin/firestore";
import { parseClientDate, sameClientDate } from "../../../functions/domain/clientDocs";
import { at } from "./clientDocsFixtures";

/** The instant a parsed date stands for; fails the test if it is not an instant. */
function instantOf(value: unknown): Date {
  const parsed = parseClientDate(value);
  if (!parsed || !("instant" in parsed)) {
    throw new Error(`expected an instant, got ${JSON.stringify(parsed)}`);
  }
  return parsed.instant;
}

describe("parseClientDate", () => {
  describe("Firestore Timestamps and their plain shapes", () => {
    it("reads a firebase-admin Timestamp, keeping milliseconds", () => {
      const timestamp = Timestamp.fromDate(at("2026-03-10T18:00:00.250Z"));
      expect(parseClientDate(timestamp)).toEqual({ instant: at("2026-03-10T18:00:00.250Z") });
    });

    it("reads a Timestamp built from seconds and nanoseconds", () => {
      const seconds = Date.UTC(2026, 10, 25, 14, 0, 0) / 1000;
      expect(instantOf(new Timestamp(seconds, 0)).toISOString()).toBe("2026-11-25T14:00:00.000Z");
      expect(instantOf(new Timestamp(seconds, 123_000_000)).toISOString()).toBe(
        "2026-11-25T14:00:00.123Z",
      );
    });

    it("reads a plain {seconds, nanoseconds} object", () => {
      const seconds = Date.UTC(2026, 10, 25, 14, 0, 0) / 1000;
      expect(parseClientDate({ seconds, nanoseconds: 0 })).toEqual({
        instant: at("2026-11-25T14:00:00Z"),
      });
    });

    it("reads a plain {_seconds, _nanoseconds} object (Timestamp serialised to JSON)", () => {
      const seconds = Date.UTC(2026, 10, 25, 14, 0, 0) / 1000;
      expect(parseClientDate({ _seconds: seconds, _nanoseconds: 0 })).toEqual({
        instant: at("2026-11-25T14:00:00Z"),
      });
      // What JSON.stringify really makes of an Admin SDK Timestamp.
      const json: unknown = JSON.parse(JSON.stringify(new Timestamp(seconds, 0)));
      expect(parseClientDate(json)).toEqual({ instant: at("2026-11-25T14:00:00Z") });
    });

    it.each([
      ["seconds", "nanoseconds"],
      ["_seconds", "_nanoseconds"],
    ])("keeps the sub-second part of a plain {%s, %s} object", (secondsKey, nanosKey) => {
      const seconds = Date.UTC(2026, 10, 25, 14, 0, 0) / 1000;
      const plain = { [secondsKey]: seconds, [nanosKey]: 500_000_000 };
      expect(instantOf(plain).toISOString()).toBe("2026-11-25T14:00:00.500Z");
      // The same moment as a real Timestamp must compare equal.
      expect(
        sameClientDate(
          parseClientDate(plain),
          parseClientDate(new Timestamp(seconds, 500_000_000)),
        ),
      ).toBe(true);
    });
  });

  it("reads a JS Date", () => {
    const date = at("2026-03-10T18:00:00.250Z");
    expect(parseClientDate(date)).toEqual({ instant: at("2026-03-10T18:00:00.250Z") });
  });

  describe("ISO strings with an offset are instants", () => {
    it.each([
      ["2026-03-10T18:00:00Z", "2026-03-10T18:00:00.000Z"],
      ["2026-03-10T18:00:00.250Z", "2026-03-10T18:00:00.250Z"],
      ["2026-03-10T18:00Z", "2026-03-10T18:00:00.000Z"],
      ["2026-11-25T17:00:00+03:00", "2026-11-25T14:00:00.000Z"],
      ["2026-11-25T17:00+03:00", "2026-11-25T14:00:00.000Z"],
      ["2026-11-25T17:00:00+0300", "2026-11-25T14:00:00.000Z"],
      ["2026-03-08T02:30:00-05:00", "2026-03-08T07:30:00.000Z"],
      ["2026-07-01T09:00:00-04:00", "2026-07-01T13:00:00.000Z"],
      ["  2026-03-10T18:00:00Z  ", "2026-03-10T18:00:00.000Z"],
    ])("%p is %s", (text, iso) => {
      expect(instantOf(text).toISOString()).toBe(iso);
    });
  });

  describe("ISO strings without an offset stay local until a zone is known", () => {
    it.each([
      ["2026-03-08T02:30", "2026-03-08T02:30"],
      ["2026-03-08T02:30:15", "2026-03-08T02:30:15"],
      ["2026-03-08T02:30:15.250", "2026-03-08T02:30:15.250"],
      ["2026-11-25 17:00", "2026-11-25T17:00"],
      ["2026-11-25", "2026-11-25"],
      [" 2026-11-25 ", "2026-11-25"],
    ])("%p is local %p", (text, local) => {
      expect(parseClientDate(text)).toEqual({ local });
    });
  });

  describe("values that are not dates", () => {
    it.each<[string, unknown]>([
      ["a word", "tomorrow"],
      ["an empty string", ""],
      ["a blank string", "   "],
      ["a number", 42],
      ["null", null],
      ["undefined", undefined],
      ["an empty object", {}],
      ["an array", []],
      ["a boolean", true],
      ["an invalid Date", new Date("not a date")],
      ["seconds as a string", { seconds: "1772980200" }],
      ["seconds that are NaN", { seconds: Number.NaN }],
      ["a date in another format", "25/11/2026"],
      ["a word ending in z", "buzz"],
    ])("rejects %s", (_label, value) => {
      expect(parseClientDate(value)).toBeUndefined();
    });

    it.each(["1 Z", "0Z", "2026 Z"])(
      "rejects %p, which only ends like an ISO string with an offset",
      (text) => {
        expect(parseClientDate(text)).toBeUndefined();
      },
    );

    it.each([
      "2026-02-30",
      "2026-13-01",
      "2026-00-10T10:00",
      "2026-11-25T24:00",
      "2026-11-25T25:00",
      "2026-11-25T17:60",
    ])("rejects %p, a local date or time that does not exist on any calendar", (text) => {
      expect(parseClientDate(text)).toBeUndefined();
    });
  });
});
