/**
 * The SMS pipeline end to end, in the Emulator Suite: a client app writes a task, the deployed
 * triggers queue and deliver the message, and the real Twilio and AWS SDKs reach local
 * stand-in servers. Each test uses its own users, phone numbers and task ids, so the stand-in
 * requests of one test are told apart from another's by the `To` number.
 */
import { Timestamp } from "firebase-admin/firestore";
import {
  adminDb,
  messagesFor,
  runSchedule,
  SNS_STAND_IN_PORT,
  TWILIO_STAND_IN_PORT,
  waitFor,
  waitForMessage,
} from "../support/emulators";
import { seedUser, updateTask, writeTask } from "../support/fixtures";
import { startSnsStandIn, snsError, type SnsStandIn } from "../support/snsStandIn";
import { startTwilioStandIn, twilioError, type TwilioStandIn } from "../support/twilioStandIn";

let twilio: TwilioStandIn;
let sns: SnsStandIn;

beforeAll(async () => {
  twilio = await startTwilioStandIn(TWILIO_STAND_IN_PORT);
  sns = await startSnsStandIn(SNS_STAND_IN_PORT);
});

afterAll(async () => {
  await twilio.close();
  await sns.close();
});

afterEach(() => {
  twilio.respondWith(null);
  sns.respondWith(null);
});

const twilioTo = (phone: string) => twilio.requests.filter((r) => r.form.To === phone);
const snsTo = (phone: string) => sns.requests.filter((r) => r.form.PhoneNumber === phone);

/** The messages about a task once there are `count` of them in a status matching `done`. */
async function settledMessages(
  taskId: string,
  count: number,
  done: (status: string) => boolean = (status) => status === "sent",
) {
  return waitFor(`${count} settled messages for ${taskId}`, async () => {
    const messages = await messagesFor(taskId);
    const settled = messages.filter((m) => done(m.status));
    return settled.length >= count ? messages : undefined;
  });
}

describe("a task written by a client app", () => {
  it("sends the assignee exactly one task_created SMS through Twilio, in their time zone", async () => {
    await seedUser("student-a", {
      name: "Ada Lovelace",
      phone_number: "(555) 555-0101",
      timezone: "America/New_York",
      language: "en",
    });
    // Only a partner (or admin) may assign a task to someone else, and notify them.
    await seedUser("partner-a", { name: "Pınar", role: "partner" });
    await writeTask("task-a", {
      assignedTo: "student-a",
      createdBy: "partner-a",
      deadline: "2026-11-25T17:00:00Z",
    });

    const [message] = await settledMessages("task-a", 1);
    expect(message).toMatchObject({
      status: "sent",
      type: "task_created",
      provider: "twilio",
      to: "+15555550101",
      userId: "student-a",
      language: "en",
      encoding: "GSM-7",
      segments: 1,
      attempts: 1,
    });
    expect(message.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    const requests = twilioTo("+15555550101");
    expect(requests).toHaveLength(1);
    expect(requests[0].form).toMatchObject({
      From: "+15555550100",
      Body: "Hi Ada, you have a new task: Chapter 3 exercises. Due: Wed, Nov 25, 12:00 PM.",
    });
    expect(requests[0].auth?.username).toBe("AC00000000000000000000000000000000");
    expect(message.body).toBe(requests[0].form.Body);
  });

  it("writes to a Turkish student in Turkish, in Istanbul time, as UCS-2", async () => {
    await seedUser("student-tr", {
      name: "Şule Yılmaz",
      phone_number: "+1 555 555 0102",
      timezone: "Europe/Istanbul",
      language: "tr",
    });
    await writeTask("task-tr", {
      title: "Üslü sayılar",
      assignedTo: "student-tr",
      deadline: Timestamp.fromDate(new Date("2026-11-25T17:00:00Z")),
    });

    const [message] = await settledMessages("task-tr", 1);
    expect(message.body).toBe(
      "Merhaba Şule, yeni bir görevin var: Üslü sayılar. Teslim: 25 Kasım Çarşamba 20:00.",
    );
    expect(message).toMatchObject({ language: "tr", encoding: "UCS-2", segments: 2 });
    expect(twilioTo("+15555550102")).toHaveLength(1);
  });

  it("sends nothing for a change to other fields, and task_updated for a new deadline", async () => {
    await seedUser("student-c", { name: "Cem", phone_number: "+15555550103" });
    await writeTask("task-c", { assignedTo: "student-c", deadline: "2026-11-25T17:00:00Z" });
    await settledMessages("task-c", 1);

    // Fields the apps and the backend write that say nothing new to the student.
    await updateTask("task-c", { viewedAt: new Date().toISOString(), status: "in_progress" });
    await updateTask("task-c", { deadline: "2026-11-26T17:00:00Z" });

    const messages = await settledMessages("task-c", 2);
    // The later write's message arriving proves the earlier write's trigger has run.
    expect(messages.map((m) => m.type).sort()).toEqual(["task_created", "task_updated"]);
    expect(messages.find((m) => m.type === "task_updated")?.body).toContain("Thu, Nov 26");
    expect(twilioTo("+15555550103")).toHaveLength(2);
  });

  it("on completion congratulates the student (with their streak) and tells the creator", async () => {
    await seedUser("student-d", {
      name: "Deniz Kaya",
      phone_number: "+15555550104",
      daily_streak: 4,
    });
    await seedUser("partner-d", {
      name: "Pat Tutor",
      role: "partner",
      phone_number: "+15555550105",
    });
    await writeTask("task-d", { assignedTo: "student-d", createdBy: "partner-d" });
    await settledMessages("task-d", 1);

    await updateTask("task-d", { completed: true, completedAt: new Date().toISOString() });

    const messages = await settledMessages("task-d", 3);
    const completed = messages.filter((m) => m.type === "task_completed");
    expect(completed.map((m) => m.to).sort()).toEqual(["+15555550104", "+15555550105"]);
    expect(completed.find((m) => m.to === "+15555550104")?.body).toBe(
      "Well done, Deniz! You completed Chapter 3 exercises. You're on a 4-day streak!",
    );
    expect(completed.find((m) => m.to === "+15555550105")?.body).toContain(
      "Deniz Kaya completed the task you assigned: Chapter 3 exercises",
    );
    expect(twilioTo("+15555550105")).toHaveLength(1);
  });

  it("sends the new assignee task_created when a task is reassigned", async () => {
    await seedUser("student-e1", { name: "Efe", phone_number: "+15555550106" });
    await seedUser("student-e2", { name: "Elif", phone_number: "+15555550107" });
    await writeTask("task-e", { assignedTo: "student-e1" });
    await settledMessages("task-e", 1);

    await updateTask("task-e", { assignedTo: "student-e2" });

    const messages = await settledMessages("task-e", 2);
    expect(messages.every((m) => m.type === "task_created")).toBe(true);
    expect(messages.map((m) => m.userId).sort()).toEqual(["student-e1", "student-e2"]);
  });

  it("skips a malformed task, and notifies once the app fixes it", async () => {
    await seedUser("student-f", { name: "Fatma", phone_number: "+15555550108" });
    await adminDb().collection("tasks").doc("task-f").set({ assignedTo: "student-f", title: 42 });
    await updateTask("task-f", { title: "Fixed title" });

    const [message] = await settledMessages("task-f", 1);
    expect(message.body).toContain("Fixed title");
    expect(await messagesFor("task-f")).toHaveLength(1);
  });
});

describe("policy", () => {
  it("skips an assignee who is unknown or has no phone, and notifies a real one", async () => {
    await seedUser("student-m1", { name: "Mert" });
    await seedUser("student-m3", { name: "Melis", phone_number: "+15555550119" });
    await writeTask("task-m", { assignedTo: "student-m1" });
    await updateTask("task-m", { assignedTo: "nobody-m2" });
    await updateTask("task-m", { assignedTo: "student-m3" });

    const [message] = await settledMessages("task-m", 1);
    expect(message.userId).toBe("student-m3");
    expect(await messagesFor("task-m")).toHaveLength(1);
  });

  it("defers messages beyond SMS_RATE_LIMIT per recipient per hour", async () => {
    // .env.demo-sms-test sets the limit to 5.
    const phone = "+15555550130";
    await seedUser("student-n", { name: "Nil", phone_number: phone });
    for (let i = 1; i <= 6; i++) {
      await writeTask(`task-n${i}`, { title: `Task ${i}`, assignedTo: "student-n" });
      await settledMessages(`task-n${i}`, 1, (s) => s === "sent" || s === "deferred");
    }

    const messages = (await messagesFor()).filter((m) => m.to === phone);
    expect(messages.filter((m) => m.status === "sent")).toHaveLength(5);
    const [deferred] = messages.filter((m) => m.status === "deferred");
    expect(deferred.body).toContain("Task 6");
    expect(deferred.nextAttemptAt.toMillis()).toBeGreaterThan(Date.now() + 55 * 60_000);
    expect(twilioTo(phone)).toHaveLength(5);
  });

  it("fails a message to an invalid number with a plain-language reason, sending nothing", async () => {
    await seedUser("student-g", { name: "Gül", phone_number: "12345" });
    await writeTask("task-g", { assignedTo: "student-g" });

    const [message] = await settledMessages("task-g", 1, (s) => s === "failed");
    expect(message.error.code).toBe("invalid_number");
    expect(message.error.userMessage).toMatch(/not valid/);
    expect(twilio.requests.filter((r) => r.form.To === "12345")).toHaveLength(0);
  });

  it("suppresses messages to an opted-out number and to a user who disabled SMS", async () => {
    await adminDb()
      .collection("sms_suppressions")
      .doc("+15555550109")
      .set({ reason: "STOP", source: "inbound", createdAt: new Date() });
    await seedUser("student-h1", { name: "Hale", phone_number: "+15555550109" });
    await seedUser("student-h2", {
      name: "Hakan",
      phone_number: "+15555550110",
      sms_notifications_enabled: false,
    });
    await writeTask("task-h1", { assignedTo: "student-h1" });
    await writeTask("task-h2", { assignedTo: "student-h2" });

    const [optedOut] = await settledMessages("task-h1", 1, (s) => s === "suppressed");
    const [disabled] = await settledMessages("task-h2", 1, (s) => s === "suppressed");
    expect(optedOut.error.code).toBe("opted_out");
    expect(disabled.error.code).toBe("notifications_disabled");
    expect(twilioTo("+15555550109")).toHaveLength(0);
    expect(twilioTo("+15555550110")).toHaveLength(0);
  });
});

describe("provider failures", () => {
  it("fails over to SNS when Twilio answers 500", async () => {
    const phone = "+15555550111";
    twilio.respondWith((r) => (r.form.To === phone ? twilioError(500) : undefined));
    await seedUser("student-i", { name: "Irmak", phone_number: phone });
    await writeTask("task-i", { assignedTo: "student-i" });

    const [message] = await settledMessages("task-i", 1);
    expect(message.provider).toBe("sns");
    expect(twilioTo(phone)).toHaveLength(1);
    expect(snsTo(phone)).toHaveLength(1);
    expect(snsTo(phone)[0].form.Message).toBe(message.body);
  });

  it("retries with backoff when both providers fail, and sends once they recover", async () => {
    const phone = "+15555550112";
    twilio.respondWith((r) => (r.form.To === phone ? twilioError(503) : undefined));
    sns.respondWith((r) => (r.form.PhoneNumber === phone ? snsError(500) : undefined));
    await seedUser("student-j", { name: "Jale", phone_number: phone });
    await writeTask("task-j", { assignedTo: "student-j" });

    const failedOnce = await waitFor("the first attempt to be recorded", async () => {
      const [m] = await messagesFor("task-j");
      return m?.status === "queued" && m.attempts === 1 && m.error ? m : undefined;
    });
    const retryAt: Date = failedOnce.nextAttemptAt.toDate();
    expect(failedOnce.error.userMessage).toMatch(/temporarily unavailable/);
    expect(retryAt.getTime()).toBeGreaterThan(Date.now());

    // A sweep before the backoff has passed leaves it alone...
    await runSchedule("sweepOutboxJob", new Date());
    expect((await messagesFor("task-j"))[0]).toMatchObject({ status: "queued", attempts: 1 });

    // ...and one after it sends it, once the providers are back.
    twilio.respondWith(null);
    sns.respondWith(null);
    await runSchedule("sweepOutboxJob", new Date(retryAt.getTime() + 1000));

    const message = await waitForMessage(failedOnce.id, (m) => m.status === "sent");
    expect(message).toMatchObject({ attempts: 2, provider: "twilio", error: null });
    expect(twilioTo(phone)).toHaveLength(2);
    expect(snsTo(phone)).toHaveLength(1);
  });

  it("fails with the reason once SMS_MAX_ATTEMPTS transient failures are used up", async () => {
    // .env.demo-sms-test sets SMS_MAX_ATTEMPTS to 3.
    const phone = "+15555550135";
    twilio.respondWith((r) => (r.form.To === phone ? twilioError(503) : undefined));
    sns.respondWith((r) => (r.form.PhoneNumber === phone ? snsError(503) : undefined));
    await seedUser("student-o", { name: "Oya", phone_number: phone });
    await writeTask("task-o", { assignedTo: "student-o" });

    const afterAttempt = (n: number) =>
      waitFor(`attempt ${n}`, async () => {
        const [m] = await messagesFor("task-o");
        return m?.attempts === n && m.status !== "sending" ? m : undefined;
      });
    let message = await afterAttempt(1);
    for (const attempt of [2, 3]) {
      await runSchedule("sweepOutboxJob", new Date(message.nextAttemptAt.toMillis() + 1000));
      message = await afterAttempt(attempt);
    }

    expect(message.status).toBe("failed");
    expect(message.error.message).toMatch(/gave up after 3 attempts/);
    expect(message.error.userMessage).toMatch(/could not be sent after 3 attempts/);
    expect(twilioTo(phone)).toHaveLength(3);
    expect(snsTo(phone)).toHaveLength(3);
  });

  it("stops at once on an invalid number from Twilio, without trying SNS", async () => {
    const phone = "+15555550113";
    twilio.respondWith((r) => (r.form.To === phone ? twilioError(400, 21211) : undefined));
    await seedUser("student-k", { name: "Kaan", phone_number: phone });
    await writeTask("task-k", { assignedTo: "student-k" });

    const [message] = await settledMessages("task-k", 1, (s) => s === "failed");
    expect(message.error).toMatchObject({ code: "twilio:21211" });
    expect(message.error.userMessage).toMatch(/not valid/);
    expect(message.attempts).toBe(1);
    expect(snsTo(phone)).toHaveLength(0);
  });

  it("suppresses and records the opt-out when Twilio says the number unsubscribed", async () => {
    const phone = "+15555550114";
    twilio.respondWith((r) => (r.form.To === phone ? twilioError(400, 21610) : undefined));
    await seedUser("student-l", { name: "Lale", phone_number: phone });
    await writeTask("task-l", { assignedTo: "student-l" });

    const [message] = await settledMessages("task-l", 1, (s) => s === "suppressed");
    expect(message.error.code).toBe("twilio:21610");
    const suppression = await adminDb().collection("sms_suppressions").doc(phone).get();
    expect(suppression.data()).toMatchObject({ reason: "unsubscribed", source: "twilio" });
    expect(snsTo(phone)).toHaveLength(0);
  });
});
