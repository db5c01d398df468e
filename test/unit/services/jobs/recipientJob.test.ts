import { toJobRecipient, zonesFor } from "../../../../functions/services/jobs/recipientJob";
import { jobRunId } from "../../../../functions/services/jobs/runner";

const settings = { defaultLanguage: "en", defaultTimeZone: "America/New_York" };

describe("toJobRecipient", () => {
  it("reads a row as the recipient index writes it", () => {
    const row = {
      timeZone: "Europe/Istanbul",
      role: "student",
      language: "tr",
      phone: "+15555550170",
      smsEnabled: true,
      marketingOptIn: false,
      dailySummary: true,
      name: "Şule Yılmaz",
      dailyStreak: 4,
    };
    expect(toJobRecipient("job-1", row, settings)).toEqual({
      userId: "job-1",
      phone: "+15555550170",
      smsEnabled: true,
      language: "tr",
      timeZone: "Europe/Istanbul",
      name: "Şule",
      dailyStreak: 4,
    });
  });

  it("fills what older rows lack, and falls back on an unusable zone or language", () => {
    const recipient = toJobRecipient(
      "job-2",
      { timeZone: "Mars/Olympus", smsEnabled: false, phone: null, language: "de" },
      settings,
    );
    expect(recipient).toMatchObject({
      timeZone: "America/New_York",
      language: "en",
      phone: null,
      smsEnabled: false,
      name: "there",
      dailyStreak: 0,
    });
  });

  it("rejects a malformed row", () => {
    expect(toJobRecipient("job-3", { smsEnabled: "yes" }, settings)).toBeUndefined();
    expect(toJobRecipient("job-3", undefined, settings)).toBeUndefined();
  });
});

describe("zonesFor", () => {
  it("finds the zones where it is the job's hour, the default zone among them", () => {
    // 06:00Z is 09:00 in Istanbul, 01:00 in New York, 15:00 in Tokyo.
    const zones = zonesFor({ hour: 9 }, new Date("2026-11-24T06:00:00Z"), "America/New_York");
    expect(zones).toContain("Europe/Istanbul");
    expect(zones).not.toContain("America/New_York");
    expect(zones).not.toContain("Asia/Tokyo");
    // An alias the runtime's list leaves out is still asked about when it is the default.
    expect(zonesFor({ hour: 9 }, new Date("2026-11-24T14:00:00Z"), "US/Eastern")).toContain(
      "US/Eastern",
    );
  });

  it("checks the local weekday of weekly jobs", () => {
    // Sunday 2026-11-22 17:00Z is Sunday 20:00 in Istanbul; a week later, Monday 20:00 there.
    const sunday = zonesFor({ hour: 20, weekday: 0 }, new Date("2026-11-22T17:00:00Z"), "UTC");
    expect(sunday).toContain("Europe/Istanbul");
    const monday = zonesFor({ hour: 20, weekday: 0 }, new Date("2026-11-23T17:00:00Z"), "UTC");
    expect(monday).not.toContain("Europe/Istanbul");
  });
});

describe("jobRunId", () => {
  it("names a run by its job and schedule time", () => {
    expect(jobRunId("overdue", new Date("2026-11-24T06:00:00Z"))).toBe(
      "overdue_2026-11-24T06:00:00.000Z",
    );
  });
});
