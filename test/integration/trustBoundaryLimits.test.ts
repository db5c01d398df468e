/**
 * The trust boundary's limits, tried as a user would: every message a user causes counts
 * against their allowance, destinations are an allow-list, sign-in codes are not kept, and the
 * project's daily limit holds non-urgent messages back.
 */
import { doc, setDoc } from "firebase/firestore";
import { adminDb, messagesFor, sleep, waitFor, waitForMessage } from "../support/emulators";
import { seedUser, writeTask } from "../support/fixtures";
import { CANADA, SENDER_LIMIT, useTrustBoundaryFixture } from "../support/trustBoundary";
import { usedInWindow } from "../../functions/domain/allowance";
import { ALLOWANCE_SHARDS, shardLimit } from "../../functions/domain/allowanceShards";

const { twilio, as, reached } = useTrustBoundaryFixture();
// The daily-limit test leaves each function instance holding the day's total for 5 s
// (data/allowances): let that expire, or the next file's first messages would wait a day.
afterAll(() => sleep(5_500));

/**
 * `partner` (signed in with the web SDK) assigns a task to each of `count` new students at once;
 * resolves with the messages once `settled` holds for all of them.
 */
async function partnerAssignsClass(
  partner: { uid: string; phone: string; prefix: string; firstNumber: number },
  count: number,
  settled: (message: { status?: unknown }) => boolean,
) {
  const { uid, phone, prefix, firstNumber } = partner;
  const students = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
  await Promise.all(
    students.map((student, i) =>
      seedUser(student, {
        phone_number: `+1310555${String(firstNumber + i).padStart(4, "0")}`,
      }),
    ),
  );
  await seedUser(uid, { role: "partner", phone_number: phone });
  const client = await as(uid);
  await Promise.all(
    students.map((student, i) =>
      setDoc(doc(client.firestore(), "tasks", `${prefix}-task-${i}`), {
        title: `Task ${i}`,
        completed: false,
        assignedTo: student,
        createdBy: uid,
      }),
    ),
  );
  const messages = await waitFor(
    `a message for every task of ${uid}`,
    async () => {
      const found = (await messagesFor()).filter(
        (m) => typeof m.taskId === "string" && m.taskId.startsWith(`${prefix}-task-`),
      );
      return found.length === count && found.every(settled) ? found : undefined;
    },
    120_000,
  );
  return { client, messages };
}

describe("every message a user causes counts against their allowance", () => {
  it("a partner who creates twice their allowance of tasks in a minute causes at most the allowance", async () => {
    const count = 2 * SENDER_LIMIT;
    const pumper = { uid: "tb-pumper", phone: "+15555550178", prefix: "tb-pump", firstNumber: 100 };
    const { client, messages } = await partnerAssignsClass(pumper, count, () => true);
    const limited = messages.filter((m) => m.error?.code === "sender_limit");
    expect(limited).toHaveLength(count - SENDER_LIMIT);
    expect(limited.every((m) => m.status === "suppressed")).toBe(true);
    expect(messages.every((m) => m.createdBy === "tb-pumper")).toBe(true);
    const reachedNumbers = messages.filter((m) => reached(m.to)).length;
    expect(reachedNumbers).toBeLessThanOrEqual(SENDER_LIMIT);
    // The callables share the same allowance: it is used up.
    await expect(
      client.call("sendSms", { userId: "tb-pump-0", message: "one more" }),
    ).rejects.toMatchObject({ code: "functions/resource-exhausted" });
  });
});

describe("one partner's burst is spread over the allowance's shards", () => {
  it("a task to each of 20 students at once: all sent, no shard past its part of the limit", async () => {
    const count = 20;
    const teacher = {
      uid: "tb-teacher",
      phone: "+15555550137",
      prefix: "tb-class",
      firstNumber: 200,
    };
    const { messages } = await partnerAssignsClass(teacher, count, (m) => m.status === "sent");
    expect(messages).toHaveLength(count);
    // SENDER_LIMIT is 30: a part of 1 or 2 a shard, so 20 charges fill at least 10 shards.
    const shards = await Promise.all(
      Array.from({ length: ALLOWANCE_SHARDS }, (_, shard) =>
        adminDb().collection("sms_sender_allowances").doc(`${shard}_tb-teacher`).get(),
      ),
    );
    const used = shards.map((snapshot) => usedInWindow(snapshot.get("minutes"), new Date()));
    expect(used.reduce((sum, n) => sum + n, 0)).toBe(count);
    used.forEach((n, shard) => expect(n).toBeLessThanOrEqual(shardLimit(SENDER_LIMIT, shard)));
    expect(used.filter((n) => n > 0).length).toBeGreaterThanOrEqual(10);
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
