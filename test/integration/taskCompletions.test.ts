/**
 * When a task was completed, as the weekly progress and the daily summary count it: the backend
 * files the time itself (services/tasks/projections), so a task the app completed without
 * `completedAt` counts, and a reopened one stops counting. The task documents are not rewritten.
 */
import { localIsoWeekWindow } from "../../functions/domain/dateWindows";
import { isoWeekKey } from "../../functions/domain/localSchedule";
import { adminDb, runSchedule, waitFor, waitForMessage } from "../support/emulators";
import { seedUser, updateTask, waitForTaskIndex, writeTask } from "../support/fixtures";
import { useTwilioStandIn, useWebClients } from "../support/lifecycle";

const NY = "America/New_York";
const USER = "done-count-ana";
const TASKS = ["done-count-nostamp", "done-count-stamped", "done-count-old", "done-count-open"];

useTwilioStandIn();
const clients = useWebClients();

const board = async () => (await adminDb().collection("sms_open_tasks").doc(USER).get()).data();
const task = async (id: string) => (await adminDb().collection("tasks").doc(id).get()).data();

beforeAll(async () => {
  // The tasks are written and completed before the user exists, so that their own notifications
  // (which find no recipient) do not use up the number's hourly limit before the digests.
  await Promise.all(TASKS.map((id) => writeTask(id, { assignedTo: USER, title: id })));
  await waitForTaskIndex(TASKS);
  const now = new Date();
  const tenDaysAgo = new Date(now.getTime() - 10 * 86_400_000).toISOString();
  await Promise.all([
    // The app that completes without saying when.
    updateTask("done-count-nostamp", { completed: true }),
    updateTask("done-count-stamped", { completed: true, completedAt: now.toISOString() }),
    updateTask("done-count-old", { completed: true, completedAt: tenDaysAgo }),
  ]);
  await waitForTaskIndex(TASKS);
  await seedUser(USER, { name: "Ana Count", phone_number: "+15555550190", timezone: NY });
  await waitFor("the user's recipient row", async () =>
    (await adminDb().collection("sms_recipients").doc(USER).get()).exists ? true : undefined,
  );
});

afterAll(async () => {
  const db = adminDb();
  await Promise.all(TASKS.map((id) => db.collection("tasks").doc(id).delete()));
});

it("files when each task was completed, from the app's completedAt or the completing write", async () => {
  const completed = (await board())?.completed as Record<string, unknown>;
  expect(Object.keys(completed).sort()).toEqual([
    "done-count-nostamp",
    "done-count-old",
    "done-count-stamped",
  ]);
  // The app's instant; ten days ago is before this week's Monday, so not counted below.
  const old = (await task("done-count-old"))?.completedAt as string;
  expect((completed["done-count-old"] as FirebaseFirestore.Timestamp).toMillis()).toBe(
    Date.parse(old),
  );
  const filedAt = (completed["done-count-nostamp"] as FirebaseFirestore.Timestamp).toMillis();
  expect(Math.abs(filedAt - Date.now())).toBeLessThan(5 * 60_000);
  // The app's document is left as the app wrote it.
  expect((await task("done-count-nostamp"))?.completedAt).toBeUndefined();
});

it("counts a task completed without completedAt in this week's progress", async () => {
  // Sunday 20:00 in New York this week: four hours before the next Monday's midnight.
  const sundayEvening = new Date(localIsoWeekWindow(new Date(), NY).end.getTime() - 4 * 3_600_000);
  await runSchedule("weeklyProgressJob", sundayEvening);
  const id = `weekly-progress_${USER}_${isoWeekKey(sundayEvening, NY)}`;
  const message = await waitForMessage(id, (m) => m.status === "sent");
  expect(message.body).toBe("Hi Ana, your week: 2 completed, 1 open (0 overdue). Keep going!");
});

it("stops counting a task once it is reopened, and keeps its time when it is edited", async () => {
  const before = (await board())?.completed as Record<string, FirebaseFirestore.Timestamp>;
  await updateTask("done-count-nostamp", { title: "Renamed after completion" });
  await updateTask("done-count-stamped", { completed: false });
  await waitForTaskIndex(TASKS);
  const after = (await board())?.completed as Record<string, FirebaseFirestore.Timestamp>;
  expect(after["done-count-stamped"]).toBeUndefined();
  expect(after["done-count-nostamp"].isEqual(before["done-count-nostamp"])).toBe(true);

  const admin = await clients.as("done-count-admin", "admin");
  const { messageId } = await admin.call<{ userId: string }, { messageId: string }>(
    "sendDailySummary",
    { userId: USER },
  );
  const summary = await waitForMessage(messageId, (m) => m.status === "sent");
  expect(summary.body).toBe("Hi Ana, today: 1 completed, 2 open (0 overdue).");
});

it("takes a deleted task off its assignee's board", async () => {
  await adminDb().collection("tasks").doc("done-count-nostamp").delete();
  await waitForTaskIndex(TASKS.filter((id) => id !== "done-count-nostamp"));
  await waitFor("the deleted task off the board", async () => {
    const completed = (await board())?.completed as Record<string, unknown>;
    return completed["done-count-nostamp"] === undefined ? true : undefined;
  });
});
