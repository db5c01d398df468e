import {
  deliverAt,
  isQuietAt,
  parseQuietHours,
  quietHoursEnd,
  type QuietHours,
} from "../../../functions/domain/quietHours";

const NEW_YORK = "America/New_York";
const LONDON = "Europe/London";
const ISTANBUL = "Europe/Istanbul";
const TOKYO = "Asia/Tokyo";

const at = (iso: string): Date => new Date(iso);
const MINUTE_MS = 60_000;

/** Parses a window that the test knows is valid. */
function window(text: string): QuietHours {
  const parsed = parseQuietHours(text);
  if (!parsed) throw new Error(`${text} did not parse`);
  return parsed;
}

const NIGHT = window("21:00-08:00");
const end = (iso: string, zone: string, quiet: QuietHours = NIGHT) =>
  quietHoursEnd(at(iso), zone, quiet)?.toISOString();

describe("parseQuietHours", () => {
  it.each([
    ["21:00-08:00", 21 * 60, 8 * 60],
    ["9:00-17:00", 9 * 60, 17 * 60],
    ["21:00 - 08:00", 21 * 60, 8 * 60],
    ["  22:30-7:15  ", 22 * 60 + 30, 7 * 60 + 15],
    ["22:00–07:00", 22 * 60, 7 * 60],
    ["00:00-06:00", 0, 6 * 60],
    ["23:59-00:00", 23 * 60 + 59, 0],
    ["22:00-24:00", 22 * 60, 0],
  ])("reads %j", (text, startMinutes, endMinutes) => {
    expect(parseQuietHours(text)).toEqual({ startMinutes, endMinutes });
  });

  it.each([
    "",
    "   ",
    "00:00-00:00",
    "08:00-08:00",
    "25:00-08:00",
    "21:60-08:00",
    "24:00-08:00",
    "21:00-24:30",
    "21-08",
    "21:00",
    "21:00-",
    "9:5-10:00",
    "123:00-08:00",
    "21:00/08:00",
    "quiet",
  ])("reads %j as no quiet hours", (text) => {
    expect(parseQuietHours(text)).toBeUndefined();
  });

  it("reads missing configuration as no quiet hours", () => {
    expect(parseQuietHours(undefined)).toBeUndefined();
    expect(parseQuietHours(null)).toBeUndefined();
  });
});

describe("isQuietAt", () => {
  // 2026-11-21 in New York is EST (UTC-5).
  it.each([
    ["2026-11-22T01:59:00Z", "20:59", false],
    ["2026-11-22T02:00:00Z", "21:00, the start", true],
    ["2026-11-22T04:30:00Z", "23:30", true],
    ["2026-11-22T05:00:00Z", "00:00", true],
    ["2026-11-22T07:00:00Z", "02:00", true],
    ["2026-11-22T12:59:59Z", "07:59:59", true],
    ["2026-11-22T13:00:00Z", "08:00, the end", false],
    ["2026-11-22T17:00:00Z", "12:00", false],
  ])("wrapping 21:00-08:00 in New York at %s (%s local): %s", (iso, _local, quiet) => {
    expect(isQuietAt(at(iso), NEW_YORK, NIGHT)).toBe(quiet);
  });

  it("handles a window that does not wrap midnight", () => {
    const afternoon = window("13:00-15:00");
    expect(isQuietAt(at("2026-11-21T09:59:00Z"), ISTANBUL, afternoon)).toBe(false); // 12:59
    expect(isQuietAt(at("2026-11-21T10:00:00Z"), ISTANBUL, afternoon)).toBe(true); // 13:00
    expect(isQuietAt(at("2026-11-21T11:59:00Z"), ISTANBUL, afternoon)).toBe(true); // 14:59
    expect(isQuietAt(at("2026-11-21T12:00:00Z"), ISTANBUL, afternoon)).toBe(false); // 15:00
    expect(isQuietAt(at("2026-11-21T21:00:00Z"), ISTANBUL, afternoon)).toBe(false); // 00:00
  });

  it("handles a window that starts at midnight", () => {
    const early = window("00:00-06:00");
    expect(isQuietAt(at("2026-11-21T20:59:00Z"), ISTANBUL, early)).toBe(false); // 23:59
    expect(isQuietAt(at("2026-11-21T21:00:00Z"), ISTANBUL, early)).toBe(true); // 00:00
    expect(isQuietAt(at("2026-11-22T03:00:00Z"), ISTANBUL, early)).toBe(false); // 06:00
  });

  it("is never quiet without a window, or with a window that makes no sense", () => {
    const instant = at("2026-11-22T04:30:00Z");
    expect(isQuietAt(instant, NEW_YORK, undefined)).toBe(false);
    expect(isQuietAt(instant, NEW_YORK, { startMinutes: 600, endMinutes: 600 })).toBe(false);
    expect(isQuietAt(instant, NEW_YORK, { startMinutes: -60, endMinutes: 480 })).toBe(false);
    expect(isQuietAt(instant, NEW_YORK, { startMinutes: 1260, endMinutes: 1440 })).toBe(false);
    expect(isQuietAt(instant, NEW_YORK, { startMinutes: 1260.5, endMinutes: 480 })).toBe(false);
  });

  it("gives Istanbul and Tokyo different answers at the same instant", () => {
    const instant = at("2026-11-21T13:00:00Z"); // 16:00 in Istanbul, 22:00 in Tokyo
    expect(isQuietAt(instant, ISTANBUL, NIGHT)).toBe(false);
    expect(isQuietAt(instant, TOKYO, NIGHT)).toBe(true);
  });

  it("rejects an invalid zone", () => {
    expect(() => isQuietAt(at("2026-11-21T13:00:00Z"), "Nowhere/Else", NIGHT)).toThrow(RangeError);
  });
});

describe("quietHoursEnd", () => {
  it("ends a wrapping window the next morning when entered before midnight", () => {
    // 23:30 EST on Nov 21: the window ends at 08:00 EST on Nov 22.
    expect(end("2026-11-22T04:30:00Z", NEW_YORK)).toBe("2026-11-22T13:00:00.000Z");
    expect(end("2026-11-22T02:00:00Z", NEW_YORK)).toBe("2026-11-22T13:00:00.000Z"); // 21:00
  });

  it("ends a wrapping window the same morning when entered after midnight", () => {
    expect(end("2026-11-22T07:00:00Z", NEW_YORK)).toBe("2026-11-22T13:00:00.000Z"); // 02:00
    expect(end("2026-11-22T12:59:00Z", NEW_YORK)).toBe("2026-11-22T13:00:00.000Z"); // 07:59
  });

  it("is undefined outside the window, at its end, and without a window", () => {
    expect(end("2026-11-22T13:00:00Z", NEW_YORK)).toBeUndefined(); // 08:00
    expect(end("2026-11-22T17:00:00Z", NEW_YORK)).toBeUndefined(); // 12:00
    expect(quietHoursEnd(at("2026-11-22T04:30:00Z"), NEW_YORK, undefined)).toBeUndefined();
  });

  it("ends a window that does not wrap on the same day", () => {
    const afternoon = window("13:00-15:00");
    expect(end("2026-11-21T11:00:00Z", ISTANBUL, afternoon)).toBe("2026-11-21T12:00:00.000Z");
    const early = window("00:00-06:00");
    expect(end("2026-11-21T21:00:00Z", ISTANBUL, early)).toBe("2026-11-22T03:00:00.000Z");
  });

  it("ends a window that runs until midnight at the next local midnight", () => {
    const evening = window("22:00-24:00");
    expect(end("2026-11-21T20:30:00Z", ISTANBUL, evening)).toBe("2026-11-21T21:00:00.000Z");
  });

  describe("DST nights", () => {
    it("ends at 08:00 EDT (12:00Z) on the morning clocks spring forward in New York", () => {
      expect(end("2026-03-08T04:00:00Z", NEW_YORK)).toBe("2026-03-08T12:00:00.000Z"); // 23:00 EST
      expect(end("2026-03-08T06:30:00Z", NEW_YORK)).toBe("2026-03-08T12:00:00.000Z"); // 01:30 EST
      expect(end("2026-03-08T07:30:00Z", NEW_YORK)).toBe("2026-03-08T12:00:00.000Z"); // 03:30 EDT
    });

    it("ends at 08:00 EST (13:00Z) on the morning clocks fall back in New York", () => {
      expect(end("2026-11-01T03:00:00Z", NEW_YORK)).toBe("2026-11-01T13:00:00.000Z"); // 23:00 EDT
      expect(end("2026-11-01T06:30:00Z", NEW_YORK)).toBe("2026-11-01T13:00:00.000Z"); // 01:30 EST
    });

    it("ends at 08:00 BST (07:00Z) on 2026-03-29 in London", () => {
      expect(end("2026-03-28T23:00:00Z", LONDON)).toBe("2026-03-29T07:00:00.000Z");
      expect(end("2026-10-24T22:00:00Z", LONDON)).toBe("2026-10-25T08:00:00.000Z"); // 23:00 BST
    });

    it("ends when the clocks jump if the end time itself is skipped", () => {
      // 22:00-02:30 on the night of 2026-03-08: 02:30 never happens, the window is over at
      // 03:00 EDT (07:00Z), when clocks jump from 02:00 EST.
      const lateNight = window("22:00-02:30");
      expect(end("2026-03-08T05:00:00Z", NEW_YORK, lateNight)).toBe("2026-03-08T07:00:00.000Z");
      expect(end("2026-03-08T06:45:30Z", NEW_YORK, lateNight)).toBe("2026-03-08T07:00:00.000Z");
      expect(isQuietAt(at("2026-03-08T06:59:00Z"), NEW_YORK, lateNight)).toBe(true);
      expect(isQuietAt(at("2026-03-08T07:00:00Z"), NEW_YORK, lateNight)).toBe(false);
    });

    it("ends at the 01:30 still ahead when 01:30 happens twice", () => {
      const untilHalfPastOne = window("21:00-01:30");
      // 01:15 EDT: the first 01:30 (EDT) is next.
      expect(end("2026-11-01T05:15:00Z", NEW_YORK, untilHalfPastOne)).toBe(
        "2026-11-01T05:30:00.000Z",
      );
      // 01:45 EDT is outside the window, but 01:00–01:29 EST is inside it again.
      expect(end("2026-11-01T05:45:00Z", NEW_YORK, untilHalfPastOne)).toBeUndefined();
      expect(end("2026-11-01T06:15:00Z", NEW_YORK, untilHalfPastOne)).toBe(
        "2026-11-01T06:30:00.000Z",
      );
    });

    it.each([
      ["21:00-08:00", "2026-03-07T12:00:00Z"],
      ["22:00-02:30", "2026-03-07T12:00:00Z"],
      ["21:00-01:30", "2026-10-31T12:00:00Z"],
      ["00:30-02:15", "2026-10-31T12:00:00Z"],
    ])("%s around %s: the end is always the first minute that is no longer quiet", (text, from) => {
      const quiet = window(text);
      for (
        let t = Date.parse(from);
        t < Date.parse(from) + 48 * 60 * MINUTE_MS;
        t += 7 * MINUTE_MS
      ) {
        const instant = new Date(t);
        const ends = quietHoursEnd(instant, NEW_YORK, quiet);
        expect(ends === undefined).toBe(!isQuietAt(instant, NEW_YORK, quiet));
        if (!ends) continue;
        expect(ends.getTime()).toBeGreaterThan(t);
        expect(isQuietAt(ends, NEW_YORK, quiet)).toBe(false);
        expect(isQuietAt(new Date(ends.getTime() - MINUTE_MS), NEW_YORK, quiet)).toBe(true);
      }
    });
  });

  it("gives Istanbul and Tokyo recipients different ends at the same instant", () => {
    // 19:00Z: 22:00 on Nov 21 in Istanbul, 04:00 on Nov 22 in Tokyo; both quiet.
    expect(end("2026-11-21T19:00:00Z", ISTANBUL)).toBe("2026-11-22T05:00:00.000Z");
    expect(end("2026-11-21T19:00:00Z", TOKYO)).toBe("2026-11-21T23:00:00.000Z");
    // 13:00Z: 16:00 in Istanbul (not quiet), 22:00 in Tokyo (quiet until 08:00 tomorrow).
    expect(end("2026-11-21T13:00:00Z", ISTANBUL)).toBeUndefined();
    expect(end("2026-11-21T13:00:00Z", TOKYO)).toBe("2026-11-21T23:00:00.000Z");
  });
});

describe("deliverAt", () => {
  const quietInstant = at("2026-11-22T04:30:00Z"); // 23:30 in New York

  it("sends an urgent message at once, even in quiet hours", () => {
    expect(deliverAt(quietInstant, NEW_YORK, NIGHT, true)).toBe(quietInstant);
  });

  it("holds a non-urgent message until the window ends", () => {
    expect(deliverAt(quietInstant, NEW_YORK, NIGHT, false)).toEqual(at("2026-11-22T13:00:00Z"));
  });

  it("sends at once outside the window or without one", () => {
    const noon = at("2026-11-22T17:00:00Z");
    expect(deliverAt(noon, NEW_YORK, NIGHT, false)).toBe(noon);
    expect(deliverAt(quietInstant, NEW_YORK, undefined, false)).toBe(quietInstant);
    expect(deliverAt(quietInstant, NEW_YORK, parseQuietHours("00:00-00:00"), false)).toBe(
      quietInstant,
    );
  });

  it("holds a message for Tokyo but not for Istanbul at the same instant", () => {
    const instant = at("2026-11-21T13:00:00Z");
    expect(deliverAt(instant, ISTANBUL, NIGHT, false)).toBe(instant);
    expect(deliverAt(instant, TOKYO, NIGHT, false)).toEqual(at("2026-11-21T23:00:00Z"));
  });
});
