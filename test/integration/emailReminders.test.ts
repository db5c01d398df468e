/**
 * Email reminders in the Emulator Suite: a reminder with `channel: "email"` is handed to the
 * Trigger Email extension as a `mail` document in the shape the extension reads, and its status
 * follows the `delivery.state` the extension writes back (written here as the extension would).
 */
import { Timestamp } from "firebase-admin/firestore";
import { doc, setDoc } from "firebase/firestore";
import { adminDb, messagesFor, runSchedule, waitFor, waitForMessage } from "../support/emulators";
import { seedUser, writeTask } from "../support/fixtures";
import { useTwilioStandIn, useWebClients } from "../support/lifecycle";
import { denied } from "../support/trustBoundary";

const twilio = useTwilioStandIn();
const web = useWebClients();
const ada = web.signedIn("mail-ada", "student");
const partner = web.signedIn("mail-partner", "partner");
const admin = web.signedIn("mail-admin", "admin");

const ADA_PHONE = "+15555550191";
const mail = async (id: string) => (await adminDb().collection("mail").doc(id).get()).data();
const reminder = async (id: string) =>
  (await adminDb().collection("reminders").doc(id).get()).data();
const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000);

/** The reminder once `predicate` holds for it. */
const reminderWhen = (id: string, predicate: (data: FirebaseFirestore.DocumentData) => boolean) =>
  waitFor(`reminders/${id}`, async () => {
    const data = await reminder(id);
    return data && predicate(data) ? data : undefined;
  });

/** Writes `delivery` on a mail document, as the extension does while it sends. */
const extensionWrites = (mailId: string, delivery: Record<string, unknown>) =>
  adminDb().collection("mail").doc(mailId).update({ delivery });

beforeAll(async () => {
  await seedUser("mail-ada", {
    name: "Ada",
    phone_number: ADA_PHONE,
    timezone: "America/New_York",
    email: "Ada.Lovelace@Example.com",
  });
  await seedUser("mail-off", {
    name: "Oscar",
    phone_number: "+15555550192",
    email: "oscar@example.com",
    email_notifications_enabled: false,
  });
  await seedUser("mail-partner", { name: "Pat", role: "partner" });
});

describe("an email reminder", () => {
  it("writes a mail document the extension reads, and follows its delivery.state", async () => {
    const at = inHours(2);
    await setDoc(doc(ada.firestore(), "reminders", "mail-r1"), {
      userId: "mail-ada",
      title: "Essay",
      message: "Essay draft due <Friday> & not later",
      scheduledTime: at.toISOString(),
      channel: "email",
    });
    // The confirmation goes by email too.
    const scheduled = await reminderWhen("mail-r1", (r) => r.status === "scheduled");
    await runSchedule("dueRemindersJob", new Date(at.getTime() + 1000));
    const dispatched = await reminderWhen(
      "mail-r1",
      (r) => r.lastMessageId !== scheduled.lastMessageId,
    );
    const messageId: string = dispatched.lastMessageId;
    const handedOff = await waitForMessage(messageId, (m) => m.status === "sending");
    expect(handedOff).toMatchObject({
      channel: "email",
      to: "Ada.Lovelace@example.com",
      provider: "email",
      providerMessageId: messageId,
      segments: 0,
      leaseExpiresAt: null,
    });
    expect(await mail(messageId)).toEqual({
      to: "Ada.Lovelace@example.com",
      messageId,
      message: {
        subject: "Reminder: Essay draft due <Friday> & not later",
        text: "Essay draft due <Friday> & not later",
        html: "<p>Essay draft due &lt;Friday&gt; &amp; not later</p>",
      },
    });

    await extensionWrites(messageId, { state: "PROCESSING", attempts: 0 });
    const endTime = Timestamp.fromDate(new Date(Date.now() - 1000));
    await extensionWrites(messageId, { state: "SUCCESS", attempts: 1, endTime, error: null });
    const sent = await waitForMessage(messageId, (m) => m.status === "sent");
    expect(sent.sentAt.toMillis()).toBe(endTime.toMillis());
    const done = await reminderWhen("mail-r1", (r) => r.status === "sent");
    expect(done.lastSentAt.toMillis()).toBe(endTime.toMillis());
    // Nothing went by SMS.
    expect(twilio.requests.filter((r) => r.form.To === ADA_PHONE)).toEqual([]);
  });

  it("is confirmed by email, and a failed email says so", async () => {
    await setDoc(doc(ada.firestore(), "reminders", "mail-r2"), {
      userId: "mail-ada",
      title: "Lab report",
      message: "Lab report today",
      scheduledTime: inHours(3).toISOString(),
      channel: "email",
    });
    const confirmation = await waitFor("the confirmation's mail", async () => {
      const found = await adminDb()
        .collection("sms_messages")
        .where("reminderId", "==", "mail-r2")
        .where("type", "==", "reminder_created")
        .get();
      const message = found.docs[0];
      return message?.get("status") === "sending" ? message : undefined;
    });
    expect(confirmation.get("channel")).toBe("email");
    expect((await mail(confirmation.id))?.message.text).toMatch(/Lab report/);
    await extensionWrites(confirmation.id, { state: "ERROR", error: "Invalid login: 535" });
    const failed = await waitForMessage(confirmation.id, (m) => m.status === "failed");
    expect(failed.error).toMatchObject({
      code: "email_failed",
      message: "Trigger Email: Invalid login: 535",
    });
  });

  it("is not sent to a user with email_notifications_enabled: false", async () => {
    const at = inHours(1);
    await adminDb().collection("reminders").doc("mail-r3").set({
      userId: "mail-off",
      title: "Muted",
      message: "You will not get this",
      scheduledTime: at.toISOString(),
      channel: "email",
    });
    await reminderWhen("mail-r3", (r) => r.status === "scheduled");
    await runSchedule("dueRemindersJob", new Date(at.getTime() + 1000));
    const failed = await reminderWhen("mail-r3", (r) => r.status === "failed");
    const message = await waitForMessage(failed.lastMessageId, (m) => m.status === "suppressed");
    expect(message.error).toMatchObject({ code: "email_disabled" });
    expect(await mail(failed.lastMessageId)).toBeUndefined();
  });

  it("can be asked for a task through scheduleTaskReminder", async () => {
    await writeTask("mail-task", {
      title: "Poem",
      assignedTo: "mail-ada",
      createdBy: "mail-partner",
    });
    const { reminderId } = await partner.call<object, { reminderId: string }>(
      "scheduleTaskReminder",
      { taskId: "mail-task", at: "2030-03-05T17:00", channel: "email" },
    );
    expect(reminderId).toMatch(/_email$/);
    expect(await reminderWhen(reminderId, (r) => r.status === "scheduled")).toMatchObject({
      channel: "email",
      userId: "mail-ada",
      taskId: "mail-task",
    });
    // The task's own notification comes from its trigger: waited for, so that it is not
    // queued while a later test file counts messages.
    await waitFor("the task's notification", async () =>
      (await messagesFor("mail-task")).length > 0 ? true : undefined,
    );
  });
});

describe("sendSms with channel email", () => {
  it("emails a user, and refuses an email to a bare number or from a stranger", async () => {
    const { messageId } = await admin.call<object, { messageId: string }>("sendSms", {
      userId: "mail-ada",
      message: "Your report card is ready.",
      channel: "email",
    });
    const message = await waitForMessage(messageId, (m) => m.status === "sending");
    expect(message).toMatchObject({ channel: "email", to: "Ada.Lovelace@example.com" });
    expect((await mail(messageId))?.message.text).toBe("Your report card is ready.");

    await expect(
      admin.call("sendSms", { phoneNumber: ADA_PHONE, message: "x", channel: "email" }),
    ).rejects.toMatchObject({ code: "functions/invalid-argument" });
    // A partner who assigned mail-ada nothing may not email her.
    await expect(
      partner.call("sendSms", { userId: "mail-off", message: "x", channel: "email" }),
    ).rejects.toMatchObject({ code: "functions/permission-denied" });
  });
});

describe("the mail collection", () => {
  it("cannot be written by a client (it would send any email through the extension)", async () => {
    await expect(
      setDoc(doc(ada.firestore(), "mail", "forged"), {
        to: "victim@example.com",
        message: { subject: "Hi", text: "spam" },
      }),
    ).rejects.toEqual(denied);
    expect(await mail("forged")).toBeUndefined();
  });
});
