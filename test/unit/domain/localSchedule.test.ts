import { format, getISOWeek, getISOWeekYear } from "date-fns";
import { formatInTimeZone } from "date-fns-tz";
import {
  candidateZones,
  isoWeekKey,
  localDateKey,
  localHourMinute,
  localTimeToday,
  zonesAtLocalHour,
} from "../../../functions/domain/localSchedule";
import { isValidTimeZone } from "../../../functions/domain/localTime";

const NEW_YORK = "America/New_York";
const ISTANBUL = "Europe/Istanbul";
const TOKYO = "Asia/Tokyo";
const KOLKATA = "Asia/Kolkata";
const THREE = [ISTANBUL, NEW_YORK, TOKYO];

const at = (iso: string): Date => new Date(iso);
const HOUR_MS = 3_600_000;

describe("localHourMinute", () => {
  it("reads the local hour, minute and weekday (0 = Sunday) of one instant in each zone", () => {
    const instant = at("2026-11-21T06:00:00Z"); // a Saturday
    expect(localHourMinute(instant, ISTANBUL)).toEqual({ hour: 9, minute: 0, weekday: 6 });
    expect(localHourMinute(instant, NEW_YORK)).toEqual({ hour: 1, minute: 0, weekday: 6 });
    expect(localHourMinute(instant, TOKYO)).toEqual({ hour: 15, minute: 0, weekday: 6 });
    expect(localHourMinute(instant, KOLKATA)).toEqual({ hour: 11, minute: 30, weekday: 6 });
  });

  it("gives the local weekday, not the UTC one, near midnight", () => {
    // Sunday 00:30Z is still Saturday evening in New York and already Sunday morning in Tokyo.
    const instant = at("2026-11-22T00:30:00Z");
    expect(localHourMinute(instant, NEW_YORK)).toEqual({ hour: 19, minute: 30, weekday: 6 });
    expect(localHourMinute(instant, TOKYO)).toEqual({ hour: 9, minute: 30, weekday: 0 });
  });

  it("says midnight is hour 0, never 24", () => {
    expect(localHourMinute(at("2026-11-21T05:00:00Z"), NEW_YORK).hour).toBe(0);
    expect(localHourMinute(at("2026-11-21T00:00:00Z"), "UTC").hour).toBe(0);
  });

  it("rejects an invalid date or zone, and offsets that are not zones", () => {
    expect(() => localHourMinute(new Date(NaN), ISTANBUL)).toThrow(RangeError);
    expect(() => localHourMinute(at("2026-11-21T06:00:00Z"), "Mars/Olympus")).toThrow(RangeError);
    expect(() => localHourMinute(at("2026-11-21T06:00:00Z"), "+03:00")).toThrow(RangeError);
  });
});

describe("zonesAtLocalHour", () => {
  it("picks Istanbul at 06:00Z for 09:00, but not New York (01:00) or Tokyo (15:00)", () => {
    expect(zonesAtLocalHour(at("2026-11-21T06:00:00Z"), 9, THREE)).toEqual([ISTANBUL]);
  });

  it("picks New York at 14:00Z in winter and at 13:00Z in summer", () => {
    expect(zonesAtLocalHour(at("2026-11-21T14:00:00Z"), 9, THREE)).toEqual([NEW_YORK]);
    expect(zonesAtLocalHour(at("2026-11-21T13:00:00Z"), 9, THREE)).toEqual([]);
    expect(zonesAtLocalHour(at("2026-07-01T13:00:00Z"), 9, THREE)).toEqual([NEW_YORK]);
    expect(zonesAtLocalHour(at("2026-07-01T14:00:00Z"), 9, THREE)).toEqual([]);
  });

  it("counts 09:00–09:59 as hour 9 in a half-hour zone (Asia/Kolkata, UTC+5:30)", () => {
    expect(zonesAtLocalHour(at("2026-11-21T03:29:00Z"), 9, [KOLKATA])).toEqual([]);
    expect(zonesAtLocalHour(at("2026-11-21T03:30:00Z"), 9, [KOLKATA])).toEqual([KOLKATA]);
    expect(zonesAtLocalHour(at("2026-11-21T04:00:00Z"), 9, [KOLKATA])).toEqual([KOLKATA]);
    expect(zonesAtLocalHour(at("2026-11-21T04:29:59Z"), 9, [KOLKATA])).toEqual([KOLKATA]);
    expect(zonesAtLocalHour(at("2026-11-21T04:30:00Z"), 9, [KOLKATA])).toEqual([]);
  });

  it("matches the local weekday for the Sunday 20:00 job", () => {
    // Sunday 20:00 in Istanbul is 17:00Z on Sunday; in New York it is 01:00Z on Monday.
    expect(zonesAtLocalHour(at("2026-11-22T17:00:00Z"), 20, THREE, { weekday: 0 })).toEqual([
      ISTANBUL,
    ]);
    expect(zonesAtLocalHour(at("2026-11-23T01:00:00Z"), 20, THREE, { weekday: 0 })).toEqual([
      NEW_YORK,
    ]);
    expect(zonesAtLocalHour(at("2026-11-23T01:00:00Z"), 20, THREE, { weekday: 1 })).toEqual([]);
    expect(zonesAtLocalHour(at("2026-11-22T11:00:00Z"), 20, THREE, { weekday: 0 })).toEqual([
      TOKYO,
    ]);
    // Saturday 20:00 in Tokyo is the right hour on the wrong day.
    expect(zonesAtLocalHour(at("2026-11-21T11:00:00Z"), 20, THREE, { weekday: 0 })).toEqual([]);
  });

  it("keeps the order of the list and skips entries that are not zones", () => {
    const zones = [TOKYO, "Not/AZone", "+09:00", "", TOKYO, "Asia/Seoul"];
    expect(zonesAtLocalHour(at("2026-11-21T00:00:00Z"), 9, zones)).toEqual([
      TOKYO,
      TOKYO,
      "Asia/Seoul",
    ]);
  });

  it("rejects an hour or weekday out of range", () => {
    const instant = at("2026-11-21T06:00:00Z");
    expect(() => zonesAtLocalHour(instant, 24, THREE)).toThrow(RangeError);
    expect(() => zonesAtLocalHour(instant, -1, THREE)).toThrow(RangeError);
    expect(() => zonesAtLocalHour(instant, 9.5, THREE)).toThrow(RangeError);
    expect(() => zonesAtLocalHour(instant, 9, THREE, { weekday: 7 })).toThrow(RangeError);
    expect(() => zonesAtLocalHour(new Date(NaN), 9, THREE)).toThrow(RangeError);
  });

  it("picks every candidate zone exactly once in 24 hourly runs of an ordinary day", () => {
    // No zone changes offset on 2026-11-21 (checked below), so each one passes through 09:xx
    // exactly once, whatever its offset (half and quarter hours included).
    const zones = candidateZones();
    const seen = new Map<string, number>();
    for (let h = 0; h < 24; h += 1) {
      const run = new Date(Date.UTC(2026, 10, 20, 12) + h * HOUR_MS);
      for (const zone of zonesAtLocalHour(run, 9, zones)) seen.set(zone, (seen.get(zone) ?? 0) + 1);
    }
    expect(zones.filter((zone) => seen.get(zone) !== 1)).toEqual([]);
  });
});

describe("candidateZones", () => {
  const zones = candidateZones();

  it("lists the runtime's zones plus UTC, sorted and without duplicates", () => {
    expect(zones.length).toBeGreaterThan(300);
    expect(zones).toEqual(expect.arrayContaining(["UTC", ISTANBUL, NEW_YORK, TOKYO]));
    expect(new Set(zones).size).toBe(zones.length);
    expect([...zones].sort()).toEqual(zones);
    expect(zones.every(isValidTimeZone)).toBe(true);
  });

  it("includes the current names of zones the runtime lists under old ones", () => {
    expect(zones).toEqual(
      expect.arrayContaining([KOLKATA, "Europe/Kyiv", "Asia/Ho_Chi_Minh", "Asia/Kathmandu"]),
    );
    for (const name of Intl.supportedValuesOf("timeZone")) expect(zones).toContain(name);
  });
});

describe("localDateKey", () => {
  it("is the recipient's date, which differs from the UTC date near midnight", () => {
    const lateUtc = at("2026-11-21T23:30:00Z");
    expect(localDateKey(lateUtc, "UTC")).toBe("2026-11-21");
    expect(localDateKey(lateUtc, ISTANBUL)).toBe("2026-11-22");
    expect(localDateKey(lateUtc, TOKYO)).toBe("2026-11-22");
    expect(localDateKey(lateUtc, NEW_YORK)).toBe("2026-11-21");

    const earlyUtc = at("2026-11-21T02:00:00Z");
    expect(localDateKey(earlyUtc, "UTC")).toBe("2026-11-21");
    expect(localDateKey(earlyUtc, NEW_YORK)).toBe("2026-11-20");
  });

  it("changes at local midnight", () => {
    expect(localDateKey(at("2026-11-21T20:59:59Z"), ISTANBUL)).toBe("2026-11-21");
    expect(localDateKey(at("2026-11-21T21:00:00Z"), ISTANBUL)).toBe("2026-11-22");
  });
});

describe("isoWeekKey", () => {
  it("is the ISO week of the local date", () => {
    expect(isoWeekKey(at("2026-11-21T06:00:00Z"), ISTANBUL)).toBe("2026-W47");
    expect(isoWeekKey(at("2026-01-05T12:00:00Z"), ISTANBUL)).toBe("2026-W02");
  });

  it("uses the ISO week-numbering year at year boundaries", () => {
    // 2026 starts on a Thursday, so it has 53 weeks; 2027-01-01 to 01-03 belong to 2026-W53.
    expect(isoWeekKey(at("2026-12-31T12:00:00Z"), "UTC")).toBe("2026-W53");
    expect(isoWeekKey(at("2027-01-01T12:00:00Z"), "UTC")).toBe("2026-W53");
    expect(isoWeekKey(at("2027-01-03T12:00:00Z"), "UTC")).toBe("2026-W53");
    expect(isoWeekKey(at("2027-01-04T12:00:00Z"), "UTC")).toBe("2027-W01");
    // ...and the last days of December can belong to week 1 of the next year.
    expect(isoWeekKey(at("2024-12-30T12:00:00Z"), "UTC")).toBe("2025-W01");
    expect(isoWeekKey(at("2021-01-03T12:00:00Z"), "UTC")).toBe("2020-W53");
  });

  it("follows the local date when the week changes at local midnight", () => {
    // Sunday 22:00Z: still 2026-W53 in UTC, but Monday 01:00 (2027-W01) in Istanbul.
    const sundayNight = at("2027-01-03T22:00:00Z");
    expect(isoWeekKey(sundayNight, "UTC")).toBe("2026-W53");
    expect(isoWeekKey(sundayNight, ISTANBUL)).toBe("2027-W01");
    // Monday 03:00Z: 2027-W01 in UTC, still Sunday evening (2026-W53) in New York.
    const mondayEarly = at("2027-01-04T03:00:00Z");
    expect(isoWeekKey(mondayEarly, "UTC")).toBe("2027-W01");
    expect(isoWeekKey(mondayEarly, NEW_YORK)).toBe("2026-W53");
  });

  it("agrees with date-fns getISOWeek / getISOWeekYear on the local date, every day of 2026–2028", () => {
    for (let t = Date.UTC(2025, 11, 20, 20); t < Date.UTC(2029, 0, 10); t += 24 * HOUR_MS) {
      const instant = new Date(t);
      for (const zone of [TOKYO, NEW_YORK]) {
        const [year, month, day] = formatInTimeZone(instant, zone, "yyyy-MM-dd").split("-");
        const local = new Date(Number(year), Number(month) - 1, Number(day), 12);
        const expected = `${getISOWeekYear(local)}-W${format(local, "II")}`;
        expect(isoWeekKey(instant, zone)).toBe(expected);
        expect(getISOWeek(local)).toBe(Number(expected.slice(-2)));
      }
    }
  });
});

describe("localTimeToday", () => {
  it("is hh:mm on the recipient's local date", () => {
    // 06:00Z on Nov 21 is 01:00 in New York: "today" there is still Nov 21.
    const instant = at("2026-11-21T06:00:00Z");
    expect(localTimeToday(instant, NEW_YORK, 9)).toEqual(at("2026-11-21T14:00:00Z"));
    expect(localTimeToday(instant, ISTANBUL, 18)).toEqual(at("2026-11-21T15:00:00Z"));
    expect(localTimeToday(instant, KOLKATA, 9, 15)).toEqual(at("2026-11-21T03:45:00Z"));
  });

  it("uses the local date, not the UTC one, near midnight", () => {
    // 23:30Z on Nov 21 is already Nov 22 in Istanbul and Tokyo.
    const instant = at("2026-11-21T23:30:00Z");
    expect(localTimeToday(instant, ISTANBUL, 9)).toEqual(at("2026-11-22T06:00:00Z"));
    expect(localTimeToday(instant, TOKYO, 9)).toEqual(at("2026-11-22T00:00:00Z"));
    expect(localTimeToday(instant, NEW_YORK, 9)).toEqual(at("2026-11-21T14:00:00Z"));
  });

  it("uses the day's own offset across DST", () => {
    expect(localTimeToday(at("2026-03-07T20:00:00Z"), NEW_YORK, 9)).toEqual(
      at("2026-03-07T14:00:00Z"),
    );
    expect(localTimeToday(at("2026-03-08T20:00:00Z"), NEW_YORK, 9)).toEqual(
      at("2026-03-08T13:00:00Z"),
    );
  });

  it("moves a time skipped by DST forward, and takes the first of a repeated one", () => {
    // 02:30 does not exist in New York on 2026-03-08: 03:30 EDT.
    expect(localTimeToday(at("2026-03-08T15:00:00Z"), NEW_YORK, 2, 30)).toEqual(
      at("2026-03-08T07:30:00Z"),
    );
    // 01:30 happens twice on 2026-11-01: the first is 01:30 EDT.
    expect(localTimeToday(at("2026-11-01T15:00:00Z"), NEW_YORK, 1, 30)).toEqual(
      at("2026-11-01T05:30:00Z"),
    );
  });

  it("rejects an hour or minute out of range", () => {
    const instant = at("2026-11-21T06:00:00Z");
    expect(() => localTimeToday(instant, ISTANBUL, 24)).toThrow(RangeError);
    expect(() => localTimeToday(instant, ISTANBUL, 9, 60)).toThrow(RangeError);
    expect(() => localTimeToday(instant, ISTANBUL, 9.5)).toThrow(RangeError);
    expect(() => localTimeToday(instant, "Nowhere/Else", 9)).toThrow(RangeError);
  });
});
