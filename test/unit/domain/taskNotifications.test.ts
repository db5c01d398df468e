/** taskNotifications: who hears about a task when it is created, reassigned, edited or completed. */
import { taskNotifications } from "../../../functions/domain/taskNotifications";
import {
  ASSIGNEE,
  completion,
  created,
  CREATOR,
  parsed,
  stamp,
  task,
  updated,
} from "./taskNotificationsFixtures";

describe("taskNotifications", () => {
  describe("a task is created", () => {
    it("tells the assignee", () => {
      expect(taskNotifications(null, task())).toEqual([created(ASSIGNEE)]);
    });

    it("tells nobody when the task is created already completed", () => {
      expect(taskNotifications(null, task(completion))).toEqual([]);
    });

    it("tells the assignee of a task written without the optional fields", () => {
      const minimal = parsed({ title: "Read chapter 3", assignedTo: ASSIGNEE });
      expect(taskNotifications(null, minimal)).toEqual([created(ASSIGNEE)]);
    });
  });

  describe("a task is reassigned", () => {
    it("tells the new assignee, as for a new task, and not the old one", () => {
      expect(taskNotifications(task(), task({ assignedTo: "student-2" }))).toEqual([
        created("student-2"),
      ]);
    });

    it("sends only task_created even when watched fields change in the same write", () => {
      const after = task({ assignedTo: "student-2", title: "Read chapter 4" });
      expect(taskNotifications(task(), after)).toEqual([created("student-2")]);
    });

    it("tells the new assignee of a task reopened and reassigned at once", () => {
      const before = task(completion);
      expect(taskNotifications(before, task({ assignedTo: "student-2" }))).toEqual([
        created("student-2"),
      ]);
    });

    it("tells nobody when the task is completed", () => {
      const before = task(completion);
      expect(taskNotifications(before, task({ ...completion, assignedTo: "student-2" }))).toEqual(
        [],
      );
    });
  });

  describe("a task is completed", () => {
    it("congratulates the assignee and tells the creator", () => {
      expect(taskNotifications(task(), task(completion))).toEqual([
        { kind: "task_completed", recipientId: ASSIGNEE },
        { kind: "task_completed_creator", recipientId: CREATOR },
      ]);
    });

    it("tells the creator only once when they assigned the task to themselves", () => {
      const before = task({ createdBy: ASSIGNEE });
      expect(taskNotifications(before, task({ ...completion, createdBy: ASSIGNEE }))).toEqual([
        { kind: "task_completed", recipientId: ASSIGNEE },
      ]);
    });

    it.each<[string, unknown]>([
      ["null", null],
      ["blank", "  "],
      ["not text", 12],
    ])("tells only the assignee when createdBy is %s", (_label, createdBy) => {
      expect(taskNotifications(task({ createdBy }), task({ ...completion, createdBy }))).toEqual([
        { kind: "task_completed", recipientId: ASSIGNEE },
      ]);
    });

    it("sends no task_updated for watched fields changed in the same write", () => {
      const after = task({ ...completion, title: "Read chapter 4", deadline: null });
      expect(taskNotifications(task(), after).map((n) => n.kind)).toEqual([
        "task_completed",
        "task_completed_creator",
      ]);
    });

    it("tells nobody when it is marked completed again", () => {
      expect(taskNotifications(task(completion), task(completion))).toEqual([]);
    });
  });

  describe("a watched field changes", () => {
    it.each<[string, unknown]>([
      ["title", "Read chapter 4"],
      ["subjectId", "physics"],
      ["chapterId", "math-4"],
      ["taskType", "revision"],
    ])("tells the assignee when %s changes", (field, value) => {
      expect(taskNotifications(task(), task({ [field]: value }))).toEqual([updated(ASSIGNEE)]);
    });

    it.each(["subjectId", "chapterId", "taskType"])(
      "tells the assignee when %s is set or cleared",
      (field) => {
        expect(taskNotifications(task({ [field]: null }), task())).toEqual([updated(ASSIGNEE)]);
        expect(taskNotifications(task(), task({ [field]: null }))).toEqual([updated(ASSIGNEE)]);
      },
    );

    it("ignores whitespace around the title", () => {
      expect(taskNotifications(task(), task({ title: "  Read chapter 3 " }))).toEqual([]);
    });

    it("notifies once however many watched fields change", () => {
      const after = task({ title: "Read chapter 4", chapterId: "math-4", taskType: "revision" });
      expect(taskNotifications(task(), after)).toEqual([updated(ASSIGNEE)]);
    });
  });

  describe("the deadline", () => {
    it("is unchanged when rewritten as an equal Timestamp", () => {
      const before = task({ deadline: stamp("2026-03-20T21:00:00Z") });
      const after = task({ deadline: stamp("2026-03-20T21:00:00Z") });
      expect(taskNotifications(before, after)).toEqual([]);
    });

    it("is unchanged when the same instant is written as an ISO string", () => {
      const after = task({ deadline: "2026-03-21T00:00:00+03:00" });
      expect(taskNotifications(task(), after)).toEqual([]);
    });

    it("changes when the Timestamp moves, even by a second", () => {
      expect(taskNotifications(task(), task({ deadline: stamp("2026-03-20T21:00:01Z") }))).toEqual([
        updated(ASSIGNEE),
      ]);
    });

    it("changes when a naive local string changes", () => {
      const before = task({ deadline: "2026-03-20T17:00" });
      expect(taskNotifications(before, task({ deadline: "2026-03-20T18:00" }))).toEqual([
        updated(ASSIGNEE),
      ]);
      expect(taskNotifications(before, task({ deadline: "2026-03-21" }))).toEqual([
        updated(ASSIGNEE),
      ]);
    });

    it("is unchanged when the same naive string is written again, in either form", () => {
      const before = task({ deadline: "2026-03-20T17:00" });
      expect(taskNotifications(before, task({ deadline: "2026-03-20T17:00" }))).toEqual([]);
      expect(taskNotifications(before, task({ deadline: "2026-03-20 17:00" }))).toEqual([]);
    });

    it("changes when it is added or removed", () => {
      expect(taskNotifications(task({ deadline: null }), task())).toEqual([updated(ASSIGNEE)]);
      expect(taskNotifications(task(), task({ deadline: null }))).toEqual([updated(ASSIGNEE)]);
    });
  });

  describe("other changes cause nothing", () => {
    it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
      ["notes", {}, { notes: "pages 40-52" }],
      ["createdAt", {}, { createdAt: stamp("2026-03-02T10:00:00Z") }],
      ["createdBy", {}, { createdBy: "partner-2" }],
      ["completedAt without completed", {}, { completedAt: stamp("2026-03-19T17:00:00Z") }],
      ["a backend-written field", {}, { overdueNotifiedAt: stamp("2026-03-21T00:00:00Z") }],
      ["an unusable deadline replacing none", { deadline: null }, { deadline: "tomorrow" }],
    ])("%s", (_label, beforeOverrides, afterOverrides) => {
      expect(taskNotifications(task(beforeOverrides), task(afterOverrides))).toEqual([]);
    });

    it("the same document delivered twice", () => {
      expect(taskNotifications(task(), task())).toEqual([]);
    });

    it("uncompleting a task", () => {
      expect(taskNotifications(task(completion), task())).toEqual([]);
    });

    it("deleting a task", () => {
      expect(taskNotifications(task(), null)).toEqual([]);
      expect(taskNotifications(task(completion), null)).toEqual([]);
      expect(taskNotifications(null, null)).toEqual([]);
    });

    it.each<[string, unknown]>([
      ["title", "Read chapter 4"],
      ["subjectId", "physics"],
      ["chapterId", "math-4"],
      ["taskType", "revision"],
      ["deadline", stamp("2026-03-25T21:00:00Z")],
    ])("editing %s of a completed task", (field, value) => {
      const before = task(completion);
      expect(taskNotifications(before, task({ ...completion, [field]: value }))).toEqual([]);
    });
  });
});
