/** taskMessageId: one id per notification, task and version, so a redelivered event queues once. */
import { taskMessageId } from "../../../functions/services/outbox/ids";
import {
  taskNotifications,
  type TaskNotification,
} from "../../../functions/domain/taskNotifications";
import { ASSIGNEE, completion, created, task } from "./taskNotificationsFixtures";

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
