/**
 * The admins' reminder tools through the web SDK: `listUpcomingReminders` (runs in a window,
 * across a DST change, by user; refusals) and `sendReminderNow` (once, the schedule untouched
 * when not due; a due occurrence sent as the job sends it, and not again by the job).
 */
import { adminDb, waitFor, waitForMessage } from "../support/emulators";
import { seedUser } from "../support/fixtures";
import { useTwilioStandIn, useWebClients } from "../support/lifecycle";

const twilio = useTwilioStandIn();
const web = useWebClients();
const admin = web.signedIn("rt-admin", "admin");
const partner = web.signedIn("rt-partner", "partner");
const student = web.signedIn("rt-student", "student");

const NY_PHONE = "+15555550168";
const BERLIN_PHONE = "+15555550169";
// Its own number: the listing tests' confirmations use up New York's hourly per-number limit.
const SEND_PHONE = "+15555550157";

interface Run {
  reminderId: string;
  userId: string | null;
  at: string;
  channel: string;
  recurrence: string;
  taskId?: string;
  message: string;
}
type Upcoming = { runs: Run[]; truncated: boolean };
type SentNow = { reminderId: string; messageId: string; status: string };

const reminders = () => adminDb().collection("reminders");
const reminderData = async (id: string) => (await reminders().doc(id).get()).data() ?? {};

/** Writes a reminder as a client app does and waits until the backend has scheduled it. */
async function writeScheduled(id: string, fields: Record<string, unknown>) {
  await reminders()
    .doc(id)
    .set({ title: `Reminder ${id}`, message: `Message of ${id}`, ...fields });
  return waitFor(`reminders/${id} scheduled`, async () => {
    const data = await reminderData(id);
    return data.status === "scheduled" ? data : undefined;
  });
}

/** The occurrence messages (not confirmations) about a reminder. */
async function reminderMessages(reminderId: string) {
  const found = await adminDb()
    .collection("sms_messages")
    .where("reminderId", "==", reminderId)
    .get();
  return found.docs
    .map((doc) => ({ id: doc.id, ...doc.data() }) as FirebaseFirestore.DocumentData)
    .filter((message) => message.type === "reminder");
}

const sentWithBody = (body: string) => twilio.requests.filter((r) => r.form.Body === body);
const mine = (runs: Run[]) => runs.filter((run) => run.reminderId.startsWith("rt-"));

beforeAll(async () => {
  await seedUser("rt-ny", { name: "Nora", phone_number: NY_PHONE, timezone: "America/New_York" });
  await seedUser("rt-ber", { name: "Ben", phone_number: BERLIN_PHONE, timezone: "Europe/Berlin" });
  await seedUser("rt-send", {
    name: "Sena",
    phone_number: SEND_PHONE,
    timezone: "Europe/Istanbul",
  });
  // The Berlin reminder has no zone of its own: its user's comes from the recipient row.
  await waitFor("the Berlin user's recipient row", async () =>
    (await adminDb().collection("sms_recipients").doc("rt-ber").get()).exists ? true : undefined,
  );
  await writeScheduled("rt-daily-ny", {
    userId: "rt-ny",
    scheduledTime: "2027-03-10T08:00",
    timezone: "America/New_York",
    recurrence: "daily",
  });
  await writeScheduled("rt-once-ny", {
    userId: "rt-ny",
    scheduledTime: "2027-03-15T09:30",
    timezone: "America/New_York",
    channel: "whatsapp",
  });
  await writeScheduled("rt-daily-ber", {
    userId: "rt-ber",
    scheduledTime: "2027-03-25T08:00",
    recurrence: "daily",
  });
  await writeScheduled("rt-done", {
    userId: "rt-ny",
    scheduledTime: "2027-03-14T10:00",
    timezone: "America/New_York",
    recurrence: "daily",
  });
  await reminders().doc("rt-done").update({ completed: true });
  await waitFor("rt-done completed", async () =>
    (await reminderData("rt-done")).status === "completed" ? true : undefined,
  );
});

describe("listUpcomingReminders", () => {
  it("lists each run in the window, a daily 08:00 staying 08:00 in New York across DST", async () => {
    const result = await admin.call<object, Upcoming>("listUpcomingReminders", {
      from: "2027-03-13T00:00:00-05:00",
      to: "2027-03-16T00:00:00-04:00",
    });
    expect(result.truncated).toBe(false);
    expect(mine(result.runs).map((run) => [run.reminderId, run.at])).toEqual([
      ["rt-daily-ny", "2027-03-13T13:00:00.000Z"],
      ["rt-daily-ny", "2027-03-14T12:00:00.000Z"], // EDT from 2027-03-14 02:00
      ["rt-daily-ny", "2027-03-15T12:00:00.000Z"],
      ["rt-once-ny", "2027-03-15T13:30:00.000Z"],
    ]);
    expect(result.runs.find((run) => run.reminderId === "rt-once-ny")).toEqual({
      reminderId: "rt-once-ny",
      userId: "rt-ny",
      at: "2027-03-15T13:30:00.000Z",
      channel: "whatsapp",
      recurrence: "none",
      message: "Message of rt-once-ny",
    });
  });

  it("keeps to one user when asked, in the user's zone (Berlin, across its DST change)", async () => {
    const result = await admin.call<object, Upcoming>("listUpcomingReminders", {
      from: "2027-03-26T00:00:00+01:00",
      to: "2027-03-30T00:00:00+02:00",
      userId: "rt-ber",
    });
    expect(result.runs.map((run) => [run.reminderId, run.at])).toEqual([
      ["rt-daily-ber", "2027-03-26T07:00:00.000Z"],
      ["rt-daily-ber", "2027-03-27T07:00:00.000Z"],
      ["rt-daily-ber", "2027-03-28T06:00:00.000Z"], // CEST from 2027-03-28 02:00
      ["rt-daily-ber", "2027-03-29T06:00:00.000Z"],
    ]);
    const everyone = await admin.call<object, Upcoming>("listUpcomingReminders", {
      from: "2027-03-26T00:00:00+01:00",
      to: "2027-03-30T00:00:00+02:00",
    });
    expect(new Set(mine(everyone.runs).map((run) => run.reminderId))).toEqual(
      new Set(["rt-daily-ber", "rt-daily-ny"]),
    );
  });

  it("refuses partners and students, and windows that are backwards, too long or zoneless", async () => {
    const window = { from: "2027-03-13T00:00:00Z", to: "2027-03-14T00:00:00Z" };
    for (const caller of [partner, student]) {
      await expect(caller.call("listUpcomingReminders", window)).rejects.toMatchObject({
        code: "functions/permission-denied",
      });
    }
    for (const bad of [
      { from: "2027-03-14T00:00:00Z", to: "2027-03-13T00:00:00Z" },
      { from: "2027-03-01T00:00:00Z", to: "2027-04-10T00:00:00Z" },
      { from: "2027-03-13T00:00", to: "2027-03-14T00:00:00Z" },
    ]) {
      await expect(admin.call("listUpcomingReminders", bad)).rejects.toMatchObject({
        code: "functions/invalid-argument",
      });
    }
  });
});

describe("sendReminderNow", () => {
  it("sends the next occurrence once, however often asked, leaving the schedule", async () => {
    const before = await writeScheduled("rt-later", {
      userId: "rt-send",
      scheduledTime: "2027-04-01T10:00",
      timezone: "America/New_York",
      recurrence: "weekly",
      message: "Try-out of rt-later",
    });
    const first = await admin.call<object, SentNow>("sendReminderNow", { reminderId: "rt-later" });
    expect(first).toMatchObject({
      reminderId: "rt-later",
      messageId: "reminder-now_rt-later_2027-04-01T10:00",
    });
    const sent = await waitForMessage(first.messageId, (m) => m.status === "sent");
    expect(sent).toMatchObject({ to: SEND_PHONE, type: "reminder", createdBy: "rt-admin" });

    const second = await admin.call<object, SentNow>("sendReminderNow", { reminderId: "rt-later" });
    expect(second).toEqual({ ...first, status: "sent" });
    expect(await reminderMessages("rt-later")).toHaveLength(1);
    expect(sentWithBody("Try-out of rt-later")).toHaveLength(1);

    const after = await reminderData("rt-later");
    expect(after.status).toBe("scheduled");
    expect(after.nextRunAt.toMillis()).toBe(before.nextRunAt.toMillis());
    expect(after.lastMessageId).toBeUndefined();
  });

  it("sends a due occurrence as the job would and moves it on; the job then sends nothing", async () => {
    const dueAt = new Date(Date.now() - 5 * 60_000);
    const due = await writeScheduled("rt-due", {
      userId: "rt-send",
      scheduledTime: dueAt.toISOString(),
      timezone: "Europe/Istanbul", // no DST: the next day is 24 hours on, whenever this runs
      recurrence: "daily",
      message: "Due now: rt-due",
    });
    expect(due.nextRunAt.toMillis()).toBe(dueAt.getTime());

    const result = await admin.call<object, SentNow>("sendReminderNow", { reminderId: "rt-due" });
    expect(result.messageId).toMatch(/^reminder_rt-due_\d{4}-\d\d-\d\dT\d\d:\d\d$/);
    const moved = await reminderData("rt-due");
    expect(moved).toMatchObject({ status: "scheduled", lastMessageId: result.messageId });
    expect(moved.nextRunAt.toMillis()).toBe(dueAt.getTime() + 86_400_000);
    await waitForMessage(result.messageId, (m) => m.status === "sent");

    await admin.call("runJob", { job: "dueReminders" });
    expect(await reminderMessages("rt-due")).toHaveLength(1);
    expect(sentWithBody("Due now: rt-due")).toHaveLength(1);
  });

  it("answers not-found, failed-precondition, and permission-denied to non-admins", async () => {
    await expect(
      admin.call("sendReminderNow", { reminderId: "rt-no-such-reminder" }),
    ).rejects.toMatchObject({ code: "functions/not-found" });
    await expect(admin.call("sendReminderNow", { reminderId: "rt-done" })).rejects.toMatchObject({
      code: "functions/failed-precondition",
    });
    for (const caller of [partner, student]) {
      await expect(
        caller.call("sendReminderNow", { reminderId: "rt-later" }),
      ).rejects.toMatchObject({ code: "functions/permission-denied" });
    }
    await expect(admin.call("sendReminderNow", { reminderId: "a/b" })).rejects.toMatchObject({
      code: "functions/invalid-argument",
    });
    expect(await reminderMessages("rt-done")).toHaveLength(0);
  });
});
