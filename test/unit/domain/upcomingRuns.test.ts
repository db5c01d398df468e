/**
 * The runs `listUpcomingReminders` lists: which reminders will run, their zone, their
 * occurrences in a window (across DST changes, clamped monthly days), the window's limits, and
 * the truncated answer.
 */
import {
  MAX_WINDOW_DAYS,
  reminderRuns,
  reminderZone,
  scheduledReminder,
  selectRuns,
  upcomingWindowIssue,
  type ScheduledReminder,
  type UpcomingRun,
} from "../../../functions/domain/upcomingRuns";
import type { Reminder } from "../../../functions/domain/reminders";
import { ISTANBUL, NEW_YORK } from "./recurrenceFixtures";

const BERLIN = "Europe/Berlin";
const at = (iso: string) => new Date(iso);
const window = (from: string, to: string) => ({ from: at(from), to: at(to) });

const base = {
  userId: "u1",
  title: "Vocabulary",
  message: "Ten new words today.",
  scheduledTime: "2027-03-10T08:00",
};

/** A reminder as stored, parsed into one that will run at `nextRunAt`. */
function scheduled(data: Record<string, unknown>, nextRunAt: string): ScheduledReminder {
  const parsed = scheduledReminder({
    reminderId: "r1",
    data: { ...base, ...data },
    status: "scheduled",
    nextRunAt: at(nextRunAt),
  });
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

const instants = (runs: UpcomingRun[]) => runs.map((run) => run.at.toISOString());

describe("upcomingWindowIssue", () => {
  it("accepts a window of one instant and one of exactly the longest length", () => {
    expect(upcomingWindowIssue(at("2027-03-01T00:00:00Z"), at("2027-03-01T00:00:00Z"))).toBe(
      undefined,
    );
    const end = new Date(Date.parse("2027-03-01T00:00:00Z") + MAX_WINDOW_DAYS * 86_400_000);
    expect(upcomingWindowIssue(at("2027-03-01T00:00:00Z"), end)).toBeUndefined();
  });

  it("refuses `to` before `from`, and a window longer than the limit, at `to`", () => {
    expect(upcomingWindowIssue(at("2027-03-02T00:00:00Z"), at("2027-03-01T23:59:59Z"))).toEqual({
      path: ["to"],
      message: "must not be before from",
    });
    const end = new Date(Date.parse("2027-03-01T00:00:00Z") + MAX_WINDOW_DAYS * 86_400_000 + 1);
    expect(upcomingWindowIssue(at("2027-03-01T00:00:00Z"), end)?.path).toEqual(["to"]);
  });
});

describe("scheduledReminder", () => {
  const stored = (data: unknown, status?: string, nextRunAt?: Date) => ({
    reminderId: "r1",
    data,
    status,
    nextRunAt,
  });
  const next = at("2027-03-10T13:00:00Z");

  it("takes a parsed reminder the backend has scheduled", () => {
    const parsed = scheduledReminder(stored(base, "scheduled", next));
    expect(parsed).toMatchObject({ ok: true, value: { reminderId: "r1", nextRunAt: next } });
  });

  it.each([
    ["malformed (no title)", stored({ ...base, title: undefined }, "scheduled", next), /title/],
    ["not an object", stored("reminder", "scheduled", next), /not valid/],
    ["completed", stored({ ...base, completed: true }, "scheduled", next), /completed/],
    ["cancelled", stored(base, "cancelled", undefined), /cancelled/],
    ["failed", stored(base, "failed", undefined), /failed/],
    ["not scheduled yet", stored(base, undefined, undefined), /not set yet/],
    ["scheduled without nextRunAt", stored(base, "scheduled", undefined), /scheduled/],
  ])("refuses a reminder that is %s, saying why", (_case, input, reason) => {
    const parsed = scheduledReminder(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });
});

describe("reminderZone", () => {
  const zones = { userZones: new Map([["u1", ISTANBUL]]), defaultTimeZone: NEW_YORK };
  const reminder = (fields: Partial<Reminder>) => ({ ...base, ...fields }) as Reminder;

  it("is the reminder's own zone, else its user's, else the default", () => {
    expect(reminderZone(reminder({ timezone: BERLIN }), zones)).toBe(BERLIN);
    expect(reminderZone(reminder({ userId: "u1" }), zones)).toBe(ISTANBUL);
    expect(reminderZone(reminder({ userId: "u2" }), zones)).toBe(NEW_YORK);
    expect(reminderZone(reminder({ userId: undefined }), zones)).toBe(NEW_YORK);
  });

  it("falls back to the default for a user zone that is not a zone", () => {
    const bad = { userZones: new Map([["u1", "Mars/Base"]]), defaultTimeZone: NEW_YORK };
    expect(reminderZone(reminder({ userId: "u1" }), bad)).toBe(NEW_YORK);
  });
});

describe("reminderRuns", () => {
  it("keeps a daily 08:00 New York reminder at 08:00 local across the spring change", () => {
    const daily = scheduled({ recurrence: "daily" }, "2027-03-10T13:00:00Z");
    const runs = reminderRuns(
      daily,
      NEW_YORK,
      window("2027-03-12T00:00:00Z", "2027-03-16T23:00:00Z"),
    );
    expect(instants(runs)).toEqual([
      "2027-03-12T13:00:00.000Z",
      "2027-03-13T13:00:00.000Z",
      "2027-03-14T12:00:00.000Z", // EDT from 2027-03-14
      "2027-03-15T12:00:00.000Z",
      "2027-03-16T12:00:00.000Z",
    ]);
    expect(runs[0]).toEqual({
      reminderId: "r1",
      userId: "u1",
      at: at("2027-03-12T13:00:00Z"),
      channel: "sms",
      recurrence: "daily",
      message: "Ten new words today.",
    });
  });

  it("keeps a daily 08:00 Berlin reminder at 08:00 local across the autumn change", () => {
    const daily = scheduled(
      { recurrence: "daily", scheduledTime: "2027-10-01T08:00", timezone: BERLIN },
      "2027-10-29T06:00:00Z",
    );
    const runs = reminderRuns(
      daily,
      BERLIN,
      window("2027-10-29T00:00:00Z", "2027-11-01T12:00:00Z"),
    );
    expect(instants(runs)).toEqual([
      "2027-10-29T06:00:00.000Z",
      "2027-10-30T06:00:00.000Z",
      "2027-10-31T07:00:00.000Z", // CET from 2027-10-31
      "2027-11-01T07:00:00.000Z",
    ]);
  });

  it("stays at the same UTC hour in Istanbul, which has no DST", () => {
    const daily = scheduled({ recurrence: "daily" }, "2027-03-10T05:00:00Z");
    const runs = reminderRuns(
      daily,
      ISTANBUL,
      window("2027-03-27T00:00:00Z", "2027-03-29T23:00:00Z"),
    );
    expect(instants(runs)).toEqual([
      "2027-03-27T05:00:00.000Z",
      "2027-03-28T05:00:00.000Z",
      "2027-03-29T05:00:00.000Z",
    ]);
  });

  it("repeats a monthly reminder of the 31st on the last day of shorter months, then the 31st", () => {
    const monthly = scheduled(
      { recurrence: "monthly", scheduledTime: "2027-01-31T09:00" },
      "2027-02-28T06:00:00Z",
    );
    const feb = reminderRuns(
      monthly,
      ISTANBUL,
      window("2027-02-20T00:00:00Z", "2027-03-20T00:00:00Z"),
    );
    expect(instants(feb)).toEqual(["2027-02-28T06:00:00.000Z"]);
    const mar = reminderRuns(
      monthly,
      ISTANBUL,
      window("2027-03-10T00:00:00Z", "2027-04-05T00:00:00Z"),
    );
    expect(instants(mar)).toEqual(["2027-03-31T06:00:00.000Z"]);
  });

  it("starts at nextRunAt when the window opens before it, never listing earlier ones", () => {
    const daily = scheduled({ recurrence: "daily" }, "2027-03-20T12:00:00Z");
    const runs = reminderRuns(
      daily,
      NEW_YORK,
      window("2027-03-01T00:00:00Z", "2027-03-21T23:00:00Z"),
    );
    expect(instants(runs)).toEqual(["2027-03-20T12:00:00.000Z", "2027-03-21T12:00:00.000Z"]);
  });

  it("lists nothing for a window that ends before nextRunAt", () => {
    const daily = scheduled({ recurrence: "daily" }, "2027-03-20T12:00:00Z");
    expect(
      reminderRuns(daily, NEW_YORK, window("2027-03-01T00:00:00Z", "2027-03-20T11:59:59Z")),
    ).toEqual([]);
  });

  it("lists a one-time reminder once in the window, and not at all from a later window", () => {
    const once = scheduled(
      { taskId: "t1", channel: "voice", scheduledTime: "2027-03-20T08:00" },
      "2027-03-20T12:00:00Z",
    );
    const runs = reminderRuns(
      once,
      NEW_YORK,
      window("2027-03-20T12:00:00Z", "2027-03-20T12:00:00Z"),
    );
    expect(runs).toEqual([
      expect.objectContaining({ taskId: "t1", channel: "voice", recurrence: "none" }),
    ]);
    expect(
      reminderRuns(once, NEW_YORK, window("2027-03-21T00:00:00Z", "2027-03-30T00:00:00Z")),
    ).toEqual([]);
  });

  it("lists weekly occurrences on the same weekday, and no more than the limit", () => {
    const weekly = scheduled({ recurrence: "weekly" }, "2027-03-10T13:00:00Z");
    const span = window("2027-03-10T00:00:00Z", "2027-04-09T00:00:00Z");
    expect(instants(reminderRuns(weekly, NEW_YORK, span))).toEqual([
      "2027-03-10T13:00:00.000Z",
      "2027-03-17T12:00:00.000Z",
      "2027-03-24T12:00:00.000Z",
      "2027-03-31T12:00:00.000Z",
      "2027-04-07T12:00:00.000Z",
    ]);
    expect(reminderRuns(weekly, NEW_YORK, span, 2)).toHaveLength(2);
  });

  it("lists nothing, rather than throwing, for a zone that cannot be resolved", () => {
    const daily = scheduled({ recurrence: "daily" }, "2027-03-10T13:00:00Z");
    expect(
      reminderRuns(daily, "Not/AZone", window("2027-03-10T00:00:00Z", "2027-03-12T00:00:00Z")),
    ).toEqual([]);
  });
});

describe("selectRuns", () => {
  const run = (reminderId: string, iso: string): UpcomingRun => ({
    reminderId,
    userId: null,
    at: at(iso),
    channel: "sms",
    recurrence: "none",
    message: "m",
  });
  const runs = [
    run("b", "2027-03-02T00:00:00Z"),
    run("c", "2027-03-01T00:00:00Z"),
    run("a", "2027-03-02T00:00:00Z"),
  ];

  it("orders by time, then reminder id, and is complete when everything was read", () => {
    const selected = selectRuns(runs, undefined);
    expect(selected.runs.map((r) => r.reminderId)).toEqual(["c", "a", "b"]);
    expect(selected.truncated).toBe(false);
  });

  it("keeps only the runs before where reading stopped, and says truncated", () => {
    const selected = selectRuns(runs, at("2027-03-02T00:00:00Z"));
    expect(selected).toEqual({ runs: [runs[1]], truncated: true });
  });

  it("cuts at the limit and says truncated", () => {
    const selected = selectRuns(runs, undefined, 2);
    expect(selected.runs.map((r) => r.reminderId)).toEqual(["c", "a"]);
    expect(selected.truncated).toBe(true);
  });
});
