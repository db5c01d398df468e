/** parseTask: tasks/{taskId} as the apps write it, with missing fields, and what cannot be used. */
import { Timestamp } from "firebase-admin/firestore";
import { parseTask } from "../../../functions/domain/clientDocs";
import { at, reasonOf, valueOf, without } from "./clientDocsFixtures";

describe("parseTask", () => {
  /** A tasks/{taskId} document with every field, as the apps write it (camelCase). */
  const fullTask: Record<string, unknown> = {
    title: "Read chapter 3",
    assignedTo: "student-1",
    createdBy: "partner-1",
    subjectId: "math",
    chapterId: "math-3",
    taskType: "chapter",
    completed: false,
    createdAt: Timestamp.fromDate(at("2026-03-01T10:00:00Z")),
    deadline: Timestamp.fromDate(at("2026-03-20T21:00:00Z")),
    completedAt: null,
  };

  it("reads a complete document", () => {
    expect(valueOf(parseTask(fullTask))).toEqual({
      title: "Read chapter 3",
      assignedTo: "student-1",
      createdBy: "partner-1",
      subjectId: "math",
      chapterId: "math-3",
      taskType: "chapter",
      completed: false,
      createdAt: { instant: at("2026-03-01T10:00:00Z") },
      deadline: { instant: at("2026-03-20T21:00:00Z") },
      completedAt: undefined,
    });
  });

  it("reads dates written as ISO strings, with or without an offset", () => {
    const task = valueOf(
      parseTask({
        ...fullTask,
        createdAt: "2026-03-01T10:00:00.000Z",
        deadline: "2026-03-20T17:00",
        completedAt: "2026-03-19T20:00:00+03:00",
        completed: true,
      }),
    );
    expect(task.createdAt).toEqual({ instant: at("2026-03-01T10:00:00Z") });
    expect(task.deadline).toEqual({ local: "2026-03-20T17:00" });
    expect(task.completedAt).toEqual({ instant: at("2026-03-19T17:00:00Z") });
  });

  it("drops an unusable deadline but keeps the task", () => {
    expect(valueOf(parseTask({ ...fullTask, deadline: "tomorrow" })).deadline).toBeUndefined();
  });

  it("reads completed: true, and anything else as false", () => {
    expect(valueOf(parseTask({ ...fullTask, completed: true })).completed).toBe(true);
    for (const value of ["true", 1, null, "yes"]) {
      expect(valueOf(parseTask({ ...fullTask, completed: value })).completed).toBe(false);
    }
  });

  it("trims the title and ids", () => {
    const task = valueOf(
      parseTask({ ...fullTask, title: "  Read chapter 3 ", assignedTo: " student-1 " }),
    );
    expect(task.title).toBe("Read chapter 3");
    expect(task.assignedTo).toBe("student-1");
  });

  it("ignores fields it does not use, including ones the backend writes", () => {
    const task = valueOf(
      parseTask({ ...fullTask, notes: "p. 40-52", overdueNotifiedAt: "x", status: "sent" }),
    );
    expect(task).not.toHaveProperty("notes");
    expect(task).not.toHaveProperty("overdueNotifiedAt");
    expect(task).not.toHaveProperty("status");
  });

  describe("missing optional fields", () => {
    it("reads a document with only a title and an assignee, completed defaulting to false", () => {
      const task = valueOf(parseTask({ title: "Read chapter 3", assignedTo: "student-1" }));
      expect(task.title).toBe("Read chapter 3");
      expect(task.assignedTo).toBe("student-1");
      expect(task.completed).toBe(false);
      expect(task.createdBy).toBeUndefined();
      expect(task.deadline).toBeUndefined();
      expect(task.completedAt).toBeUndefined();
    });

    it.each([
      "createdBy",
      "subjectId",
      "chapterId",
      "taskType",
      "completed",
      "createdAt",
      "deadline",
      "completedAt",
    ])("reads a document without %s", (key) => {
      const task = valueOf(parseTask(without(fullTask, key)));
      expect(task.assignedTo).toBe("student-1");
      expect(task[key as keyof typeof task]).toBe(key === "completed" ? false : undefined);
    });
  });

  describe("documents that cannot be used", () => {
    it.each<[string, Record<string, unknown>, string]>([
      ["no title", without(fullTask, "title"), "title"],
      ["a blank title", { ...fullTask, title: "   " }, "title"],
      ["a title that is not text", { ...fullTask, title: 7 }, "title"],
      ["no assignedTo", without(fullTask, "assignedTo"), "assignedTo"],
      ["a blank assignedTo", { ...fullTask, assignedTo: " " }, "assignedTo"],
      ["an assignedTo that is not text", { ...fullTask, assignedTo: 17 }, "assignedTo"],
    ])("reports %s, naming the field", (_label, doc, field) => {
      const reason = reasonOf(parseTask(doc));
      expect(reason).toContain(field);
      const other = field === "title" ? "assignedTo" : "title";
      expect(reason).not.toContain(other);
    });

    it("names both fields when both are missing", () => {
      const reason = reasonOf(parseTask(without(fullTask, "title", "assignedTo")));
      expect(reason).toContain("title");
      expect(reason).toContain("assignedTo");
    });

    it.each<[string, unknown]>([
      ["null", null],
      ["undefined", undefined],
      ["a string", "Read chapter 3"],
      ["a number", 42],
      ["an array", [fullTask]],
    ])("reports %s as unusable instead of throwing", (_label, data) => {
      expect(() => parseTask(data)).not.toThrow();
      expect(reasonOf(parseTask(data))).not.toBe("");
    });
  });
});
