/**
 * `scheduleTaskReminder` through the web SDK: who may ask, when the reminder runs in the
 * assignee's zone, asking twice, and its end with the task.
 */
import { adminDb, loadFunctionEnv, waitFor } from "../support/emulators";
import { seedUser, updateTask, writeTask } from "../support/fixtures";
import { useTwilioStandIn, useWebClients } from "../support/lifecycle";

useTwilioStandIn();
const web = useWebClients();
const partner = web.signedIn("str-partner", "partner");
const stranger = web.signedIn("str-stranger", "partner");
const student = web.signedIn("str-ist", "student");
const admin = web.signedIn("str-admin", "admin");

type Result = { reminderId: string; scheduledFor: string; created: boolean };
const reminder = async (id: string) =>
  (await adminDb().collection("reminders").doc(id).get()).data();

beforeAll(async () => {
  loadFunctionEnv();
  await seedUser("str-partner", { name: "Pat", role: "partner" });
  await seedUser("str-stranger", { name: "Sam", role: "partner" });
  await seedUser("str-ist", {
    name: "Ayşe",
    phone_number: "+15555550141",
    timezone: "Europe/Istanbul",
    language: "tr",
  });
  await seedUser("str-ny", {
    name: "Ned",
    phone_number: "+15555550142",
    timezone: "America/New_York",
  });
  await writeTask("str-task-ist", {
    title: "Kimya",
    assignedTo: "str-ist",
    createdBy: "str-partner",
  });
  await writeTask("str-task-ny", {
    title: "Geometry",
    assignedTo: "str-ny",
    createdBy: "str-partner",
  });
});

describe("scheduleTaskReminder", () => {
  it("reads a wall-clock time in the assignee's zone, in two zones, and schedules the reminder", async () => {
    const ist = await partner.call<object, Result>("scheduleTaskReminder", {
      taskId: "str-task-ist",
      at: "2030-03-05T17:00",
    });
    expect(ist).toMatchObject({ created: true, scheduledFor: "2030-03-05T14:00:00.000Z" });
    const ny = await partner.call<object, Result>("scheduleTaskReminder", {
      taskId: "str-task-ny",
      at: "2030-03-05T17:00",
      channel: "whatsapp",
    });
    expect(ny.scheduledFor).toBe("2030-03-05T22:00:00.000Z");
    expect(await reminder(ny.reminderId)).toMatchObject({
      userId: "str-ny",
      createdBy: "str-partner",
      taskId: "str-task-ny",
      channel: "whatsapp",
    });
    const scheduled = await waitFor("the reminder scheduled", async () => {
      const data = await reminder(ist.reminderId);
      return data?.status === "scheduled" ? data : undefined;
    });
    expect(scheduled.nextRunAt.toDate().toISOString()).toBe("2030-03-05T14:00:00.000Z");
  });

  it("creates one reminder when asked twice for the same task, time and channel", async () => {
    const request = { taskId: "str-task-ist", at: "2030-04-01T09:00:00+03:00" };
    const first = await student.call<object, Result>("scheduleTaskReminder", request);
    const second = await student.call<object, Result>("scheduleTaskReminder", request);
    expect(first.created).toBe(true);
    expect(second).toEqual({ ...first, created: false });
    const found = await adminDb()
      .collection("reminders")
      .where("taskId", "==", "str-task-ist")
      .get();
    expect(found.docs.filter((d) => d.id === first.reminderId)).toHaveLength(1);
  });

  it("refuses a stranger, an unknown task and a time in the past, writing nothing", async () => {
    const before = (await adminDb().collection("reminders").get()).size;
    await expect(
      stranger.call("scheduleTaskReminder", { taskId: "str-task-ist", at: "2030-05-01T10:00" }),
    ).rejects.toMatchObject({ code: "functions/permission-denied" });
    await expect(
      admin.call("scheduleTaskReminder", { taskId: "str-no-such-task", at: "2030-05-01T10:00" }),
    ).rejects.toMatchObject({ code: "functions/not-found" });
    await expect(
      partner.call("scheduleTaskReminder", { taskId: "str-task-ist", at: "2020-05-01T10:00:00Z" }),
    ).rejects.toMatchObject({ code: "functions/invalid-argument" });
    expect((await adminDb().collection("reminders").get()).size).toBe(before);
  });

  it("stops with the task: completing it cancels the reminder", async () => {
    const result = await admin.call<object, Result>("scheduleTaskReminder", {
      taskId: "str-task-ny",
      at: "2030-06-01T08:00",
    });
    await waitFor("scheduled", async () =>
      (await reminder(result.reminderId))?.status === "scheduled" ? true : undefined,
    );
    await updateTask("str-task-ny", { completed: true });
    await waitFor("cancelled", async () =>
      (await reminder(result.reminderId))?.status === "cancelled" ? true : undefined,
    );
  });
});
