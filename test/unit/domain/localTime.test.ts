import {
  formatLocalDateTime,
  isValidTimeZone,
  resolveTimeZone,
} from "../../../functions/domain/localTime";

const at = (iso: string): Date => new Date(iso);

describe("formatLocalDateTime", () => {
  it("formats English and Turkish in each language's own order", () => {
    const instant = at("2026-03-10T18:00:00Z");
    expect(formatLocalDateTime(instant, "America/New_York", "en")).toBe("Tue, Mar 10, 2:00 PM");
    expect(formatLocalDateTime(instant, "Europe/Istanbul", "tr")).toBe("10 Mart Salı 21:00");
    expect(formatLocalDateTime(at("2026-03-10T11:00:00Z"), "Europe/Istanbul", "tr")).toBe(
      "10 Mart Salı 14:00",
    );
  });

  describe("DST in America/New_York", () => {
    it("jumps from 1:59 AM EST to 3:00 AM EDT on 2026-03-08", () => {
      expect(formatLocalDateTime(at("2026-03-08T06:59:00Z"), "America/New_York", "en")).toBe(
        "Sun, Mar 8, 1:59 AM",
      );
      expect(formatLocalDateTime(at("2026-03-08T07:00:00Z"), "America/New_York", "en")).toBe(
        "Sun, Mar 8, 3:00 AM",
      );
    });

    it("shows the same UTC hour one hour later after the change", () => {
      expect(formatLocalDateTime(at("2026-03-07T14:00:00Z"), "America/New_York", "en")).toBe(
        "Sat, Mar 7, 9:00 AM",
      );
      expect(formatLocalDateTime(at("2026-03-09T14:00:00Z"), "America/New_York", "en")).toBe(
        "Mon, Mar 9, 10:00 AM",
      );
    });

    it("shows 1:30 AM twice when clocks fall back on 2026-11-01", () => {
      const edt = formatLocalDateTime(at("2026-11-01T05:30:00Z"), "America/New_York", "en");
      const est = formatLocalDateTime(at("2026-11-01T06:30:00Z"), "America/New_York", "en");
      expect(edt).toBe("Sun, Nov 1, 1:30 AM");
      expect(est).toBe(edt);
    });

    it("formats in Turkish for a New York recipient who reads Turkish", () => {
      expect(formatLocalDateTime(at("2026-03-08T07:00:00Z"), "America/New_York", "tr")).toBe(
        "8 Mart Pazar 03:00",
      );
    });
  });

  it("keeps Europe/Istanbul at +03 all year (no DST)", () => {
    expect(formatLocalDateTime(at("2026-01-15T06:00:00Z"), "Europe/Istanbul", "tr")).toBe(
      "15 Ocak Perşembe 09:00",
    );
    expect(formatLocalDateTime(at("2026-07-15T06:00:00Z"), "Europe/Istanbul", "tr")).toBe(
      "15 Temmuz Çarşamba 09:00",
    );
    expect(formatLocalDateTime(at("2026-03-29T06:00:00Z"), "Europe/Istanbul", "en")).toBe(
      "Sun, Mar 29, 9:00 AM",
    );
  });

  it("formats Asia/Tokyo, including a date that is already tomorrow there", () => {
    expect(formatLocalDateTime(at("2026-03-10T05:00:00Z"), "Asia/Tokyo", "en")).toBe(
      "Tue, Mar 10, 2:00 PM",
    );
    expect(formatLocalDateTime(at("2026-03-10T20:00:00Z"), "Asia/Tokyo", "tr")).toBe(
      "11 Mart Çarşamba 05:00",
    );
  });

  it.each([
    ["2026-02-02T09:00:00Z", "2 Şubat Pazartesi 12:00"],
    ["2026-04-30T09:00:00Z", "30 Nisan Perşembe 12:00"],
    ["2026-05-01T09:00:00Z", "1 Mayıs Cuma 12:00"],
    ["2026-06-06T09:00:00Z", "6 Haziran Cumartesi 12:00"],
    ["2026-08-18T09:00:00Z", "18 Ağustos Salı 12:00"],
    ["2026-09-30T21:00:00Z", "1 Ekim Perşembe 00:00"],
    ["2026-10-29T09:00:00Z", "29 Ekim Perşembe 12:00"],
    ["2026-11-11T09:00:00Z", "11 Kasım Çarşamba 12:00"],
    ["2026-12-31T20:59:00Z", "31 Aralık Perşembe 23:59"],
    ["2026-09-13T09:00:00Z", "13 Eylül Pazar 12:00"],
  ])("uses Turkish month and day names: %s → %s", (iso, expected) => {
    expect(formatLocalDateTime(at(iso), "Europe/Istanbul", "tr")).toBe(expected);
  });

  it("uses a 12-hour clock in English, 24-hour in Turkish, at midnight and noon", () => {
    expect(formatLocalDateTime(at("2026-03-10T00:00:00Z"), "UTC", "en")).toBe(
      "Tue, Mar 10, 12:00 AM",
    );
    expect(formatLocalDateTime(at("2026-03-10T12:00:00Z"), "UTC", "en")).toBe(
      "Tue, Mar 10, 12:00 PM",
    );
    expect(formatLocalDateTime(at("2026-03-10T00:00:00Z"), "UTC", "tr")).toBe("10 Mart Salı 00:00");
  });

  it("refuses an invalid time zone or date instead of guessing", () => {
    expect(() => formatLocalDateTime(at("2026-03-10T00:00:00Z"), "Mars/Olympus", "en")).toThrow(
      RangeError,
    );
    expect(() => formatLocalDateTime(at("not a date"), "UTC", "en")).toThrow(RangeError);
  });
});

describe("isValidTimeZone", () => {
  it.each(["America/New_York", "Europe/Istanbul", "Asia/Tokyo", "UTC", "Etc/GMT+3"])(
    "accepts %p",
    (tz) => {
      expect(isValidTimeZone(tz)).toBe(true);
    },
  );

  it.each([
    undefined,
    null,
    3,
    {},
    "",
    " ",
    "Mars/Olympus",
    "Europe/Istanbul ",
    "+03:00",
    "GMT+3:00",
    "America/New York",
  ])("rejects %p", (tz) => {
    expect(isValidTimeZone(tz)).toBe(false);
  });
});

describe("resolveTimeZone", () => {
  it("takes the first valid candidate", () => {
    expect(resolveTimeZone([undefined, "", "Europe/Istanbul", "Asia/Tokyo"], "UTC")).toBe(
      "Europe/Istanbul",
    );
  });

  it("skips invalid candidates", () => {
    expect(resolveTimeZone(["Mars/Olympus", 42, null, "Asia/Tokyo"], "UTC")).toBe("Asia/Tokyo");
  });

  it("falls back when no candidate is valid", () => {
    expect(resolveTimeZone([], "America/New_York")).toBe("America/New_York");
    expect(resolveTimeZone(["Not/AZone", undefined], "America/New_York")).toBe("America/New_York");
  });
});
