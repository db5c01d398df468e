/**
 * The trust boundary, tried as an attacker with the client SDK and an ordinary account would
 * (rules enforced), next to the legitimate use each attack imitates: roles come only from Auth
 * claims, client documents cannot claim authority, STOP holds on every path, every message a
 * user causes counts against their allowance, destinations are an allow-list, sign-in codes
 * are not kept, and the project's daily limit holds non-urgent messages back.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { doc, setDoc, setLogLevel, updateDoc } from "firebase/firestore";
import { getAuth as getAdminAuth } from "firebase-admin/auth";
import {
  adminDb,
  messagesFor,
  PROJECT_ID,
  SNS_STAND_IN_PORT,
  sleep,
  TWILIO_STAND_IN_PORT,
  waitFor,
  waitForMessage,
} from "../support/emulators";
import { seedUser, writeTask } from "../support/fixtures";
import { startSnsStandIn, type SnsStandIn } from "../support/snsStandIn";
import { startTwilioStandIn, type TwilioStandIn } from "../support/twilioStandIn";
import { signedInClient, type WebClient } from "../support/webClient";

let twilio: TwilioStandIn;
let sns: SnsStandIn;
const clients: WebClient[] = [];

/** The sender allowance of `.env.demo-sms-test` (SMS_SENDER_RATE_LIMIT). */
const SENDER_LIMIT = 30;
const STOPPED = "+15555550170";
const CANADA = "+14165550123";

async function as(uid: string, role?: string): Promise<WebClient> {
  const client = await signedInClient(uid, role);
  clients.push(client);
  return client;
}

/** Whether either stand-in received anything for `number` (SMS, WhatsApp or a call). */
function reached(number: string): boolean {
  return (
    twilio.requests.some((r) => (r.form.To ?? "").replace(/^whatsapp:/, "") === number) ||
    sns.requests.some((r) => r.form.PhoneNumber === number)
  );
}

const denied = expect.objectContaining({ code: "permission-denied" });

beforeAll(async () => {
  // Denied writes are the point here; the web SDK would log each one.
  setLogLevel("silent");
  twilio = await startTwilioStandIn(TWILIO_STAND_IN_PORT);
  sns = await startSnsStandIn(SNS_STAND_IN_PORT);
  await seedUser("tb-student", { name: "Deniz", phone_number: "+15555550171" });
  await seedUser("tb-other", { name: "Ece", phone_number: "+15555550172" });
  await seedUser("tb-stopped", { name: "Stopped", phone_number: STOPPED });
  await seedUser("tb-canadian", { name: "Cam", phone_number: CANADA });
  await seedUser("tb-partner", { name: "Pelin", role: "partner", phone_number: "+15555550173" });
  await adminDb().collection("sms_suppressions").doc(STOPPED).set({
    reason: "STOP",
    source: "keyword",
    createdAt: new Date(),
  });
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await Promise.all([twilio.close(), sns.close()]);
});

describe("roles come only from Auth claims", () => {
  it("denies a student writing role: admin to their own users document", async () => {
    const student = await as("tb-self-promoter");
    const db = student.firestore();
    await setDoc(doc(db, "users", "tb-self-promoter"), {
      name: "Mallory",
      role: "student",
      phone_number: "+15555550174",
    });
    await expect(
      updateDoc(doc(db, "users", "tb-self-promoter"), { role: "admin" }),
    ).rejects.toEqual(denied);
    // The legitimate edit beside it: their own profile fields.
    await updateDoc(doc(db, "users", "tb-self-promoter"), {
      name: "Mallory M.",
      timezone: "Europe/Istanbul",
      sms_notifications_enabled: false,
    });
  });

  it("refuses callables to a document that says admin without the claim", async () => {
    await seedUser("tb-doc-admin", { role: "admin", phone_number: "+15555550175" });
    const forged = await as("tb-doc-admin");
    const before = (await messagesFor()).length;
    await expect(
      forged.call("sendSms", { phoneNumber: "+15555550176", message: "free money" }),
    ).rejects.toMatchObject({ code: "functions/permission-denied" });
    await expect(forged.call("runJob", { job: "retries" })).rejects.toMatchObject({
      code: "functions/permission-denied",
    });
    await expect(
      forged.call("setUserRole", { userId: "tb-doc-admin", role: "admin" }),
    ).rejects.toMatchObject({ code: "functions/permission-denied" });
    expect((await messagesFor()).length).toBe(before);
    expect(reached("+15555550176")).toBe(false);
  });

  it("setUserRole: an admin sets a claim and mirrors it; the new role works at once", async () => {
    const admin = await as("tb-admin", "admin");
    await seedUser("tb-new-partner", { role: "student", phone_number: "+15555550177" });
    await as("tb-new-partner");
    // Through the web app's typed wrapper (client/callables.ts).
    const changed = await admin.api("setUserRole", { userId: "tb-new-partner", role: "partner" });
    expect(changed).toEqual({ userId: "tb-new-partner", role: "partner" });
    const account = await getAdminAuth().getUser("tb-new-partner");
    expect(account.customClaims).toMatchObject({ role: "partner" });
    const mirrored = await adminDb().collection("users").doc("tb-new-partner").get();
    expect(mirrored.get("role")).toBe("partner");

    await expect(
      admin.call("setUserRole", { userId: "tb-admin", role: "student" }),
    ).rejects.toMatchObject({ code: "functions/permission-denied" });
    await expect(
      admin.call("setUserRole", { userId: "tb-nobody", role: "partner" }),
    ).rejects.toMatchObject({ code: "functions/not-found" });
    await expect(
      admin.call("setUserRole", { userId: "tb-new-partner", role: "owner" }),
    ).rejects.toMatchObject({ code: "functions/invalid-argument" });
    const student = await as("tb-student", "student");
    await expect(
      student.call("setUserRole", { userId: "tb-student", role: "admin" }),
    ).rejects.toMatchObject({ code: "functions/permission-denied" });
  });

  it("npm run set-role bootstraps the first admin from the command line", async () => {
    await seedUser("tb-first-admin", { role: "student", phone_number: "+15555550179" });
    await as("tb-first-admin");
    const result = spawnSync(process.execPath, ["scripts/setRole.js", "tb-first-admin", "admin"], {
      cwd: join(__dirname, "../.."),
      env: { ...process.env, GCLOUD_PROJECT: PROJECT_ID },
      encoding: "utf8",
    });
    expect(result.stdout).toContain("tb-first-admin is now admin");
    expect((await getAdminAuth().getUser("tb-first-admin")).customClaims).toMatchObject({
      role: "admin",
    });
    const mirrored = await adminDb().collection("users").doc("tb-first-admin").get();
    expect(mirrored.get("role")).toBe("admin");
    const usage = spawnSync(process.execPath, ["scripts/setRole.js", "tb-first-admin", "owner"], {
      cwd: join(__dirname, "../.."),
      encoding: "utf8",
    });
    expect(usage.status).toBe(1);
    expect(usage.stderr).toMatch(/usage/);
  });

  it("a demoted admin loses the role at once, though their ID token still says admin", async () => {
    const admin = await as("tb-admin-2", "admin");
    const demoted = await as("tb-demoted", "admin");
    await expect(demoted.call("runJob", { job: "retries" })).resolves.toBeDefined();
    await admin.call("setUserRole", { userId: "tb-demoted", role: "student" });
    await expect(demoted.call("runJob", { job: "retries" })).rejects.toMatchObject({
      code: "functions/permission-denied",
    });
  });
});

describe("client documents cannot claim authority", () => {
  it("denies a task with a forged createdBy, or a student assigning another student", async () => {
    const student = await as("tb-student", "student");
    const db = student.firestore();
    await expect(
      setDoc(doc(db, "tasks", "tb-forged"), {
        title: "Forged",
        completed: false,
        assignedTo: "tb-other",
        createdBy: "tb-partner",
      }),
    ).rejects.toEqual(denied);
    await expect(
      setDoc(doc(db, "tasks", "tb-forged-2"), {
        title: "Not yours to give",
        completed: false,
        assignedTo: "tb-other",
        createdBy: "tb-student",
      }),
    ).rejects.toEqual(denied);
    // The legitimate flow beside it: a student's own task, then completing it.
    await setDoc(doc(db, "tasks", "tb-own"), {
      title: "Read chapter 4",
      completed: false,
      assignedTo: "tb-student",
      createdBy: "tb-student",
    });
    await updateDoc(doc(db, "tasks", "tb-own"), { completed: true, completedAt: new Date() });
  });

  it("denies a phone-only reminder from a student, and a reminder for someone else", async () => {
    const student = await as("tb-student", "student");
    const db = student.firestore();
    const reminder = {
      title: "Call me",
      message: "Hello",
      scheduledTime: new Date(Date.now() + 3_600_000).toISOString(),
      channel: "voice",
    };
    await expect(
      setDoc(doc(db, "reminders", "tb-phone-only"), { ...reminder, phone_number: STOPPED }),
    ).rejects.toEqual(denied);
    await expect(
      setDoc(doc(db, "reminders", "tb-for-other"), { ...reminder, userId: "tb-other" }),
    ).rejects.toEqual(denied);
    await expect(
      setDoc(doc(db, "reminders", "tb-for-other-2"), {
        ...reminder,
        userId: "tb-other",
        createdBy: "tb-student",
      }),
    ).rejects.toEqual(denied);
    // Their own reminder is fine.
    await setDoc(doc(db, "reminders", "tb-own-reminder"), { ...reminder, userId: "tb-student" });
  });

  it("a phone-only reminder written before the rules (no author) sends nothing, anywhere", async () => {
    await adminDb()
      .collection("reminders")
      .doc("tb-legacy-phone-only")
      .set({
        phone_number: STOPPED,
        title: "Legacy",
        message: "You cannot stop me",
        scheduledTime: new Date(Date.now() + 60_000).toISOString(),
        channel: "voice",
      });
    const refused = await waitFor("the reminder to be refused", async () => {
      const snapshot = await adminDb().collection("reminders").doc("tb-legacy-phone-only").get();
      return snapshot.get("status") === "failed" ? snapshot.data() : undefined;
    });
    expect(refused?.errorMessage).toMatch(/admin/);
    await sleep(1000);
    expect((await messagesFor()).filter((m) => m.reminderId === "tb-legacy-phone-only")).toEqual(
      [],
    );
    expect(reached(STOPPED)).toBe(false);
  });

  it("a reminder whose createdBy is not the recipient's partner is refused when it runs", async () => {
    await adminDb()
      .collection("reminders")
      .doc("tb-legacy-foreign")
      .set({
        userId: "tb-other",
        createdBy: "tb-student",
        title: "Legacy",
        message: "Hi",
        scheduledTime: new Date(Date.now() + 60_000).toISOString(),
      });
    const refused = await waitFor("the reminder to be refused", async () => {
      const snapshot = await adminDb().collection("reminders").doc("tb-legacy-foreign").get();
      return snapshot.get("status") === "failed" ? snapshot.data() : undefined;
    });
    expect(refused?.errorMessage).toMatch(/not an admin nor a partner/);
    expect((await messagesFor()).filter((m) => m.reminderId === "tb-legacy-foreign")).toEqual([]);
  });
});

describe("STOP holds on every path", () => {
  it("a partner's task and reminder for a STOP'd student send nothing on any provider", async () => {
    const partner = await as("tb-partner", "partner");
    const db = partner.firestore();
    await setDoc(doc(db, "tasks", "tb-task-stopped"), {
      title: "Essay",
      completed: false,
      assignedTo: "tb-stopped",
      createdBy: "tb-partner",
    });
    const [taskMessage] = await waitFor("the task message", async () => {
      const found = (await messagesFor("tb-task-stopped")).filter((m) => m.status === "suppressed");
      return found.length ? found : undefined;
    });
    expect(taskMessage).toMatchObject({
      createdBy: "tb-partner",
      error: expect.objectContaining({ code: "opted_out" }),
    });

    // The partner link the rules read now exists, so the partner may write the reminder.
    await waitFor("the partner link", async () => {
      const link = await adminDb().doc("sms_partner_students/tb-partner/students/tb-stopped").get();
      return link.exists || undefined;
    });
    await setDoc(doc(db, "reminders", "tb-reminder-stopped"), {
      userId: "tb-stopped",
      createdBy: "tb-partner",
      title: "Essay due",
      message: "Your essay is due tomorrow",
      scheduledTime: new Date(Date.now() + 3_600_000).toISOString(),
      channel: "whatsapp",
    });
    const confirmation = await waitFor("the reminder's confirmation", async () => {
      const found = (await messagesFor()).find(
        (m) => m.reminderId === "tb-reminder-stopped" && m.status === "suppressed",
      );
      return found;
    });
    expect(confirmation).toMatchObject({ optOutExempt: false, createdBy: "tb-partner" });
    expect(reached(STOPPED)).toBe(false);
  });

  it("a student's own reminder still reaches them after STOP (they asked for it)", async () => {
    const own = await as("tb-stopped", "student");
    await setDoc(doc(own.firestore(), "reminders", "tb-own-after-stop"), {
      userId: "tb-stopped",
      title: "My reminder",
      message: "Take a break",
      scheduledTime: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const confirmation = await waitFor("the confirmation", async () =>
      (await messagesFor()).find(
        (m) => m.reminderId === "tb-own-after-stop" && m.status === "sent",
      ),
    );
    expect(confirmation).toMatchObject({ optOutExempt: true, createdBy: null });
    expect(reached(STOPPED)).toBe(true);
  });
});

describe("every message a user causes counts against their allowance", () => {
  it("a partner who creates twice their allowance of tasks in a minute causes at most the allowance", async () => {
    const count = 2 * SENDER_LIMIT;
    const students = Array.from({ length: count }, (_, i) => `tb-pump-${i}`);
    await Promise.all(
      students.map((uid, i) =>
        seedUser(uid, { phone_number: `+1310555${String(100 + i).padStart(4, "0")}` }),
      ),
    );
    await seedUser("tb-pumper", { role: "partner", phone_number: "+15555550178" });
    const pumper = await as("tb-pumper");
    await Promise.all(
      students.map((uid, i) =>
        setDoc(doc(pumper.firestore(), "tasks", `tb-pump-task-${i}`), {
          title: `Task ${i}`,
          completed: false,
          assignedTo: uid,
          createdBy: "tb-pumper",
        }),
      ),
    );
    const messages = await waitFor(
      "a message for every task",
      async () => {
        const found = (await messagesFor()).filter(
          (m) => typeof m.taskId === "string" && m.taskId.startsWith("tb-pump-task-"),
        );
        return found.length === count ? found : undefined;
      },
      120_000,
    );
    const limited = messages.filter((m) => m.error?.code === "sender_limit");
    expect(limited).toHaveLength(count - SENDER_LIMIT);
    expect(limited.every((m) => m.status === "suppressed")).toBe(true);
    expect(messages.every((m) => m.createdBy === "tb-pumper")).toBe(true);
    const reachedNumbers = messages.filter((m) => reached(m.to)).length;
    expect(reachedNumbers).toBeLessThanOrEqual(SENDER_LIMIT);
    // The callables share the same allowance: it is used up.
    await expect(
      pumper.call("sendSms", { userId: "tb-pump-0", message: "one more" }),
    ).rejects.toMatchObject({ code: "functions/resource-exhausted" });
  });
});

describe("destinations are an allow-list", () => {
  it("a number outside SMS_ALLOWED_COUNTRIES reaches neither stand-in, on any path", async () => {
    const admin = await as("tb-admin", "admin");
    const sent = await admin.call<object, { messageId: string; status: string }>("sendSms", {
      phoneNumber: CANADA,
      message: "Hello from afar",
    });
    expect(sent.status).toBe("failed");
    const message = await waitForMessage(sent.messageId, () => true);
    expect(message.error).toMatchObject({ code: "country_not_allowed" });

    await writeTask("tb-task-canada", { assignedTo: "tb-canadian", createdBy: "tb-partner" });
    const [taskMessage] = await waitFor("the task message", async () => {
      const found = await messagesFor("tb-task-canada");
      return found.length ? found : undefined;
    });
    expect(taskMessage).toMatchObject({
      status: "failed",
      error: expect.objectContaining({ code: "country_not_allowed" }),
    });
    await sleep(1000);
    expect(reached(CANADA)).toBe(false);
  });
});

describe("sensitive bodies and the daily limit", () => {
  it("a 2fa_code body is sent, then redacted in sms_messages", async () => {
    const admin = await as("tb-admin", "admin");
    const sent = await admin.call<object, { messageId: string }>("sendSms", {
      userId: "tb-other",
      templateId: "2fa_code",
      variables: { code: "482913", minutes: 10 },
    });
    const message = await waitForMessage(sent.messageId, (m) => m.status === "sent");
    expect(message.body).toBe("[redacted]");
    expect(twilio.requests.some((r) => r.form.Body?.includes("482913"))).toBe(true);
  });

  it("past SMS_DAILY_LIMIT a non-urgent message waits for the next UTC day; urgent ones go", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const usage = adminDb().collection("sms_daily_usage").doc(`${today}_0`);
    await usage.set({ day: today, segments: 100_000 });
    // Each instance reuses the day's total for 5 s (data/allowances): let earlier reads expire.
    await sleep(5_500);
    try {
      const admin = await as("tb-admin", "admin");
      const held = await admin.call<object, { messageId: string }>("sendSms", {
        userId: "tb-student",
        templateId: "task_created",
        variables: { name: "Deniz", taskTitle: "Quiz", deadline: "Friday" },
      });
      const deferred = await waitForMessage(held.messageId, (m) => m.status === "deferred");
      const nextDay = new Date(`${today}T00:00:00Z`).getTime() + 86_400_000;
      expect(deferred.nextAttemptAt.toMillis()).toBe(nextDay);
      const urgent = await admin.call<object, { messageId: string }>("sendSms", {
        userId: "tb-student",
        message: "The exam room changed to B12.",
      });
      await waitForMessage(urgent.messageId, (m) => m.status === "sent");
    } finally {
      await usage.delete();
    }
  });
});
