/**
 * The task projections the scheduled jobs read (services/tasks/projections), kept by the real
 * onTaskWritten trigger as the apps write tasks, and rebuilt by `runJob syncTasks`.
 */
import { Timestamp } from "firebase-admin/firestore";
import { adminDb, waitFor } from "../support/emulators";
import { updateTask, waitForTaskIndex, writeTask } from "../support/fixtures";
import { signedInClient } from "../support/webClient";

const db = () => adminDb();

async function openTasks(userId: string): Promise<Record<string, unknown>> {
  return ((await db().collection("sms_open_tasks").doc(userId).get()).get("tasks") ?? {}) as Record<
    string,
    unknown
  >;
}

async function bucket(docId: string): Promise<Record<string, unknown>> {
  return ((await db().collection("sms_deadlines").doc(docId).get()).get("tasks") ?? {}) as Record<
    string,
    unknown
  >;
}

it("files an open task under its assignee and its deadline hour, and follows its changes", async () => {
  await writeTask("idx-1", {
    title: "Essay",
    assignedTo: "idx-ada",
    deadline: "2026-12-10T15:20:00Z",
  });
  await waitForTaskIndex(["idx-1"]);
  expect(await openTasks("idx-ada")).toEqual({
    "idx-1": { title: "Essay", deadline: Timestamp.fromDate(new Date("2026-12-10T15:20:00Z")) },
  });
  const filed = Object.keys(await bucket("i2026-12-10T15_0")).concat(
    ...(await Promise.all([1, 2, 3].map((s) => bucket(`i2026-12-10T15_${s}`)))).map(Object.keys),
  );
  expect(filed).toEqual(["idx-1"]);

  // A new title and a local deadline (no offset: the assignee's wall clock).
  await updateTask("idx-1", { title: "Essay v2", deadline: "2026-12-11T09:00" });
  await waitForTaskIndex(["idx-1"]);
  expect(await openTasks("idx-ada")).toEqual({
    "idx-1": { title: "Essay v2", deadline: "2026-12-11T09:00" },
  });

  // Reassigned: it leaves the first student's map for the second one's.
  await updateTask("idx-1", { assignedTo: "idx-ben" });
  await waitForTaskIndex(["idx-1"]);
  expect(await openTasks("idx-ada")).toEqual({});
  expect(Object.keys(await openTasks("idx-ben"))).toEqual(["idx-1"]);

  // Completed, reopened, deleted.
  await updateTask("idx-1", { completed: true, completedAt: "2026-12-10T10:00:00Z" });
  await waitForTaskIndex(["idx-1"]);
  expect(await openTasks("idx-ben")).toEqual({});
  await updateTask("idx-1", { completed: false });
  await waitForTaskIndex(["idx-1"]);
  expect(Object.keys(await openTasks("idx-ben"))).toEqual(["idx-1"]);
  // A deleted task has nothing left to compare with: wait for the map itself.
  await db().collection("tasks").doc("idx-1").delete();
  await waitFor("the deleted task to leave the map", async () =>
    Object.keys(await openTasks("idx-ben")).length === 0 ? true : undefined,
  );
});

it("keeps a student's other tasks when one changes, and skips a malformed task", async () => {
  await writeTask("idx-2", { title: "Ödev", assignedTo: "idx-cem" });
  await writeTask("idx-3", { title: "Quiz", assignedTo: "idx-cem", deadline: "2026-12-12" });
  await writeTask("idx-bad", { title: "No assignee" });
  await waitForTaskIndex(["idx-2", "idx-3", "idx-bad"]);
  await updateTask("idx-2", { completed: true });
  await waitForTaskIndex(["idx-2"]);
  expect(await openTasks("idx-cem")).toEqual({
    "idx-3": { title: "Quiz", deadline: "2026-12-12" },
  });
  // A date without a time is due at the end of that day.
  const quizBucket = Object.assign(
    {},
    ...(await Promise.all([0, 1, 2, 3].map((s) => bucket(`l2026-12-12T23_${s}`)))),
  );
  expect(Object.keys(quizBucket)).toEqual(["idx-3"]);
  const everyMap = await db().collection("sms_open_tasks").get();
  const filedIds = everyMap.docs.flatMap((doc) => Object.keys(doc.get("tasks") ?? {}));
  expect(filedIds).not.toContain("idx-bad");
});

it("rebuilds the projections with runJob syncTasks", async () => {
  await writeTask("idx-4", {
    title: "Lab",
    assignedTo: "idx-dora",
    deadline: "2026-12-13T08:00:00Z",
  });
  await waitForTaskIndex(["idx-4"]);
  // Lost (a restore without them, say): the job files every task again.
  const deadlines = await db().collection("sms_deadlines").get();
  await Promise.all(deadlines.docs.map((doc) => doc.ref.delete()));
  await db().collection("sms_open_tasks").doc("idx-dora").delete();
  expect(await openTasks("idx-dora")).toEqual({});

  const admin = await signedInClient("idx-admin", "admin");
  try {
    const result = await admin.call<{ job: string }, { job: string; report: { synced: number } }>(
      "runJob",
      { job: "syncTasks" },
    );
    const stored = await db().collection("tasks").count().get();
    expect(result).toEqual({ job: "syncTasks", report: { synced: stored.data().count } });
  } finally {
    await admin.close();
  }
  await waitForTaskIndex(["idx-4"]);
  expect(Object.keys(await openTasks("idx-dora"))).toEqual(["idx-4"]);
});
