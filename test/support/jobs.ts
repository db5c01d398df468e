/**
 * The set-up of the scheduled jobs' tests: a population of users (ids prefixed `job-`) in New
 * York, Istanbul and Tokyo, their tasks as the apps write them, the stand-in Twilio, and what
 * the tests read back. Other test files' users may live in the same emulator (in New York, the
 * default zone), so only messages to these users are counted.
 */
import { Timestamp } from "firebase-admin/firestore";
import { adminDb, runSchedule, waitFor } from "./emulators";
import { waitForTaskIndex, writeTask } from "./fixtures";
import { useTwilioStandIn } from "./lifecycle";

const NY = "America/New_York";
export const IST = "Europe/Istanbul";
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

export type Message = FirebaseFirestore.DocumentData & { id: string };

/** The population's messages of one type, by id. */
export async function jobMessages(type: string): Promise<Map<string, Message>> {
  const snapshot = await adminDb().collection("sms_messages").where("type", "==", type).get();
  const mine = snapshot.docs.filter((doc) => String(doc.get("userId")).startsWith("job-"));
  return new Map(mine.map((doc) => [doc.id, { id: doc.id, ...doc.data() }]));
}

/** Fires a schedule twice with the same time, as a retried or duplicated trigger would. */
export async function fireTwice(name: string, time: string): Promise<void> {
  await runSchedule(name, new Date(time));
  await runSchedule(name, new Date(time));
}

export const ids = (messages: Map<string, Message>) => [...messages.keys()].sort();

export function expectQueuedFor(message: Message | undefined, userId: string, to: string): void {
  expect(message).toBeDefined();
  expect(message).toMatchObject({ userId, to });
  expect(["queued", "sending", "sent", "deferred"]).toContain(message?.status);
}

/** The population's sms_recipients rows (the users trigger keeps them), present or not. */
const recipientRows = () =>
  Promise.all(
    Object.keys(USERS).map((uid) => adminDb().collection("sms_recipients").doc(uid).get()),
  );

/**
 * Registers this file's hooks: the population is seeded before the first test and removed after
 * the last, with `laterTaskIds` (tasks the tests write) too. The handles it returns work in any
 * test.
 */
export function useJobPopulation(laterTaskIds: readonly string[] = []) {
  const twilio = useTwilioStandIn();

  beforeAll(async () => {
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
      async () => ((await recipientRows()).every((row) => row.exists) ? true : undefined),
      30_000,
    );
  });

  afterAll(async () => {
    // Leave no students behind for other files' jobs; the messages stay, under job- ids.
    const db = adminDb();
    const taskIds = [...Object.keys(TASKS), ...laterTaskIds];
    await Promise.all(taskIds.map((id) => db.collection("tasks").doc(id).delete()));
    await Promise.all(Object.keys(USERS).map((uid) => db.collection("users").doc(uid).delete()));
    await db.collection("sms_suppressions").doc(SUPPRESSED).delete();
    // The next file may seed these users again: a late delete event would remove its rows.
    await waitFor("the sms_recipients rows to be removed", async () =>
      (await recipientRows()).some((row) => row.exists) ? undefined : true,
    );
  });

  /** An opted-out number's message is recorded `suppressed` (as a campaign's is) and never sent. */
  function expectOptedOut(message: Message | undefined): void {
    expect(message).toMatchObject({ userId: "job-ny-stop", to: SUPPRESSED, status: "suppressed" });
    expect(message?.error?.code).toBe("opted_out");
    expect(twilio.requests.filter((r) => r.form.To === SUPPRESSED)).toHaveLength(0);
  }

  return { expectOptedOut };
}
