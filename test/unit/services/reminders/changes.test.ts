/**
 * A client's write of a reminder, handled against in-memory fakes: what ends up on the
 * reminder (status, nextRunAt, errorMessage) and what ends up in the outbox.
 */
import { reminderConfirmationId } from "../../../../functions/services/outbox/ids";
import type { MemoryReminderWorld } from "../../fakes/memoryReminders";
import {
  REMINDER_TITLE as TITLE,
  clientWrites,
  eventOf,
  ownReminder,
  storedFields,
  studentWorld,
  failed,
  handle,
  write,
} from "../../fakes/memoryRemindersEvents";

const stopped = (status: string) => ({ status, nextRunAt: null, errorMessage: null });

describe("handleReminderChange: a new reminder", () => {
  it("is scheduled in the user's zone and confirmed once, in the user's language", async () => {
    const world = studentWorld();
    const change = clientWrites(world, "r1", ownReminder("stu-tr"));

    await handle(world, change);

    // 10:00 in Istanbul (UTC+3 all year) is 07:00Z.
    expect(storedFields(world, "r1")).toEqual({
      status: "scheduled",
      nextRunAt: "2026-11-22T07:00:00.000Z",
      errorMessage: null,
    });
    const id = reminderConfirmationId("reminder_created", "r1", change.version);
    expect(world.outbox.ids()).toEqual([id]);
    expect(world.outbox.messages.get(id)?.message).toMatchObject({
      to: "+905321234567",
      body: `Hatırlatıcı 22 Kasım Pazar 10:00 için kuruldu: ${TITLE}.`,
      language: "tr",
      type: "reminder_created",
      userId: "stu-tr",
      reminderId: "r1",
      timeZone: "Europe/Istanbul",
      // Students set it for themselves: it reaches them after STOP, and charges no one.
      optOutExempt: true,
      sender: undefined,
    });
  });

  it("reads a wall-clock time skipped by spring-forward in New York as 03:30 EDT", async () => {
    const world = studentWorld();
    const reminder = ownReminder("stu-en", { scheduledTime: "2026-03-08T02:30" });
    const change = clientWrites(world, "r-dst", reminder);

    await handle(world, change, new Date("2026-03-07T12:00:00Z"));

    expect(storedFields(world, "r-dst")).toMatchObject({
      status: "scheduled",
      nextRunAt: "2026-03-08T07:30:00.000Z",
    });
    const [queued] = world.outbox.messages.values();
    expect(queued.message.body).toBe(`Reminder set for Sun, Mar 8, 3:30 AM: ${TITLE}.`);
  });

  it("follows the reminder's own zone over the user's", async () => {
    const world = studentWorld();
    await write(world, "r-zone", ownReminder("stu-tr", { timezone: "America/New_York" }));

    // 10:00 EST is 15:00Z.
    expect(storedFields(world, "r-zone").nextRunAt).toBe("2026-11-22T15:00:00.000Z");
  });

  it("fails with a plain reason when its time has passed, and sends nothing", async () => {
    const world = studentWorld();
    await write(world, "r-past", ownReminder("stu-en", { scheduledTime: "2026-11-20T10:00" }));

    expect(storedFields(world, "r-past")).toEqual(
      failed("The reminder time has already passed. Choose a time in the future."),
    );
    expect(world.outbox.ids()).toEqual([]);
  });

  it("is still scheduled when the confirmation's template is missing, but nothing is queued", async () => {
    const world = studentWorld();
    world.templates.remove("reminder_created");

    await write(world, "r1", ownReminder("stu-en"));

    expect(storedFields(world, "r1").status).toBe("scheduled");
    expect(world.outbox.ids()).toEqual([]);
  });
});

describe("handleReminderChange: redelivery and races", () => {
  it("queues one confirmation when the same event is handled twice", async () => {
    const world = studentWorld();
    const change = clientWrites(world, "r1", ownReminder("stu-en"));

    await handle(world, change);
    const afterFirst = storedFields(world, "r1");
    await handle(world, change);

    expect(world.outbox.ids()).toEqual([
      reminderConfirmationId("reminder_created", "r1", change.version),
    ]);
    expect(storedFields(world, "r1")).toEqual(afterFirst);
  });

  it("writes the same fields and still queues one message when a redelivery's write lands", async () => {
    const world = studentWorld();
    // An event without an update time writes without a precondition, so both runs write.
    const change = { ...clientWrites(world, "r1", ownReminder("stu-en")), updateTime: undefined };

    await handle(world, change);
    await handle(world, change);

    expect(world.reminders.fieldWrites).toHaveLength(2);
    expect(world.reminders.fieldWrites[1]).toEqual(world.reminders.fieldWrites[0]);
    expect(world.outbox.requests).toHaveLength(2);
    expect(world.outbox.ids()).toHaveLength(1);
  });

  it("confirms on the retry when queueing failed: the fields and the message land together", async () => {
    const world = studentWorld();
    const change = clientWrites(world, "r1", ownReminder("stu-en"));
    world.outbox.failNext();

    await expect(handle(world, change)).rejects.toThrow("UNAVAILABLE");
    expect(world.reminders.fieldWrites).toEqual([]);
    await handle(world, change);

    expect(world.reminders.fieldWrites).toHaveLength(1);
    expect(world.outbox.ids()).toEqual([
      reminderConfirmationId("reminder_created", "r1", change.version),
    ]);
  });

  it("writes and queues nothing for a write the client has superseded", async () => {
    const world = studentWorld();
    const stale = clientWrites(world, "r1", ownReminder("stu-en"));
    clientWrites(world, "r1", { scheduledTime: "2026-11-23T10:00" });

    expect(await handle(world, stale)).toEqual({});

    expect(world.reminders.fieldWrites).toEqual([]);
    expect(world.outbox.ids()).toEqual([]);
  });

  it("plans nothing for the backend's own field writes", async () => {
    const world = studentWorld();
    const clientDoc = ownReminder("stu-en");
    await write(world, "r1", clientDoc);
    const scheduledDoc = world.reminders.data("r1") ?? null;

    // The trigger fires again for the backend's write of status and nextRunAt...
    expect(await handle(world, eventOf(world, "r1", clientDoc))).toEqual({});
    // ...and for the dispatcher's move to `sending`.
    world.reminders.put("r1", { ...scheduledDoc, status: "sending", lastMessageId: "m1" });
    expect(await handle(world, eventOf(world, "r1", scheduledDoc))).toEqual({});

    expect(world.reminders.fieldWrites).toHaveLength(1);
    expect(world.outbox.ids()).toHaveLength(1);
  });
});

describe("handleReminderChange: a malformed reminder", () => {
  it("is marked failed with a reason once, and the echo of that write writes nothing", async () => {
    const world = studentWorld();
    const malformed = ownReminder("stu-en", { title: "ab" });

    await write(world, "r-bad", malformed);
    expect(storedFields(world, "r-bad")).toEqual(
      failed("The reminder is not valid: title: title must be 3 to 100 characters"),
    );

    await handle(world, eventOf(world, "r-bad", malformed));

    expect(world.reminders.fieldWrites).toHaveLength(1);
    expect(world.outbox.ids()).toEqual([]);
  });
});

describe("handleReminderChange: later writes by the client", () => {
  async function scheduled(world: MemoryReminderWorld) {
    await write(world, "r1", ownReminder("stu-en"));
    return world.outbox.ids().length;
  }

  it("confirms a new text at the time already scheduled, writing no fields", async () => {
    const world = studentWorld();
    const before = await scheduled(world);
    const change = clientWrites(world, "r1", { message: "Chapter 4 instead." });
    await handle(world, change);

    expect(world.reminders.fieldWrites).toHaveLength(1);
    expect(world.outbox.ids()).toHaveLength(before + 1);
    const id = reminderConfirmationId("reminder_updated", "r1", change.version);
    expect(world.outbox.messages.get(id)?.message.body).toBe(
      `Reminder updated, now Sun, Nov 22, 10:00 AM: ${TITLE}.`,
    );
  });

  it("marks a completed reminder completed and congratulates once", async () => {
    const world = studentWorld();
    await scheduled(world);
    const change = clientWrites(world, "r1", { completed: true });
    await handle(world, change);
    await handle(world, eventOf(world, "r1", change.after));

    expect(storedFields(world, "r1")).toEqual(stopped("completed"));
    const id = reminderConfirmationId("reminder_completed", "r1", change.version);
    expect(world.outbox.messages.get(id)?.message.body).toBe(`Reminder done: ${TITLE}. Nice work!`);
    expect(world.outbox.ids()).toHaveLength(2);
  });

  it("stops a cancelled reminder without a message, and ignores a second cancel", async () => {
    const world = studentWorld();
    await scheduled(world);
    await write(world, "r1", { status: "cancelled" });
    const writes = world.reminders.fieldWrites.length;
    await write(world, "r1", { status: "cancelled", title: "Other title" });

    expect(storedFields(world, "r1")).toEqual(stopped("cancelled"));
    expect(world.reminders.fieldWrites).toHaveLength(writes);
    expect(world.outbox.ids()).toHaveLength(1);
  });
});
