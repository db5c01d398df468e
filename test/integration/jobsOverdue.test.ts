/**
 * The hourly overdue sweep in the Emulator Suite, fired as Cloud Scheduler would: one message
 * per missed deadline, whatever form the app wrote it in, never twice, and a new one when a
 * moved deadline is missed again.
 */
import { Timestamp } from "firebase-admin/firestore";
import { runSchedule } from "../support/emulators";
import { updateTask, waitForTaskIndex, writeTask } from "../support/fixtures";
import { expectQueuedFor, fireTwice, ids, jobMessages, useJobPopulation } from "../support/jobs";

/** Tasks of the overdue sweep, written in its test (December, clear of the population's tasks). */
const OVERDUE_TASKS: Record<string, Record<string, unknown>> = {
  "job-od-str": { title: "Essay v2", assignedTo: "job-ny-ada", deadline: "2026-12-10T15:00:00Z" },
  "job-od-ts": {
    title: "Kanji test",
    assignedTo: "job-tyo-ken",
    deadline: Timestamp.fromDate(new Date("2026-12-10T15:30:00Z")),
  },
  // Naive: 18:00 in Istanbul is 15:00Z.
  "job-od-naive": {
    title: "Fizik ödevi",
    assignedTo: "job-ist-sule",
    deadline: "2026-12-10T18:00",
  },
  "job-od-done": {
    title: "Done in time",
    assignedTo: "job-ny-ada",
    deadline: "2026-12-10T15:00:00Z",
    completed: true,
    completedAt: "2026-12-10T14:00:00Z",
  },
  "job-od-future": { title: "Later", assignedTo: "job-ny-ada", deadline: "2026-12-10T18:00:00Z" },
  "job-od-off": { title: "Muted", assignedTo: "job-ny-off", deadline: "2026-12-10T15:00:00Z" },
  "job-od-stop": {
    title: "Opted out",
    assignedTo: "job-ny-stop",
    deadline: "2026-12-10T15:00:00Z",
  },
  "job-od-nophone": {
    title: "Unreachable",
    assignedTo: "job-ny-nophone",
    deadline: "2026-12-10T15:00:00Z",
  },
};

const { expectOptedOut } = useJobPopulation(Object.keys(OVERDUE_TASKS));

describe("overdue (hourly)", () => {
  it("tells the assignee once per missed deadline, and again when a moved one is missed", async () => {
    for (const [taskId, fields] of Object.entries(OVERDUE_TASKS)) await writeTask(taskId, fields);
    await waitForTaskIndex(Object.keys(OVERDUE_TASKS));

    await fireTwice("overdueJob", "2026-12-10T16:00:00Z");
    const first = await jobMessages("task_overdue");
    expect(ids(first)).toEqual([
      "task-overdue_job-od-naive_1796914800000",
      "task-overdue_job-od-stop_1796914800000",
      "task-overdue_job-od-str_1796914800000",
      "task-overdue_job-od-ts_1796916600000",
    ]);
    expectOptedOut(first.get("task-overdue_job-od-stop_1796914800000"));
    const essay = first.get("task-overdue_job-od-str_1796914800000");
    expectQueuedFor(essay, "job-ny-ada", "+15555550170");
    expect(essay).toMatchObject({ taskId: "job-od-str", templateId: "task_overdue" });
    expect(essay?.body).toBe(
      "Hi Ada, the deadline for Essay v2 has passed (Thu, Dec 10, 10:00 AM). Finish it when you can!",
    );
    expect(first.get("task-overdue_job-od-ts_1796916600000")?.body).toContain(
      "Kanji test has passed (Fri, Dec 11, 12:30 AM)",
    );
    expect(first.get("task-overdue_job-od-naive_1796914800000")?.body).toBe(
      "Merhaba Şule, Fizik ödevi görevinin teslim tarihi geçti (10 Aralık Perşembe 18:00). Fırsat bulunca tamamla!",
    );

    // The next hourly runs still see those deadlines, and queue nothing new.
    await runSchedule("overdueJob", new Date("2026-12-10T17:00:00Z"));
    await runSchedule("overdueJob", new Date("2026-12-10T19:00:00Z"));
    // "Later" (18:00Z) has passed by the 19:00 run.
    const afterLater = await jobMessages("task_overdue");
    expect(ids(afterLater)).toEqual(
      [...ids(first), "task-overdue_job-od-future_1796925600000"].sort(),
    );

    // The deadline moves to the next day and is missed again: a second message.
    await updateTask("job-od-str", { deadline: "2026-12-11T10:00:00Z" });
    await waitForTaskIndex(["job-od-str"]);
    await fireTwice("overdueJob", "2026-12-11T11:00:00Z");
    const moved = await jobMessages("task_overdue");
    expect(ids(moved)).toEqual(
      [...ids(afterLater), "task-overdue_job-od-str_1796983200000"].sort(),
    );
    expect(moved.get("task-overdue_job-od-str_1796983200000")?.body).toContain(
      "(Fri, Dec 11, 5:00 AM)",
    );
    expect([...moved.values()].filter((m) => m.taskId === "job-od-str")).toHaveLength(2);
  });
});
