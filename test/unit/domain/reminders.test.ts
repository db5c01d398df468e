import {
  firstRun,
  parseReminder,
  planReminderChange,
  type Reminder,
} from "../../../functions/domain/reminders";

const NOW = new Date("2026-11-21T12:00:00Z");
const NY = "America/New_York";

function reminder(fields: Record<string, unknown> = {}): Reminder {
  const parsed = parseReminder({
    userId: "u1",
    title: "Revise chapter 3",
    message: "Time to revise chapter 3.",
    scheduledTime: "2026-11-22T14:00:00Z",
    ...fields,
  });
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

describe("parseReminder", () => {
  it("accepts what the apps write, with defaults for channel and recurrence", () => {
    expect(reminder()).toMatchObject({ channel: "sms", recurrence: "none", completed: false });
  });

  it.each([
    [{ title: "ab" }, "title"],
    [{ title: "x".repeat(101) }, "title"],
    [{ message: "" }, "message"],
    [{ message: "x".repeat(481) }, "message"],
    [{ scheduledTime: "next tuesday" }, "scheduledTime"],
    [{ scheduledTime: undefined }, "scheduledTime"],
    [{ channel: "pigeon" }, "channel"],
    [{ recurrence: "hourly" }, "recurrence"],
    [{ timezone: "Mars/Olympus" }, "timezone"],
    [{ userId: undefined }, "userId"],
  ])("rejects %j, naming %s", (fields, field) => {
    const parsed = parseReminder({
      userId: "u1",
      title: "Revise chapter 3",
      message: "Time to revise.",
      scheduledTime: "2026-11-22T14:00:00Z",
      ...fields,
    });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(field);
  });

  it("accepts a phone number instead of a user", () => {
    expect(reminder({ userId: undefined, phone_number: "+15555550123" }).phone_number).toBe(
      "+15555550123",
    );
  });

  it("rejects what is not a document", () => {
    expect(parseReminder(null).ok).toBe(false);
    expect(parseReminder("reminder").ok).toBe(false);
  });
});

describe("firstRun", () => {
  it("reads a naive time in the zone", () => {
    const r = reminder({ scheduledTime: "2026-11-22T09:00" });
    expect(firstRun(r, "Europe/Istanbul", NOW)).toEqual(new Date("2026-11-22T06:00:00Z"));
  });

  it("still runs a one-off reminder a few minutes late, but not one long past", () => {
    expect(firstRun(reminder({ scheduledTime: "2026-11-21T11:50:00Z" }), NY, NOW)).toEqual(
      new Date("2026-11-21T11:50:00Z"),
    );
    expect(firstRun(reminder({ scheduledTime: "2026-11-20T11:00:00Z" }), NY, NOW)).toBeUndefined();
  });

  it("moves a recurring reminder that started in the past to its next occurrence", () => {
    const r = reminder({ scheduledTime: "2026-11-01T09:00", recurrence: "daily" });
    // 07:00 in New York now: today's 09:00 is still ahead.
    expect(firstRun(r, NY, NOW)).toEqual(new Date("2026-11-21T14:00:00Z"));
  });
});

describe("planReminderChange", () => {
  it("schedules and confirms a new reminder", () => {
    expect(planReminderChange(null, reminder(), NY, NOW)).toEqual({
      fields: {
        status: "scheduled",
        nextRunAt: new Date("2026-11-22T14:00:00Z"),
        errorMessage: null,
      },
      confirmation: "reminder_created",
    });
  });

  it("fails a new one-off reminder whose time has passed", () => {
    const plan = planReminderChange(
      null,
      reminder({ scheduledTime: "2026-11-01T09:00:00Z" }),
      NY,
      NOW,
    );
    expect(plan.fields?.status).toBe("failed");
    expect(plan.fields?.errorMessage).toMatch(/already passed/);
    expect(plan.confirmation).toBeUndefined();
  });

  it("reschedules and confirms a change of time", () => {
    const plan = planReminderChange(
      reminder(),
      reminder({ scheduledTime: "2026-11-23T14:00:00Z" }),
      NY,
      NOW,
    );
    expect(plan).toMatchObject({
      fields: { nextRunAt: new Date("2026-11-23T14:00:00Z") },
      confirmation: "reminder_updated",
    });
  });

  it("confirms a change of message or channel without rescheduling", () => {
    expect(planReminderChange(reminder(), reminder({ message: "New text" }), NY, NOW)).toEqual({
      confirmation: "reminder_updated",
    });
    expect(planReminderChange(reminder(), reminder({ channel: "voice" }), NY, NOW)).toEqual({
      confirmation: "reminder_updated",
    });
  });

  it("completes and confirms once", () => {
    const done = reminder({ completed: true });
    expect(planReminderChange(reminder(), done, NY, NOW)).toEqual({
      fields: { status: "completed", nextRunAt: null, errorMessage: null },
      confirmation: "reminder_completed",
    });
    expect(planReminderChange(done, done, NY, NOW)).toEqual({});
  });

  it("stops a reminder the app cancels, without a message", () => {
    expect(planReminderChange(reminder(), reminder({ status: "cancelled" }), NY, NOW)).toEqual({
      fields: { status: "cancelled", nextRunAt: null, errorMessage: null },
    });
    const cancelled = reminder({ status: "cancelled" });
    expect(planReminderChange(cancelled, cancelled, NY, NOW)).toEqual({});
  });

  it("plans nothing for the backend's own writes or a deletion", () => {
    const before = reminder({ status: "scheduled" });
    const after = reminder({
      status: "sent",
      lastSentAt: "x",
      nextRunAt: null,
      errorMessage: null,
    });
    expect(planReminderChange(before, after, NY, NOW)).toEqual({});
    expect(planReminderChange(before, reminder({ status: "sending" }), NY, NOW)).toEqual({});
    expect(planReminderChange(before, null, NY, NOW)).toEqual({});
  });
});
