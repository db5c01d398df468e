/**
 * Reminders about a task (`taskId`) end with the task: completing or deleting it cancels them,
 * and the due-reminders job then sends nothing for them.
 */
import { adminDb, loadFunctionEnv, runSchedule, waitFor } from "../support/emulators";
import { seedUser, updateTask, writeTask } from "../support/fixtures";
import { useTwilioStandIn } from "../support/lifecycle";

const PHONE = "+15555550178";
const twilio = useTwilioStandIn();
const reminders = () => adminDb().collection("reminders");

beforeAll(async () => {
  loadFunctionEnv();
  await seedUser("treminder-student", { name: "Tuna", phone_number: PHONE });
});

/** A reminder about `taskId` at `at`, written as the app writes one, once it is scheduled. */
async function scheduledReminder(reminderId: string, taskId: string, at: Date): Promise<void> {
  await reminders().doc(reminderId).set({
    userId: "treminder-student",
    createdBy: "treminder-student",
    taskId,
    title: "Finish the task",
    message: "Time to finish it.",
    scheduledTime: at.toISOString(),
  });
  await waitFor(`${reminderId} scheduled`, async () => {
    const status: unknown = (await reminders().doc(reminderId).get()).get("status");
    return status === "scheduled" ? true : undefined;
  });
}

const statusOf = async (reminderId: string): Promise<unknown> =>
  (await reminders().doc(reminderId).get()).get("status");

async function occurrences(reminderId: string): Promise<number> {
  const found = await adminDb()
    .collection("sms_messages")
    .where("reminderId", "==", reminderId)
    .where("type", "==", "reminder")
    .get();
  return found.size;
}

describe("a reminder about a task", () => {
  it("is cancelled when the task is completed, and nothing is sent when it falls due", async () => {
    const at = new Date(Date.now() + 2 * 3_600_000);
    await writeTask("treminder-done", { title: "Lab report", assignedTo: "treminder-student" });
    await scheduledReminder("treminder-r1", "treminder-done", at);

    await updateTask("treminder-done", { completed: true, completedAt: new Date().toISOString() });
    await waitFor("the reminder cancelled", async () =>
      (await statusOf("treminder-r1")) === "cancelled" ? true : undefined,
    );
    await runSchedule("dueRemindersJob", new Date(at.getTime() + 1000));
    expect(await occurrences("treminder-r1")).toBe(0);
    expect(twilio.requests.filter((r) => r.form.Body === "Time to finish it.")).toHaveLength(0);
  });

  it("is cancelled when the task is deleted; a reminder about another task is untouched", async () => {
    const at = new Date(Date.now() + 3 * 3_600_000);
    await writeTask("treminder-gone", { title: "Essay", assignedTo: "treminder-student" });
    await writeTask("treminder-kept", { title: "Poem", assignedTo: "treminder-student" });
    await scheduledReminder("treminder-r2", "treminder-gone", at);
    await scheduledReminder("treminder-r3", "treminder-kept", at);

    await adminDb().collection("tasks").doc("treminder-gone").delete();
    await waitFor("the reminder cancelled", async () =>
      (await statusOf("treminder-r2")) === "cancelled" ? true : undefined,
    );
    expect(await statusOf("treminder-r3")).toBe("scheduled");
  });
});
