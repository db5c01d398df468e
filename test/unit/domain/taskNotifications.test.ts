import { taskMessageId } from "../../../functions/services/outbox/ids";
import { Timestamp } from "firebase-admin/firestore";
import { parseTask, type ClientTask } from "../../../functions/domain/clientDocs";
import {
  taskNotifications,
  type TaskNotification,
} from "../../../functions/domain/taskNotifications";

const ASSIGNEE = "student-1";
const CREATOR = "partner-1";

const stamp = (iso: string): Timestamp => Timestamp.fromDate(new Date(iso));

/**
 * A tasks/{taskId} document as the apps write it: camelCase, Timestamps, `completedAt: null`
 * until the task is done. Fresh Timestamp objects on every call, so "unchanged" really means
 * equal values rather than the same object.
 */
function document(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: "Read chapter 3",
    assignedTo: ASSIGNEE,
    createdBy: CREATOR,
    subjectId: "math",
    chapterId: "math-3",
    taskType: "chapter",
    completed: false,
    createdAt: stamp("2026-03-01T10:00:00Z"),
    deadline: stamp("2026-03-20T21:00:00Z"),
    completedAt: null,
    ...overrides,
  };
}

/** The ClientTask a trigger would get for a document: parsed, never hand-built. */
function task(overrides: Record<string, unknown> = {}): ClientTask {
  return parsed(document(overrides));
}

function parsed(doc: Record<string, unknown>): ClientTask {
  const result = parseTask(doc);
  if (!result.ok) throw new Error(`test document did not parse: ${result.reason}`);
  return result.value;
}

const created = (recipientId: string): TaskNotification => ({
  kind: "task_created",
  recipientId,
});
const updated = (recipientId: string): TaskNotification => ({
  kind: "task_updated",
  recipientId,
});

const completion = { completed: true, completedAt: stamp("2026-03-19T17:00:00Z") };

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

describe("taskMessageId", () => {
  const notification = created(ASSIGNEE);
  const version = "2026-03-08T12:00:00.123456Z";

  it("is the same for the same notification, task and version (a redelivered event)", () => {
    expect(taskMessageId(notification, "task-1", version)).toBe(
      taskMessageId({ kind: "task_created", recipientId: ASSIGNEE }, "task-1", version),
    );
  });

  it("differs by kind", () => {
    const kinds: TaskNotification["kind"][] = [
      "task_created",
      "task_updated",
      "task_completed",
      "task_completed_creator",
    ];
    const ids = kinds.map((kind) => taskMessageId({ kind, recipientId: ASSIGNEE }, "t", version));
    expect(new Set(ids).size).toBe(kinds.length);
  });

  it("differs by recipient", () => {
    expect(taskMessageId(created("student-1"), "task-1", version)).not.toBe(
      taskMessageId(created("student-2"), "task-1", version),
    );
  });

  it("differs by task", () => {
    expect(taskMessageId(notification, "task-1", version)).not.toBe(
      taskMessageId(notification, "task-2", version),
    );
  });

  it("differs by version, so a later edit is a new message", () => {
    expect(taskMessageId(notification, "task-1", version)).not.toBe(
      taskMessageId(notification, "task-1", "2026-03-08T12:05:00.000001Z"),
    );
  });

  it("gives the two completion messages of one write different ids", () => {
    const [assignee, creator] = taskNotifications(task(), task(completion));
    expect(taskMessageId(assignee, "task-1", version)).not.toBe(
      taskMessageId(creator, "task-1", version),
    );
  });

  it("is a usable Firestore document id", () => {
    const id = taskMessageId(
      { kind: "task_completed_creator", recipientId: "Xy9kQ2mN4pR7sT1uV3wZ5aB8cD0e" },
      "AbCdEfGhIjKlMnOpQrSt",
      version,
    );
    expect(id).not.toContain("/");
    expect(id).not.toMatch(/^__.*__$/);
    expect(id).not.toMatch(/^\.\.?$/);
    expect(Buffer.byteLength(id)).toBeLessThanOrEqual(1500);
  });

  it("does not collide when ids contain the separator", () => {
    expect(taskMessageId(created("b_c"), "a", version)).not.toBe(
      taskMessageId(created("c"), "a_b", version),
    );
  });
});
