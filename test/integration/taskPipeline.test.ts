/**
 * The SMS pipeline end to end, in the Emulator Suite: a client app writes a task, the deployed
 * triggers queue and deliver the message, and the real Twilio SDK reaches the stand-in server.
 * Policy (who is skipped, deferred or suppressed): taskPipelinePolicy.test.ts; provider
 * failures, failover and retries: taskPipelineProviders.test.ts.
 */
import { Timestamp } from "firebase-admin/firestore";
import { adminDb, messagesFor } from "../support/emulators";
import { seedUser, updateTask, writeTask } from "../support/fixtures";
import { settledMessages, useProviderStandIns } from "../support/taskPipeline";

const { twilioTo } = useProviderStandIns();

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
