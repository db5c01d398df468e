/**
 * The scheduled notification jobs in the Emulator Suite, fired as Cloud Scheduler would with
 * chosen schedule times: at each, exactly one of New York, Istanbul and Tokyo is at the job's
 * local hour. Assertions are on the `sms_messages` documents (ids, recipients, bodies); the
 * real outbox trigger delivers what is due to the stand-in Twilio. Every job runs twice (and
 * some late) to show that nothing is queued twice.
 *
 * Other test files' users live in the same emulator (in New York, the default zone), so only
 * messages to this file's users (ids prefixed `job-`) are counted.
 */
import { Timestamp } from "firebase-admin/firestore";
import {
  adminDb,
  loadFunctionEnv,
  runSchedule,
  TWILIO_STAND_IN_PORT,
  waitFor,
} from "../support/emulators";
import { updateTask, waitForTaskIndex, writeTask } from "../support/fixtures";
import { startTwilioStandIn, type TwilioStandIn } from "../support/twilioStandIn";
import { motivationLine } from "../../functions/domain/motivation";
import { isoWeekKey } from "../../functions/domain/localSchedule";

const NY = "America/New_York";
const IST = "Europe/Istanbul";
const TYO = "Asia/Tokyo";

/** The population, as the client apps write `users` (snake_case). */
const USERS: Record<string, Record<string, unknown>> = {
  "job-ny-ada": {
    name: "Ada Lovelace",
    phone_number: "+15555550170",
    timezone: NY,
    language: "en",
    daily_streak: 12,
    daily_summary_enabled: true,
  },
  "job-ny-nil": { name: "Nil Demir", phone_number: "+15555550171", timezone: NY, language: "en" },
  "job-ny-pat": { name: "Pat Tutor", role: "partner", phone_number: "+15555550172", timezone: NY },
  "job-ny-off": {
    name: "Oscar Off",
    phone_number: "+15555550173",
    timezone: NY,
    sms_notifications_enabled: false,
    daily_summary_enabled: true,
  },
  "job-ny-stop": {
    name: "Stella Stop",
    phone_number: "+15555550174",
    timezone: NY,
    daily_summary_enabled: true,
  },
  "job-ny-nophone": { name: "Noah Nophone", timezone: NY },
  // No timezone, no language: DEFAULT_TIMEZONE (America/New_York) and DEFAULT_LANGUAGE (en).
  "job-default": { name: "Dora Default", phone_number: "(555) 555-0175", daily_streak: 2 },
  "job-ist-sule": {
    name: "Şule Yılmaz",
    phone_number: "+15555550176",
    timezone: IST,
    language: "tr",
    daily_streak: 3,
    daily_summary_enabled: true,
  },
  "job-tyo-ken": { name: "Ken Sato", phone_number: "+15555550177", timezone: TYO, language: "en" },
};
const SUPPRESSED = "+15555550174";

/** Tasks as the apps write them: deadlines as Timestamps, ISO strings, naive local strings. */
const TASKS: Record<string, Record<string, unknown>> = {
  "job-ada-lab": {
    title: "Lab report",
    assignedTo: "job-ny-ada",
    deadline: Timestamp.fromDate(new Date("2026-11-23T17:00:00Z")),
  },
  "job-ada-essay": { title: "Essay", assignedTo: "job-ny-ada", deadline: "2026-11-24T20:00:00Z" },
  // Naive: 10:00 in New York on the 26th.
  "job-ada-algebra": { title: "Algebra", assignedTo: "job-ny-ada", deadline: "2026-11-26T10:00" },
  "job-ada-reading": { title: "Reading", assignedTo: "job-ny-ada" },
  "job-ada-done": {
    title: "Poem",
    assignedTo: "job-ny-ada",
    completed: true,
    completedAt: "2026-11-24T15:00:00Z",
  },
  "job-ada-old": {
    title: "Old quiz",
    assignedTo: "job-ny-ada",
    completed: true,
    completedAt: Timestamp.fromDate(new Date("2026-11-20T15:00:00Z")),
  },
  "job-pat-task": { title: "Grade essays", assignedTo: "job-ny-pat" },
  "job-off-task": { title: "Muted task", assignedTo: "job-ny-off" },
  "job-stop-task": { title: "Opted-out task", assignedTo: "job-ny-stop" },
  "job-nophone-task": { title: "Unreachable task", assignedTo: "job-ny-nophone" },
  "job-default-task": { title: "Geometry", assignedTo: "job-default", deadline: "2026-11-27" },
  // Naive: 20:00 in Istanbul (17:00Z) on the 24th.
  "job-sule-kimya": { title: "Kimya", assignedTo: "job-ist-sule", deadline: "2026-11-24T20:00" },
  "job-sule-fizik": {
    title: "Fizik",
    assignedTo: "job-ist-sule",
    deadline: Timestamp.fromDate(new Date("2026-11-27T12:00:00Z")),
  },
  "job-sule-done": {
    title: "Tarih",
    assignedTo: "job-ist-sule",
    completed: true,
    completedAt: "2026-11-24T09:30",
  },
  "job-ken-kanji": {
    title: "Kanji practice",
    assignedTo: "job-tyo-ken",
    deadline: "2026-11-25T09:00:00+09:00",
  },
};

let twilio: TwilioStandIn;

beforeAll(async () => {
  twilio = await startTwilioStandIn(TWILIO_STAND_IN_PORT);
  const db = adminDb();
  await db
    .collection("sms_suppressions")
    .doc(SUPPRESSED)
    .set({ reason: "STOP", source: "inbound", createdAt: new Date() });
  for (const [uid, fields] of Object.entries(USERS)) {
    await db
      .collection("users")
      .doc(uid)
      .set({ email: `${uid}@example.com`, role: "student", ...fields });
  }
  for (const [taskId, fields] of Object.entries(TASKS)) await writeTask(taskId, fields);
  await waitForTaskIndex(Object.keys(TASKS));
  // The jobs query the projection the users trigger maintains: wait until it has every row.
  await waitFor(
    "the sms_recipients rows",
    async () => {
      const rows = await Promise.all(
        Object.keys(USERS).map((uid) => db.collection("sms_recipients").doc(uid).get()),
      );
      return rows.every((row) => row.exists) ? true : undefined;
    },
    30_000,
  );
});

afterAll(async () => {
  // Leave no students behind for other files' jobs; the messages stay, under job- ids.
  const db = adminDb();
  const ids = [...Object.keys(TASKS), ...Object.keys(OVERDUE_TASKS)];
  await Promise.all(ids.map((id) => db.collection("tasks").doc(id).delete()));
  await Promise.all(Object.keys(USERS).map((uid) => db.collection("users").doc(uid).delete()));
  await db.collection("sms_suppressions").doc(SUPPRESSED).delete();
  await twilio.close();
});

type Message = FirebaseFirestore.DocumentData & { id: string };

/** This file's messages of one type, by id. */
async function jobMessages(type: string): Promise<Map<string, Message>> {
  const snapshot = await adminDb().collection("sms_messages").where("type", "==", type).get();
  const mine = snapshot.docs.filter((doc) => String(doc.get("userId")).startsWith("job-"));
  return new Map(mine.map((doc) => [doc.id, { id: doc.id, ...doc.data() }]));
}

/** Fires a schedule twice with the same time, as a retried or duplicated trigger would. */
async function fireTwice(name: string, time: string): Promise<void> {
  await runSchedule(name, new Date(time));
  await runSchedule(name, new Date(time));
}

const ids = (messages: Map<string, Message>) => [...messages.keys()].sort();

function expectQueuedFor(message: Message | undefined, userId: string, to: string): void {
  expect(message).toBeDefined();
  expect(message).toMatchObject({ userId, to });
  expect(["queued", "sending", "sent", "deferred"]).toContain(message?.status);
}

/** An opted-out number's message is recorded `suppressed` (as a campaign's is) and never sent. */
function expectOptedOut(message: Message | undefined): void {
  expect(message).toMatchObject({ userId: "job-ny-stop", to: SUPPRESSED, status: "suppressed" });
  expect(message?.error?.code).toBe("opted_out");
  expect(twilio.requests.filter((r) => r.form.To === SUPPRESSED)).toHaveLength(0);
}

describe("dailyReminders (09:00 local)", () => {
  it("sends each student with pending tasks one reminder at 09:00 in their own zone", async () => {
    // 00:00Z is 09:00 in Tokyo.
    await fireTwice("dailyRemindersJob", "2026-11-24T00:00:00Z");
    let messages = await jobMessages("task_reminder");
    expect(ids(messages)).toEqual(["daily-reminder_job-tyo-ken_2026-11-24"]);
    expect(messages.get("daily-reminder_job-tyo-ken_2026-11-24")?.body).toBe(
      "Good morning Ken! Pending tasks (1): Kanji practice",
    );

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

/** Tasks of the overdue sweep, written in its test (December, clear of the tasks above). */
const OVERDUE_TASKS: Record<string, Record<string, unknown>> = {
  "job-od-str": { title: "Essay v2", assignedTo: "job-ny-ada", deadline: "2026-12-10T15:00:00Z" },
  "job-od-ts": {
    title: "Kanji test",
    assignedTo: "job-tyo-ken",
    deadline: Timestamp.fromDate(new Date("2026-12-10T15:30:00Z")),
  },
  // Naive: 18:00 in Istanbul is 15:00Z.
  "job-od-naive": {
    title: "Fizik ödevi",
    assignedTo: "job-ist-sule",
    deadline: "2026-12-10T18:00",
  },
  "job-od-done": {
    title: "Done in time",
    assignedTo: "job-ny-ada",
    deadline: "2026-12-10T15:00:00Z",
    completed: true,
    completedAt: "2026-12-10T14:00:00Z",
  },
  "job-od-future": { title: "Later", assignedTo: "job-ny-ada", deadline: "2026-12-10T18:00:00Z" },
  "job-od-off": { title: "Muted", assignedTo: "job-ny-off", deadline: "2026-12-10T15:00:00Z" },
  "job-od-stop": {
    title: "Opted out",
    assignedTo: "job-ny-stop",
    deadline: "2026-12-10T15:00:00Z",
  },
  "job-od-nophone": {
    title: "Unreachable",
    assignedTo: "job-ny-nophone",
    deadline: "2026-12-10T15:00:00Z",
  },
};

describe("overdue (hourly)", () => {
  it("tells the assignee once per missed deadline, and again when a moved one is missed", async () => {
    for (const [taskId, fields] of Object.entries(OVERDUE_TASKS)) await writeTask(taskId, fields);
    await waitForTaskIndex(Object.keys(OVERDUE_TASKS));

    await fireTwice("overdueJob", "2026-12-10T16:00:00Z");
    const first = await jobMessages("task_overdue");
    expect(ids(first)).toEqual([
      "task-overdue_job-od-naive_1796914800000",
      "task-overdue_job-od-stop_1796914800000",
      "task-overdue_job-od-str_1796914800000",
      "task-overdue_job-od-ts_1796916600000",
    ]);
    expectOptedOut(first.get("task-overdue_job-od-stop_1796914800000"));
    const essay = first.get("task-overdue_job-od-str_1796914800000");
    expectQueuedFor(essay, "job-ny-ada", "+15555550170");
    expect(essay).toMatchObject({ taskId: "job-od-str", templateId: "task_overdue" });
    expect(essay?.body).toBe(
      "Hi Ada, the deadline for Essay v2 has passed (Thu, Dec 10, 10:00 AM). Finish it when you can!",
    );
    expect(first.get("task-overdue_job-od-ts_1796916600000")?.body).toContain(
      "Kanji test has passed (Fri, Dec 11, 12:30 AM)",
    );
    expect(first.get("task-overdue_job-od-naive_1796914800000")?.body).toBe(
      "Merhaba Şule, Fizik ödevi görevinin teslim tarihi geçti (10 Aralık Perşembe 18:00). Fırsat bulunca tamamla!",
    );

    // The next hourly runs still see those deadlines, and queue nothing new.
    await runSchedule("overdueJob", new Date("2026-12-10T17:00:00Z"));
    await runSchedule("overdueJob", new Date("2026-12-10T19:00:00Z"));
    // "Later" (18:00Z) has passed by the 19:00 run.
    const afterLater = await jobMessages("task_overdue");
    expect(ids(afterLater)).toEqual(
      [...ids(first), "task-overdue_job-od-future_1796925600000"].sort(),
    );

    // The deadline moves to the next day and is missed again: a second message.
    await updateTask("job-od-str", { deadline: "2026-12-11T10:00:00Z" });
    await waitForTaskIndex(["job-od-str"]);
    await fireTwice("overdueJob", "2026-12-11T11:00:00Z");
    const moved = await jobMessages("task_overdue");
    expect(ids(moved)).toEqual(
      [...ids(afterLater), "task-overdue_job-od-str_1796983200000"].sort(),
    );
    expect(moved.get("task-overdue_job-od-str_1796983200000")?.body).toContain(
      "(Fri, Dec 11, 5:00 AM)",
    );
    expect([...moved.values()].filter((m) => m.taskId === "job-od-str")).toHaveLength(2);
  });
});
