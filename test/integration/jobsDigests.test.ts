/**
 * The evening jobs in the Emulator Suite, each fired twice at chosen schedule times as Cloud
 * Scheduler would: motivation (18:00 local), the weekly progress (Sunday 20:00 local) and the
 * daily summary (21:00 local, opted-in users). Nothing is queued twice.
 */
import {
  expectQueuedFor,
  fireTwice,
  ids,
  IST,
  jobMessages,
  useJobPopulation,
} from "../support/jobs";
import { motivationLine } from "../../functions/domain/motivation";
import { isoWeekKey } from "../../functions/domain/localSchedule";

const { expectOptedOut } = useJobPopulation();

describe("motivation (18:00 local)", () => {
  it("sends every student a line built on their streak, a different one the next day", async () => {
    // 15:00Z is 18:00 in Istanbul.
    await fireTwice("motivationJob", "2026-11-24T15:00:00Z");
    let messages = await jobMessages("motivational");
    expect(ids(messages)).toEqual(["motivation_job-ist-sule_2026-11-24"]);
    expect(messages.get("motivation_job-ist-sule_2026-11-24")?.body).toBe(
      `Merhaba Şule! ${motivationLine(3, "tr", "2026-11-24", "job-ist-sule")}`,
    );

    // 23:00Z is 18:00 in New York: students only, with or without tasks or a streak.
    await fireTwice("motivationJob", "2026-11-24T23:00:00Z");
    messages = await jobMessages("motivational");
    expect(ids(messages)).toEqual([
      "motivation_job-default_2026-11-24",
      "motivation_job-ist-sule_2026-11-24",
      "motivation_job-ny-ada_2026-11-24",
      "motivation_job-ny-nil_2026-11-24",
      "motivation_job-ny-stop_2026-11-24",
    ]);
    expectOptedOut(messages.get("motivation_job-ny-stop_2026-11-24"));
    const ada = messages.get("motivation_job-ny-ada_2026-11-24");
    expectQueuedFor(ada, "job-ny-ada", "+15555550170");
    expect(ada?.body).toBe(`Hi Ada! ${motivationLine(12, "en", "2026-11-24", "job-ny-ada")}`);
    expect(ada?.body).toContain("12");
    expect(messages.get("motivation_job-ny-nil_2026-11-24")?.body).toBe(
      `Hi Nil! ${motivationLine(0, "en", "2026-11-24", "job-ny-nil")}`,
    );

    await fireTwice("motivationJob", "2026-11-25T23:00:00Z");
    messages = await jobMessages("motivational");
    expect(messages.size).toBe(9);
    const nextDay = messages.get("motivation_job-ny-ada_2026-11-25");
    expect(nextDay?.body).toMatch(/^Hi Ada! /);
    expect(nextDay?.body).not.toBe(ada?.body);
  });
});

describe("weeklyProgress (Sunday 20:00 local)", () => {
  it("sends the week's completed, open and overdue counts on Sunday evening only", async () => {
    // Saturday 20:00 in Istanbul: not the day.
    await fireTwice("weeklyProgressJob", "2026-11-28T17:00:00Z");
    expect((await jobMessages("progress_update")).size).toBe(0);

    // Sunday 20:00 in Istanbul.
    await fireTwice("weeklyProgressJob", "2026-11-29T17:00:00Z");
    const week = isoWeekKey(new Date("2026-11-29T17:00:00Z"), IST);
    expect(week).toBe("2026-W48");
    let messages = await jobMessages("progress_update");
    expect(ids(messages)).toEqual(["weekly-progress_job-ist-sule_2026-W48"]);
    expect(messages.get("weekly-progress_job-ist-sule_2026-W48")?.body).toBe(
      "Merhaba Şule, bu hafta 1 görev tamamladın; 2 görev bekliyor, 2 tanesi gecikmiş. Böyle devam!",
    );

    // Sunday 20:00 in New York (Monday 01:00Z). Nil has nothing to report.
    await fireTwice("weeklyProgressJob", "2026-11-30T01:00:00Z");
    messages = await jobMessages("progress_update");
    expect(ids(messages)).toEqual([
      "weekly-progress_job-default_2026-W48",
      "weekly-progress_job-ist-sule_2026-W48",
      "weekly-progress_job-ny-ada_2026-W48",
      "weekly-progress_job-ny-stop_2026-W48",
    ]);
    expectOptedOut(messages.get("weekly-progress_job-ny-stop_2026-W48"));
    // Poem was completed this week, Old quiz the week before; three deadlines have passed.
    expect(messages.get("weekly-progress_job-ny-ada_2026-W48")?.body).toBe(
      "Hi Ada, your week: 1 completed, 4 open (3 overdue). Keep going!",
    );
    expect(messages.get("weekly-progress_job-default_2026-W48")?.body).toBe(
      "Hi Dora, your week: 0 completed, 1 open (1 overdue). Keep going!",
    );
  });
});

describe("dailySummary (21:00 local, opted-in users)", () => {
  it("sends today's counts to users who opted in, and to no one else", async () => {
    // 18:00Z is 21:00 in Istanbul.
    await fireTwice("dailySummaryJob", "2026-11-24T18:00:00Z");
    let messages = await jobMessages("daily_summary");
    expect(ids(messages)).toEqual(["daily-summary_job-ist-sule_2026-11-24"]);
    expect(messages.get("daily-summary_job-ist-sule_2026-11-24")?.body).toBe(
      "Merhaba Şule, bugün 1 görev tamamladın; 2 görev bekliyor, 1 tanesi gecikmiş.",
    );

    // 02:00Z on the 25th is 21:00 on the 24th in New York. Oscar (SMS off) and Stella (opted
    // out) asked for it too: nothing for Oscar, a suppressed record for Stella.
    await fireTwice("dailySummaryJob", "2026-11-25T02:00:00Z");
    messages = await jobMessages("daily_summary");
    expect(ids(messages)).toEqual([
      "daily-summary_job-ist-sule_2026-11-24",
      "daily-summary_job-ny-ada_2026-11-24",
      "daily-summary_job-ny-stop_2026-11-24",
    ]);
    expectOptedOut(messages.get("daily-summary_job-ny-stop_2026-11-24"));
    const ada = messages.get("daily-summary_job-ny-ada_2026-11-24");
    expectQueuedFor(ada, "job-ny-ada", "+15555550170");
    expect(ada?.body).toBe("Hi Ada, today: 1 completed, 4 open (2 overdue).");
  });
});
