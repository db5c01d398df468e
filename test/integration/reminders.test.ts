/**
 * The reminders lifecycle in the emulators, written as the client apps write reminders:
 * confirmation on create, delivery when due (SMS, voice), recurrence, updates, completion,
 * cancellation, and invalid reminders. Due runs are fired with a chosen schedule time.
 */
import { getAuth as getAdminAuth } from "firebase-admin/auth";
import { Timestamp } from "firebase-admin/firestore";
import {
  adminDb,
  messagesFor,
  runSchedule,
  TWILIO_STAND_IN_PORT,
  waitFor,
  waitForMessage,
} from "../support/emulators";
import { seedUser } from "../support/fixtures";
import { startTwilioStandIn, type TwilioStandIn } from "../support/twilioStandIn";

let twilio: TwilioStandIn;

beforeAll(async () => {
  twilio = await startTwilioStandIn(TWILIO_STAND_IN_PORT);
});

afterAll(async () => {
  await twilio.close();
});

const reminders = () => adminDb().collection("reminders");
const reminderData = async (id: string) => (await reminders().doc(id).get()).data() ?? {};

/** The reminder once `predicate` holds for it. */
function reminderWhen(id: string, predicate: (data: FirebaseFirestore.DocumentData) => boolean) {
  return waitFor(`reminders/${id}`, async () => {
    const data = await reminderData(id);
    return predicate(data) ? data : undefined;
  });
}

/** Messages about a reminder, by type. */
async function reminderMessages(reminderId: string, type?: string) {
  const snapshot = await adminDb()
    .collection("sms_messages")
    .where("reminderId", "==", reminderId)
    .get();
  return snapshot.docs
    .map((doc) => ({ id: doc.id, ...doc.data() }) as FirebaseFirestore.DocumentData)
    .filter((m) => !type || m.type === type);
}

const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000);

describe("a reminder", () => {
  it("is confirmed, then sent when due, and ends sent", async () => {
    const phone = "+15555550140";
    await seedUser("rem-a", { name: "Arda", phone_number: phone, timezone: "Europe/Istanbul" });
    const at = inHours(2);
    await reminders().doc("rem-a1").set({
      userId: "rem-a",
      title: "Physics revision",
      message: "Time to revise Newton's laws.",
      scheduledTime: at.toISOString(),
    });

    const scheduled = await reminderWhen("rem-a1", (r) => r.status === "scheduled");
    expect(scheduled.nextRunAt.toDate()).toEqual(at);
    const [confirmation] = await waitFor("the confirmation", async () => {
      const found = await reminderMessages("rem-a1", "reminder_created");
      return found.length ? found : undefined;
    });
    expect(confirmation.body).toMatch(/^Reminder set for .*: Physics revision\.$/);

    await runSchedule("dueRemindersJob", new Date(at.getTime() + 1000));
    const sent = await reminderWhen("rem-a1", (r) => r.status === "sent");
    expect(sent.lastSentAt).toBeInstanceOf(Timestamp);
    const delivered = await waitForMessage(sent.lastMessageId, (m) => m.status === "sent");
    expect(delivered).toMatchObject({
      type: "reminder",
      body: "Time to revise Newton's laws.",
      to: phone,
    });

    // A second run at the same time finds nothing more to do.
    await runSchedule("dueRemindersJob", new Date(at.getTime() + 1000));
    expect(await reminderMessages("rem-a1", "reminder")).toHaveLength(1);
  });

  it("reads a naive scheduledTime as local time in its timezone, and repeats daily", async () => {
    await seedUser("rem-b", { name: "Berk", phone_number: "+15555550141" });
    await reminders().doc("rem-b1").set({
      userId: "rem-b",
      title: "Vocabulary",
      message: "Ten new words today.",
      scheduledTime: "2030-01-15T09:00",
      timezone: "Europe/Istanbul",
      recurrence: "daily",
    });
    const scheduled = await reminderWhen("rem-b1", (r) => r.status === "scheduled");
    expect(scheduled.nextRunAt.toDate()).toEqual(new Date("2030-01-15T06:00:00Z"));

    await runSchedule("dueRemindersJob", new Date("2030-01-15T06:00:30Z"));
    const moved = await reminderWhen(
      "rem-b1",
      (r) => r.nextRunAt?.toMillis() !== scheduled.nextRunAt.toMillis(),
    );
    expect(moved.status).toBe("scheduled");
    expect(moved.nextRunAt.toDate()).toEqual(new Date("2030-01-16T06:00:00Z"));
    const [occurrence] = await reminderMessages("rem-b1", "reminder");
    expect(occurrence.id).toBe("reminder_rem-b1_2030-01-15T09:00");
  });

  it("confirms an update of its time, and a completion, but not the backend's own writes", async () => {
    await seedUser("rem-c", { name: "Cansu", phone_number: "+15555550142" });
    await reminders()
      .doc("rem-c1")
      .set({
        userId: "rem-c",
        title: "Essay",
        message: "Finish the essay draft.",
        scheduledTime: inHours(3).toISOString(),
      });
    await reminderWhen("rem-c1", (r) => r.status === "scheduled");

    const later = inHours(5);
    await reminders().doc("rem-c1").update({ scheduledTime: later.toISOString() });
    const rescheduled = await reminderWhen(
      "rem-c1",
      (r) => r.nextRunAt?.toMillis() === later.getTime(),
    );
    expect(rescheduled.status).toBe("scheduled");

    await reminders().doc("rem-c1").update({ completed: true });
    const completed = await reminderWhen("rem-c1", (r) => r.status === "completed");
    expect(completed.nextRunAt).toBeNull();

    const confirmations = await waitFor("three confirmations", async () => {
      const found = (await reminderMessages("rem-c1")).filter((m) => m.type !== "reminder");
      return found.length >= 3 ? found : undefined;
    });
    expect(confirmations.map((m) => m.type).sort()).toEqual([
      "reminder_completed",
      "reminder_created",
      "reminder_updated",
    ]);
    // The backend wrote status/nextRunAt after each of those writes; none caused a message.
    expect(await reminderMessages("rem-c1")).toHaveLength(3);
  });

  it("stops when cancelled", async () => {
    await seedUser("rem-d", { name: "Duru", phone_number: "+15555550143" });
    const at = inHours(1);
    await reminders().doc("rem-d1").set({
      userId: "rem-d",
      title: "Maths",
      message: "Chapter 4 problems.",
      scheduledTime: at.toISOString(),
    });
    await reminderWhen("rem-d1", (r) => r.status === "scheduled");
    await reminders().doc("rem-d1").update({ status: "cancelled" });
    await reminderWhen("rem-d1", (r) => r.status === "cancelled" && r.nextRunAt === null);

    await runSchedule("dueRemindersJob", new Date(at.getTime() + 1000));
    expect(await reminderMessages("rem-d1", "reminder")).toHaveLength(0);
  });

  it("places a voice call whose TwiML speaks the escaped message in the user's language", async () => {
    const phone = "+15555550144";
    await seedUser("rem-e", { name: "Ece", phone_number: phone, language: "tr" });
    const at = inHours(1);
    await reminders().doc("rem-e1").set({
      userId: "rem-e",
      title: "İlaç",
      message: "İlacını al & <su> iç",
      scheduledTime: at.toISOString(),
      channel: "voice",
    });
    await reminderWhen("rem-e1", (r) => r.status === "scheduled");
    await runSchedule("dueRemindersJob", new Date(at.getTime() + 1000));
    await reminderWhen("rem-e1", (r) => r.status === "sent");

    const calls = twilio.requests.filter(
      (r) => r.path.endsWith("/Calls.json") && r.form.To === phone,
    );
    expect(calls).toHaveLength(1);
    expect(calls[0].form.Twiml).toContain('language="tr-TR"');
    expect(calls[0].form.Twiml).toContain("İlacını al &amp; &lt;su&gt; iç");
  });

  it("sends a WhatsApp reminder from the WhatsApp sender", async () => {
    const phone = "+15555550146";
    await seedUser("rem-w", { name: "Wanda", phone_number: phone });
    const at = inHours(1);
    await reminders().doc("rem-w1").set({
      userId: "rem-w",
      title: "Reading",
      message: "Read chapter 5 tonight.",
      scheduledTime: at.toISOString(),
      channel: "whatsapp",
    });
    await reminderWhen("rem-w1", (r) => r.status === "scheduled");
    await runSchedule("dueRemindersJob", new Date(at.getTime() + 1000));
    await reminderWhen("rem-w1", (r) => r.status === "sent");

    const sent = twilio.requests.filter((r) => r.form.To === `whatsapp:${phone}`);
    expect(sent).toHaveLength(1);
    expect(sent[0].form).toMatchObject({
      From: "whatsapp:+15555550199",
      Body: "Read chapter 5 tonight.",
    });
  });

  it("is marked failed with a reason when it is not valid, and sends nothing", async () => {
    await reminders()
      .doc("rem-f1")
      .set({ userId: "rem-f", title: "x", message: "", scheduledTime: "soon" });
    const failed = await reminderWhen("rem-f1", (r) => r.status === "failed");
    expect(failed.errorMessage).toMatch(/title/);
    expect(failed.errorMessage).toMatch(/scheduledTime/);
    expect(await messagesFor()).not.toContainEqual(
      expect.objectContaining({ reminderId: "rem-f1" }),
    );
  });

  it("fails with a plain reason when its number is invalid", async () => {
    const at = inHours(1);
    // A reminder to a bare number needs an admin author (the role claim).
    await getAdminAuth()
      .createUser({ uid: "rem-admin" })
      .catch(() => undefined);
    await getAdminAuth().setCustomUserClaims("rem-admin", { role: "admin" });
    await reminders().doc("rem-g1").set({
      createdBy: "rem-admin",
      phone_number: "12345",
      title: "Library",
      message: "Return the books.",
      scheduledTime: at.toISOString(),
    });
    await reminderWhen("rem-g1", (r) => r.status === "scheduled");
    await runSchedule("dueRemindersJob", new Date(at.getTime() + 1000));
    const failed = await reminderWhen("rem-g1", (r) => r.status === "failed");
    expect(failed.errorMessage).toMatch(/not valid/);
  });
});
