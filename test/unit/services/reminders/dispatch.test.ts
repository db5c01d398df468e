/**
 * Due reminders against in-memory fakes: each occurrence is queued once, under its own id, and
 * the reminder moves on (next occurrence, `sending`, or `failed` with a reason).
 */
import type { DocumentData } from "firebase-admin/firestore";
import { reminderOccurrenceId } from "../../../../functions/services/outbox/ids";
import { handleReminderChange } from "../../../../functions/services/reminders/changes";
import {
  dispatchDueReminders,
  dispatchReminder,
  type DispatchPorts,
} from "../../../../functions/services/reminders/dispatch";
import type { MemoryReminderWorld } from "../../fakes/memoryReminders";
import { testSettings } from "../../fakes/settings";
import {
  clientWrites,
  ownReminder,
  storedFields,
  studentWorld,
} from "../../fakes/memoryRemindersEvents";

const settings = testSettings();
const CREATED = new Date("2026-11-21T12:00:00Z");
/** 10:00 on 22 November in New York (EST). */
const DUE = new Date("2026-11-22T15:00:00Z");
const AFTER_DUE = new Date(DUE.getTime() + 30_000);

/** A client writes the reminder and the trigger schedules it (its confirmation is cleared). */
async function scheduled(world: MemoryReminderWorld, reminderId: string, fields: DocumentData) {
  await handleReminderChange(
    clientWrites(world, reminderId, fields),
    settings,
    CREATED,
    world.ports,
  );
  world.outbox.messages.clear();
}

function dispatch(world: MemoryReminderWorld, reminderId: string, now = AFTER_DUE) {
  return dispatchReminder(reminderId, settings, now, world.ports);
}

describe("dispatchReminder", () => {
  it("queues a due one-off reminder once and leaves it sending", async () => {
    const world = studentWorld();
    await scheduled(world, "r1", ownReminder("stu-en", { channel: "whatsapp" }));

    expect(await dispatch(world, "r1")).toBe("dispatched");

    const id = reminderOccurrenceId("r1", "2026-11-22T10:00");
    expect(world.outbox.ids()).toEqual([id]);
    expect(world.outbox.messages.get(id)?.message).toMatchObject({
      to: "+12125550100",
      body: "Time to revise chapter 3.",
      channel: "whatsapp",
      type: "reminder",
      reminderId: "r1",
      optOutExempt: true,
    });
    expect(storedFields(world, "r1")).toEqual({
      status: "sending",
      nextRunAt: null,
      errorMessage: null,
    });
    expect(world.reminders.data("r1")?.lastMessageId).toBe(id);
  });

  it("moves a daily reminder to the same wall-clock time after spring-forward", async () => {
    const world = studentWorld();
    const daily = { scheduledTime: "2026-03-07T09:00", recurrence: "daily" };
    await handleReminderChange(
      clientWrites(world, "r-daily", ownReminder("stu-en", daily)),
      settings,
      new Date("2026-03-06T12:00:00Z"),
      world.ports,
    );

    // 09:00 EST on the 7th is 14:00Z; 09:00 EDT on the 8th is 13:00Z.
    expect(await dispatch(world, "r-daily", new Date("2026-03-07T14:00:10Z"))).toBe("dispatched");

    expect(storedFields(world, "r-daily")).toMatchObject({
      status: "scheduled",
      nextRunAt: "2026-03-08T13:00:00.000Z",
    });
    expect(world.outbox.ids()).toContain(reminderOccurrenceId("r-daily", "2026-03-07T09:00"));
  });

  it("skips the occurrences missed while nothing ran, instead of sending them in a burst", async () => {
    const world = studentWorld();
    await scheduled(world, "r-daily", ownReminder("stu-en", { recurrence: "daily" }));

    // Three days late, at 11:00 on the 25th: the next run is the 26th, not the 23rd.
    expect(await dispatch(world, "r-daily", new Date("2026-11-25T16:00:00Z"))).toBe("dispatched");

    expect(storedFields(world, "r-daily").nextRunAt).toBe("2026-11-26T15:00:00.000Z");
    expect(world.outbox.ids()).toEqual([reminderOccurrenceId("r-daily", "2026-11-22T10:00")]);
  });

  it("skips what is not due yet, and an occurrence already taken", async () => {
    const world = studentWorld();
    await scheduled(world, "r1", ownReminder("stu-en"));

    expect(await dispatch(world, "r1", new Date(DUE.getTime() - 1))).toBe("skipped");
    expect(await dispatch(world, "r1")).toBe("dispatched");
    expect(await dispatch(world, "r1")).toBe("skipped");

    expect(world.outbox.ids()).toHaveLength(1);
  });

  it("does not queue an occurrence the client moved while it was being dispatched", async () => {
    const world = studentWorld();
    await scheduled(world, "r1", ownReminder("stu-en"));
    const racing: DispatchPorts = {
      ...world.ports,
      readReminder: async (reminderId) => {
        const read = await world.ports.readReminder(reminderId);
        // Between the read and the claim, the client moves it a day later.
        await handleReminderChange(
          clientWrites(world, reminderId, { scheduledTime: "2026-11-23T10:00" }),
          settings,
          CREATED,
          world.ports,
        );
        return read;
      },
    };

    expect(await dispatchReminder("r1", settings, AFTER_DUE, racing)).toBe("skipped");

    expect(world.outbox.ids().filter((id) => id.startsWith("reminder_"))).toEqual([]);
    expect(storedFields(world, "r1").nextRunAt).toBe("2026-11-23T15:00:00.000Z");
  });

  it("fails with the outbox's plain reason when the number is not valid", async () => {
    const world = studentWorld();
    world.people.add("stu-bad", { role: "student", phone: "12" });
    await scheduled(world, "r1", ownReminder("stu-bad"));

    expect(await dispatch(world, "r1")).toBe("failed");

    const [queued] = world.outbox.messages.values();
    expect(queued.record.status).toBe("failed");
    expect(storedFields(world, "r1")).toEqual({
      status: "failed",
      nextRunAt: null,
      errorMessage: queued.record.error?.userMessage,
    });
  });

  it("fails without a message when the author lost the right to send", async () => {
    const world = studentWorld();
    world.people.assignTask("partner-1", "stu-en");
    await scheduled(world, "r1", ownReminder("stu-en", { createdBy: "partner-1" }));
    world.people.add("partner-1", { role: "student" });

    expect(await dispatch(world, "r1")).toBe("failed");

    expect(world.outbox.ids()).toEqual([]);
    expect(storedFields(world, "r1")).toMatchObject({
      status: "failed",
      errorMessage:
        "The reminder cannot be sent: partner-1 is not an admin nor a partner of stu-en",
    });
  });

  it("fails without a message when the reminder template is missing", async () => {
    const world = studentWorld();
    await scheduled(world, "r1", ownReminder("stu-en"));
    world.templates.remove("reminder");

    expect(await dispatch(world, "r1")).toBe("failed");

    expect(world.outbox.ids()).toEqual([]);
    expect(storedFields(world, "r1").errorMessage).toBe(
      "The reminder cannot be sent: no reminder template",
    );
  });
});

describe("dispatchDueReminders", () => {
  it("dispatches each due reminder once, however often it runs", async () => {
    const world = studentWorld();
    await scheduled(world, "r-en", ownReminder("stu-en"));
    await scheduled(world, "r-tr", ownReminder("stu-tr"));
    await scheduled(world, "r-later", ownReminder("stu-en", { scheduledTime: "2026-11-23T10:00" }));

    const first = await dispatchDueReminders(settings, AFTER_DUE, world.ports);
    const second = await dispatchDueReminders(settings, AFTER_DUE, world.ports);

    expect(first).toEqual({ dispatched: 2, failed: 0, skipped: 0 });
    expect(second).toEqual({ dispatched: 0, failed: 0, skipped: 0 });
    expect(world.outbox.ids().sort()).toEqual([
      reminderOccurrenceId("r-en", "2026-11-22T10:00"),
      reminderOccurrenceId("r-tr", "2026-11-22T10:00"),
    ]);
    expect(storedFields(world, "r-later").status).toBe("scheduled");
  });
});
