import {
  inWindow,
  localDayWindow,
  localIsoWeekWindow,
} from "../../../functions/domain/dateWindows";

const at = (iso: string) => new Date(iso);

describe("localDayWindow", () => {
  it("is the recipient's calendar day, not the UTC one", () => {
    // 21:00 in New York on the 24th is 02:00Z on the 25th.
    expect(localDayWindow(at("2026-11-25T02:00:00Z"), "America/New_York")).toEqual({
      start: at("2026-11-24T05:00:00Z"),
      end: at("2026-11-25T05:00:00Z"),
    });
    expect(localDayWindow(at("2026-11-24T18:00:00Z"), "Europe/Istanbul")).toEqual({
      start: at("2026-11-23T21:00:00Z"),
      end: at("2026-11-24T21:00:00Z"),
    });
  });

  it("is 23 hours long on a spring-forward day", () => {
    const { start, end } = localDayWindow(at("2026-03-08T20:00:00Z"), "America/New_York");
    expect(end.getTime() - start.getTime()).toBe(23 * 3_600_000);
  });
});

describe("localIsoWeekWindow", () => {
  it("runs from Monday 00:00 to the next Monday 00:00 where the recipient is", () => {
    // Sunday 2026-11-22 20:00 in Tokyo.
    expect(localIsoWeekWindow(at("2026-11-22T11:00:00Z"), "Asia/Tokyo")).toEqual({
      start: at("2026-11-15T15:00:00Z"),
      end: at("2026-11-22T15:00:00Z"),
    });
  });

  it("takes the week of the local date at the turn of the week", () => {
    // Sunday 20:00 in New York is already Monday in UTC.
    const week = localIsoWeekWindow(at("2026-11-23T01:00:00Z"), "America/New_York");
    expect(week.start).toEqual(at("2026-11-16T05:00:00Z"));
    expect(week.end).toEqual(at("2026-11-23T05:00:00Z"));
  });
});

describe("inWindow", () => {
  it("is half-open", () => {
    const window = { start: at("2026-11-24T00:00:00Z"), end: at("2026-11-25T00:00:00Z") };
    expect(inWindow(window.start, window)).toBe(true);
    expect(inWindow(window.end, window)).toBe(false);
  });
});
