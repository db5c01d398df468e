/**
 * The SMS pipeline's policy, end to end from a task a client app writes: unknown assignees and
 * ones without a phone, the per-recipient rate limit, invalid numbers, opt-outs and users who
 * turned SMS off.
 */
import { adminDb, messagesFor } from "../support/emulators";
import { seedUser, updateTask, writeTask } from "../support/fixtures";
import { settledMessages, useProviderStandIns } from "../support/taskPipeline";

const { twilio, twilioTo } = useProviderStandIns();

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
