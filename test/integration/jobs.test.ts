/**
 * The scheduled notification jobs in the Emulator Suite, fired as Cloud Scheduler would with
 * chosen schedule times: at each, exactly one of New York, Istanbul and Tokyo is at the job's
 * local hour. Assertions are on the `sms_messages` documents (ids, recipients, bodies); the
 * real outbox trigger delivers what is due to the stand-in Twilio. Every job runs twice (and
 * some late) to show that nothing is queued twice. This file: the 09:00 reminders, and a run
 * that runs out of time; the evening digests and the overdue sweep have files of their own.
 */
import { adminDb, loadFunctionEnv, runSchedule, waitForMessage } from "../support/emulators";
import { expectQueuedFor, fireTwice, ids, jobMessages, useJobPopulation } from "../support/jobs";

const { expectOptedOut } = useJobPopulation();

describe("dailyReminders (09:00 local)", () => {
  it("sends each student with pending tasks one reminder at 09:00 in their own zone", async () => {
    // 00:00Z is 09:00 in Tokyo.
    await fireTwice("dailyRemindersJob", "2026-11-24T00:00:00Z");
    let messages = await jobMessages("task_reminder");
    expect(ids(messages)).toEqual(["daily-reminder_job-tyo-ken_2026-11-24"]);
    expect(messages.get("daily-reminder_job-tyo-ken_2026-11-24")?.body).toBe(
      "Good morning Ken! Pending tasks (1): Kanji practice",
    );
    // A job does not send what it queues: its marker wakes the outbox trigger, which does.
    const marker = adminDb()
      .collection("sms_outbox_queue")
      .doc("daily-reminder_job-tyo-ken_2026-11-24");
    expect((await marker.get()).exists).toBe(true);
    await waitForMessage("daily-reminder_job-tyo-ken_2026-11-24", (m) => m.status === "sent");

    // 06:00Z is 09:00 in Istanbul: in Turkish, nearest deadline first.
    await fireTwice("dailyRemindersJob", "2026-11-24T06:00:00Z");
    messages = await jobMessages("task_reminder");
    expect(ids(messages)).toEqual([
      "daily-reminder_job-ist-sule_2026-11-24",
      "daily-reminder_job-tyo-ken_2026-11-24",
    ]);
    const sule = messages.get("daily-reminder_job-ist-sule_2026-11-24");
    expectQueuedFor(sule, "job-ist-sule", "+15555550176");
    expect(sule).toMatchObject({ language: "tr", templateId: "task_reminder" });
    expect(sule?.body).toBe("Günaydın Şule! Bekleyen görevlerin (2): Kimya, Fizik");

    // 14:00Z is 09:00 in New York; the user without a zone is there by default. Nothing for a
    // student without tasks, a partner, SMS turned off, or no number; an opted-out number's
    // reminder is recorded suppressed.
    await fireTwice("dailyRemindersJob", "2026-11-24T14:00:00Z");
    // A late run in the same hour (another schedule time) finds the same ids.
    await runSchedule("dailyRemindersJob", new Date("2026-11-24T14:40:00Z"));
    messages = await jobMessages("task_reminder");
    expect(ids(messages)).toEqual([
      "daily-reminder_job-default_2026-11-24",
      "daily-reminder_job-ist-sule_2026-11-24",
      "daily-reminder_job-ny-ada_2026-11-24",
      "daily-reminder_job-ny-stop_2026-11-24",
      "daily-reminder_job-tyo-ken_2026-11-24",
    ]);
    expectOptedOut(messages.get("daily-reminder_job-ny-stop_2026-11-24"));
    const ada = messages.get("daily-reminder_job-ny-ada_2026-11-24");
    expectQueuedFor(ada, "job-ny-ada", "+15555550170");
    expect(ada?.body).toBe(
      "Good morning Ada! Pending tasks (4): Lab report, Essay, Algebra +1 more",
    );
    const dora = messages.get("daily-reminder_job-default_2026-11-24");
    expectQueuedFor(dora, "job-default", "+15555550175");
    expect(dora?.body).toBe("Good morning Dora! Pending tasks (1): Geometry");
  });

  it("records the run, and a rerun with the same schedule time does nothing more", async () => {
    const run = await adminDb()
      .collection("sms_job_runs")
      .doc("dailyReminders_2026-11-24T14:00:00.000Z")
      .get();
    expect(run.get("completedAt")).toBeTruthy();
    expect(run.get("cursor")).toBeNull();
    // Ada and Dora, plus any New York students other test files left behind.
    expect(run.get("report").queued).toBeGreaterThanOrEqual(2);
    expect(run.get("report").alreadyQueued).toBe(0);
    expect(run.get("invocations")).toBe(1);
  });
});

describe("a run that runs out of time", () => {
  it("saves its cursor and throws; the retry resumes from it and completes", async () => {
    loadFunctionEnv();
    const [{ readSettings }, { runDailyReminders }, { JobIncompleteError }] = await Promise.all([
      import("../../functions/params"),
      import("../../functions/services/jobs/dailyReminders"),
      import("../../functions/services/jobs/runner"),
    ]);
    // 09:00 in Tokyo on the 26th; no time budget at all, so it stops after its first page.
    const deps = { settings: readSettings(), now: new Date("2026-11-26T00:00:00Z"), budgetMs: 0 };
    const runRef = adminDb()
      .collection("sms_job_runs")
      .doc("dailyReminders_2026-11-26T00:00:00.000Z");

    const stopped = await runDailyReminders(deps).catch((error: unknown) => error);
    expect(stopped).toBeInstanceOf(JobIncompleteError);
    const saved = (await runRef.get()).data();
    expect(saved).toMatchObject({ completedAt: null, cursor: { chunk: 1, after: null } });
    expect(saved?.report.queued).toBeGreaterThanOrEqual(1);

    // The retry starts where the first stopped: nothing is considered twice.
    const resumed = await runDailyReminders(deps);
    expect(resumed).toEqual({ recipients: 0, queued: 0, alreadyQueued: 0, skipped: 0 });
    expect((await runRef.get()).get("completedAt")).toBeTruthy();
    expect(await runDailyReminders(deps)).toEqual(resumed);

    const messages = await jobMessages("task_reminder");
    expect(messages.get("daily-reminder_job-tyo-ken_2026-11-26")?.body).toBe(
      "Good morning Ken! Pending tasks (1): Kanji practice",
    );
  });
});
