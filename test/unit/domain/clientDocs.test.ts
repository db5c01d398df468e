import { Timestamp } from "firebase-admin/firestore";
import {
  parseClientDate,
  parseTask,
  parseUser,
  sameClientDate,
  toInstant,
  type ClientDate,
  type Parsed,
} from "../../../functions/domain/clientDocs";

const NEW_YORK = "America/New_York";
const ISTANBUL = "Europe/Istanbul";

const at = (iso: string): Date => new Date(iso);

/** The instant a parsed date stands for; fails the test if it is not an instant. */
function instantOf(value: unknown): Date {
  const parsed = parseClientDate(value);
  if (!parsed || !("instant" in parsed)) {
    throw new Error(`expected an instant, got ${JSON.stringify(parsed)}`);
  }
  return parsed.instant;
}

/** Resolves a naive local string in a zone, going through parseClientDate as a trigger would. */
function resolve(text: string, timeZone: string): string {
  const parsed = parseClientDate(text);
  if (!parsed) throw new Error(`${text} did not parse`);
  return toInstant(parsed, timeZone).toISOString();
}

function valueOf<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw new Error(`expected ok, got: ${parsed.reason}`);
  return parsed.value;
}

function reasonOf<T>(parsed: Parsed<T>): string {
  if (parsed.ok) throw new Error(`expected a failure, got ${JSON.stringify(parsed.value)}`);
  return parsed.reason;
}

/** A copy of `doc` without `key`: the field is absent, as Firestore returns an unset field. */
function without(doc: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  const copy = { ...doc };
  for (const key of keys) delete copy[key];
  return copy;
}

describe("parseClientDate", () => {
  describe("Firestore Timestamps and their plain shapes", () => {
    it("reads a firebase-admin Timestamp, keeping milliseconds", () => {
      const timestamp = Timestamp.fromDate(at("2026-03-10T18:00:00.250Z"));
      expect(parseClientDate(timestamp)).toEqual({ instant: at("2026-03-10T18:00:00.250Z") });
    });

    it("reads a Timestamp built from seconds and nanoseconds", () => {
      const seconds = Date.UTC(2026, 10, 25, 14, 0, 0) / 1000;
      expect(instantOf(new Timestamp(seconds, 0)).toISOString()).toBe("2026-11-25T14:00:00.000Z");
      expect(instantOf(new Timestamp(seconds, 123_000_000)).toISOString()).toBe(
        "2026-11-25T14:00:00.123Z",
      );
    });

    it("reads a plain {seconds, nanoseconds} object", () => {
      const seconds = Date.UTC(2026, 10, 25, 14, 0, 0) / 1000;
      expect(parseClientDate({ seconds, nanoseconds: 0 })).toEqual({
        instant: at("2026-11-25T14:00:00Z"),
      });
    });

    it("reads a plain {_seconds, _nanoseconds} object (Timestamp serialised to JSON)", () => {
      const seconds = Date.UTC(2026, 10, 25, 14, 0, 0) / 1000;
      expect(parseClientDate({ _seconds: seconds, _nanoseconds: 0 })).toEqual({
        instant: at("2026-11-25T14:00:00Z"),
      });
      // What JSON.stringify really makes of an Admin SDK Timestamp.
      const json: unknown = JSON.parse(JSON.stringify(new Timestamp(seconds, 0)));
      expect(parseClientDate(json)).toEqual({ instant: at("2026-11-25T14:00:00Z") });
    });

    it.each([
      ["seconds", "nanoseconds"],
      ["_seconds", "_nanoseconds"],
    ])("keeps the sub-second part of a plain {%s, %s} object", (secondsKey, nanosKey) => {
      const seconds = Date.UTC(2026, 10, 25, 14, 0, 0) / 1000;
      const plain = { [secondsKey]: seconds, [nanosKey]: 500_000_000 };
      expect(instantOf(plain).toISOString()).toBe("2026-11-25T14:00:00.500Z");
      // The same moment as a real Timestamp must compare equal.
      expect(
        sameClientDate(
          parseClientDate(plain),
          parseClientDate(new Timestamp(seconds, 500_000_000)),
        ),
      ).toBe(true);
    });
  });

  it("reads a JS Date", () => {
    const date = at("2026-03-10T18:00:00.250Z");
    expect(parseClientDate(date)).toEqual({ instant: at("2026-03-10T18:00:00.250Z") });
  });

  describe("ISO strings with an offset are instants", () => {
    it.each([
      ["2026-03-10T18:00:00Z", "2026-03-10T18:00:00.000Z"],
      ["2026-03-10T18:00:00.250Z", "2026-03-10T18:00:00.250Z"],
      ["2026-03-10T18:00Z", "2026-03-10T18:00:00.000Z"],
      ["2026-11-25T17:00:00+03:00", "2026-11-25T14:00:00.000Z"],
      ["2026-11-25T17:00+03:00", "2026-11-25T14:00:00.000Z"],
      ["2026-11-25T17:00:00+0300", "2026-11-25T14:00:00.000Z"],
      ["2026-03-08T02:30:00-05:00", "2026-03-08T07:30:00.000Z"],
      ["2026-07-01T09:00:00-04:00", "2026-07-01T13:00:00.000Z"],
      ["  2026-03-10T18:00:00Z  ", "2026-03-10T18:00:00.000Z"],
    ])("%p is %s", (text, iso) => {
      expect(instantOf(text).toISOString()).toBe(iso);
    });
  });

  describe("ISO strings without an offset stay local until a zone is known", () => {
    it.each([
      ["2026-03-08T02:30", "2026-03-08T02:30"],
      ["2026-03-08T02:30:15", "2026-03-08T02:30:15"],
      ["2026-03-08T02:30:15.250", "2026-03-08T02:30:15.250"],
      ["2026-11-25 17:00", "2026-11-25T17:00"],
      ["2026-11-25", "2026-11-25"],
      [" 2026-11-25 ", "2026-11-25"],
    ])("%p is local %p", (text, local) => {
      expect(parseClientDate(text)).toEqual({ local });
    });
  });

  describe("values that are not dates", () => {
    it.each<[string, unknown]>([
      ["a word", "tomorrow"],
      ["an empty string", ""],
      ["a blank string", "   "],
      ["a number", 42],
      ["null", null],
      ["undefined", undefined],
      ["an empty object", {}],
      ["an array", []],
      ["a boolean", true],
      ["an invalid Date", new Date("not a date")],
      ["seconds as a string", { seconds: "1772980200" }],
      ["seconds that are NaN", { seconds: Number.NaN }],
      ["a date in another format", "25/11/2026"],
      ["a word ending in z", "buzz"],
    ])("rejects %s", (_label, value) => {
      expect(parseClientDate(value)).toBeUndefined();
    });

    it.each(["1 Z", "0Z", "2026 Z"])(
      "rejects %p, which only ends like an ISO string with an offset",
      (text) => {
        expect(parseClientDate(text)).toBeUndefined();
      },
    );

    it.each([
      "2026-02-30",
      "2026-13-01",
      "2026-00-10T10:00",
      "2026-11-25T24:00",
      "2026-11-25T25:00",
      "2026-11-25T17:60",
    ])("rejects %p, a local date or time that does not exist on any calendar", (text) => {
      expect(parseClientDate(text)).toBeUndefined();
    });
  });
});

describe("toInstant", () => {
  it("returns an instant unchanged, whatever the zone", () => {
    const date: ClientDate = { instant: at("2026-03-10T18:00:00Z") };
    expect(toInstant(date, NEW_YORK).toISOString()).toBe("2026-03-10T18:00:00.000Z");
    expect(toInstant(date, ISTANBUL).toISOString()).toBe("2026-03-10T18:00:00.000Z");
  });

  describe("Europe/Istanbul (UTC+3 all year)", () => {
    it.each([
      ["2026-11-25T17:00", "2026-11-25T14:00:00.000Z"],
      ["2026-11-25 17:00", "2026-11-25T14:00:00.000Z"],
      ["2026-11-25T17:00:30", "2026-11-25T14:00:30.000Z"],
      ["2026-07-01T09:00", "2026-07-01T06:00:00.000Z"],
      ["2026-01-01T00:30", "2025-12-31T21:30:00.000Z"],
    ])("resolves %p to %s", (text, iso) => {
      expect(resolve(text, ISTANBUL)).toBe(iso);
    });

    it("reads a date without a time as 23:59 that day", () => {
      expect(resolve("2026-11-25", ISTANBUL)).toBe("2026-11-25T20:59:00.000Z");
    });
  });

  describe("America/New_York", () => {
    it("is UTC-5 in winter and UTC-4 in summer", () => {
      expect(resolve("2026-11-25T17:00", NEW_YORK)).toBe("2026-11-25T22:00:00.000Z");
      expect(resolve("2026-07-01T09:00", NEW_YORK)).toBe("2026-07-01T13:00:00.000Z");
    });

    it("reads a date without a time as 23:59 that day, in that day's offset", () => {
      expect(resolve("2026-11-25", NEW_YORK)).toBe("2026-11-26T04:59:00.000Z");
      expect(resolve("2026-07-01", NEW_YORK)).toBe("2026-07-02T03:59:00.000Z");
    });

    describe("spring forward on 2026-03-08 (02:00 EST becomes 03:00 EDT)", () => {
      it("uses EST before and EDT after the change", () => {
        expect(resolve("2026-03-07T09:00", NEW_YORK)).toBe("2026-03-07T14:00:00.000Z");
        expect(resolve("2026-03-08T01:59", NEW_YORK)).toBe("2026-03-08T06:59:00.000Z");
        expect(resolve("2026-03-08T03:00", NEW_YORK)).toBe("2026-03-08T07:00:00.000Z");
        expect(resolve("2026-03-09T09:00", NEW_YORK)).toBe("2026-03-09T13:00:00.000Z");
      });

      it("reads the change day's date-only deadline as 23:59 EDT", () => {
        expect(resolve("2026-03-08", NEW_YORK)).toBe("2026-03-09T03:59:00.000Z");
      });

      it("moves a time in the skipped hour forward (02:30 is 03:30 EDT), never back", () => {
        const skipped = resolve("2026-03-08T02:30", NEW_YORK);
        // RFC 5545 / Temporal "compatible": read with the offset in force before the gap.
        expect(skipped).toBe("2026-03-08T07:30:00.000Z");
        // Whatever the convention, 02:30 cannot come before 01:59 or equal 01:30.
        expect(skipped > resolve("2026-03-08T01:59", NEW_YORK)).toBe(true);
        expect(skipped).not.toBe(resolve("2026-03-08T01:30", NEW_YORK));
      });
    });

    describe("fall back on 2026-11-01 (02:00 EDT becomes 01:00 EST)", () => {
      it("uses EDT before and EST after the change", () => {
        expect(resolve("2026-10-31T09:00", NEW_YORK)).toBe("2026-10-31T13:00:00.000Z");
        expect(resolve("2026-11-01T00:59", NEW_YORK)).toBe("2026-11-01T04:59:00.000Z");
        expect(resolve("2026-11-01T02:00", NEW_YORK)).toBe("2026-11-01T07:00:00.000Z");
        expect(resolve("2026-11-02T09:00", NEW_YORK)).toBe("2026-11-02T14:00:00.000Z");
      });

      it("reads a time in the repeated hour as its first occurrence (EDT)", () => {
        expect(resolve("2026-11-01T01:30", NEW_YORK)).toBe("2026-11-01T05:30:00.000Z");
      });

      it("reads the change day's date-only deadline as 23:59 EST", () => {
        expect(resolve("2026-11-01", NEW_YORK)).toBe("2026-11-02T04:59:00.000Z");
      });
    });
  });

  it("gives the same wall-clock time different instants in different zones", () => {
    const date: ClientDate = { local: "2026-11-25T17:00" };
    expect(toInstant(date, NEW_YORK).getTime() - toInstant(date, ISTANBUL).getTime()).toBe(
      8 * 3_600_000,
    );
  });
});

describe("sameClientDate", () => {
  const seconds = Date.UTC(2026, 2, 20, 17, 0, 0) / 1000;

  it("treats two missing dates as the same and one missing as different", () => {
    const date = parseClientDate("2026-03-20T17:00:00Z");
    expect(sameClientDate(undefined, undefined)).toBe(true);
    expect(sameClientDate(date, undefined)).toBe(false);
    expect(sameClientDate(undefined, date)).toBe(false);
  });

  it("compares instants by time, whatever shape they were written in", () => {
    const timestamp = parseClientDate(new Timestamp(seconds, 0));
    expect(sameClientDate(timestamp, parseClientDate(new Timestamp(seconds, 0)))).toBe(true);
    expect(sameClientDate(timestamp, parseClientDate(at("2026-03-20T17:00:00Z")))).toBe(true);
    expect(sameClientDate(timestamp, parseClientDate("2026-03-20T20:00:00+03:00"))).toBe(true);
    expect(sameClientDate(timestamp, parseClientDate({ _seconds: seconds, _nanoseconds: 0 }))).toBe(
      true,
    );
  });

  it("tells instants apart by as little as a millisecond", () => {
    expect(
      sameClientDate(
        parseClientDate(at("2026-03-20T17:00:00.000Z")),
        parseClientDate(at("2026-03-20T17:00:00.001Z")),
      ),
    ).toBe(false);
    expect(
      sameClientDate(
        parseClientDate(new Timestamp(seconds, 0)),
        parseClientDate(new Timestamp(seconds + 3600, 0)),
      ),
    ).toBe(false);
  });

  it("compares local dates as written (after normalising the separator)", () => {
    expect(sameClientDate({ local: "2026-03-20T17:00" }, { local: "2026-03-20T17:00" })).toBe(true);
    expect(
      sameClientDate(parseClientDate("2026-03-20 17:00"), parseClientDate("2026-03-20T17:00")),
    ).toBe(true);
    expect(sameClientDate({ local: "2026-03-20T17:00" }, { local: "2026-03-20T18:00" })).toBe(
      false,
    );
    expect(sameClientDate({ local: "2026-03-20" }, { local: "2026-03-20T23:59" })).toBe(false);
  });

  it("never equates a local date with an instant, even one it could resolve to", () => {
    // 17:00 in New York on 2026-03-20 is 21:00Z, but the zone is not part of the date.
    expect(
      sameClientDate({ local: "2026-03-20T17:00" }, { instant: at("2026-03-20T21:00:00Z") }),
    ).toBe(false);
    expect(
      sameClientDate({ instant: at("2026-03-20T21:00:00Z") }, { local: "2026-03-20T17:00" }),
    ).toBe(false);
  });
});

describe("parseUser", () => {
  /** A users/{uid} document with every field, as the apps write it (snake_case). */
  const fullUser: Record<string, unknown> = {
    name: "Ayşe Yılmaz",
    email: "ayse@example.com",
    role: "student",
    phone_number: "+905321234567",
    daily_streak: 12,
    sms_notifications_enabled: true,
    last_activity_date: Timestamp.fromDate(at("2026-03-10T18:00:00Z")),
    timezone: "Europe/Istanbul",
    language: "tr",
    marketing_sms_opt_in: false,
  };

  const withField = (key: string, value: unknown): Record<string, unknown> => ({
    ...fullUser,
    [key]: value,
  });

  it("reads a complete document", () => {
    expect(valueOf(parseUser(fullUser))).toEqual({
      name: "Ayşe Yılmaz",
      email: "ayse@example.com",
      role: "student",
      phone_number: "+905321234567",
      daily_streak: 12,
      sms_notifications_enabled: true,
      timezone: "Europe/Istanbul",
      language: "tr",
      marketing_sms_opt_in: false,
      daily_summary_enabled: false,
    });
  });

  it("ignores fields it does not use, including unknown ones", () => {
    const user = valueOf(parseUser({ ...fullUser, photoURL: "https://x/y.png", fcmToken: "t" }));
    expect(user).not.toHaveProperty("photoURL");
    expect(user).not.toHaveProperty("fcmToken");
    expect(user).not.toHaveProperty("last_activity_date");
    expect(user.phone_number).toBe("+905321234567");
  });

  describe("missing optional fields", () => {
    it("reads a document with only a name and a phone number", () => {
      const user = valueOf(parseUser({ name: "Ayşe", phone_number: "+905321234567" }));
      expect(user).toEqual(
        expect.objectContaining({
          name: "Ayşe",
          phone_number: "+905321234567",
          sms_notifications_enabled: true,
          marketing_sms_opt_in: false,
        }),
      );
      expect(user.timezone).toBeUndefined();
      expect(user.language).toBeUndefined();
      expect(user.daily_streak).toBeUndefined();
      expect(user.email).toBeUndefined();
    });

    it.each([
      "name",
      "email",
      "role",
      "phone_number",
      "daily_streak",
      "sms_notifications_enabled",
      "last_activity_date",
      "timezone",
      "language",
      "marketing_sms_opt_in",
    ])("reads a document without %s", (key) => {
      const user = valueOf(parseUser(without(fullUser, key)));
      expect(user.name).toBe(key === "name" ? undefined : "Ayşe Yılmaz");
    });

    it("treats a missing sms_notifications_enabled as enabled", () => {
      expect(
        valueOf(parseUser(without(fullUser, "sms_notifications_enabled")))
          .sms_notifications_enabled,
      ).toBe(true);
    });

    it("treats a missing marketing_sms_opt_in as not opted in", () => {
      expect(
        valueOf(parseUser(without(fullUser, "marketing_sms_opt_in"))).marketing_sms_opt_in,
      ).toBe(false);
    });

    it("reads an empty document", () => {
      const user = valueOf(parseUser({}));
      expect(user.phone_number).toBeUndefined();
      expect(user.sms_notifications_enabled).toBe(true);
      expect(user.marketing_sms_opt_in).toBe(false);
    });
  });

  describe("phone_number", () => {
    it("turns a number into a string of its digits", () => {
      expect(valueOf(parseUser(withField("phone_number", 905321234567))).phone_number).toBe(
        "905321234567",
      );
    });

    it("keeps a national number as written", () => {
      expect(valueOf(parseUser(withField("phone_number", "(212) 555-0100"))).phone_number).toBe(
        "(212) 555-0100",
      );
    });

    it.each<[string, unknown]>([
      ["null", null],
      ["an object", { e164: "+905321234567" }],
      ["a boolean", true],
    ])("drops %s", (_label, value) => {
      expect(valueOf(parseUser(withField("phone_number", value))).phone_number).toBeUndefined();
    });
  });

  describe("daily_streak", () => {
    it.each<[unknown, number | undefined]>([
      [12, 12],
      [0, 0],
      [3.7, 3],
      ["5", undefined],
      ["twelve", undefined],
      [-1, undefined],
      [Number.NaN, undefined],
      [Number.POSITIVE_INFINITY, undefined],
      [null, undefined],
    ])("reads %p as %p", (value, expected) => {
      expect(valueOf(parseUser(withField("daily_streak", value))).daily_streak).toBe(expected);
    });
  });

  describe("sms_notifications_enabled", () => {
    it.each<[unknown, boolean]>([
      [true, true],
      [false, false],
      ["false", false],
      [0, false],
      ["0", false],
      ["true", true],
      [1, true],
      [null, true],
    ])("reads %p as %p", (value, expected) => {
      expect(
        valueOf(parseUser(withField("sms_notifications_enabled", value))).sms_notifications_enabled,
      ).toBe(expected);
    });
  });

  describe("marketing_sms_opt_in", () => {
    it.each<[unknown, boolean]>([
      [true, true],
      [false, false],
      ["true", false],
      [1, false],
      [null, false],
    ])("reads %p as %p (only true opts in)", (value, expected) => {
      expect(
        valueOf(parseUser(withField("marketing_sms_opt_in", value))).marketing_sms_opt_in,
      ).toBe(expected);
    });
  });

  it("trims text fields and drops blank or non-text ones", () => {
    const user = valueOf(
      parseUser({ ...fullUser, name: "  Ayşe  ", email: "   ", role: 3, timezone: null }),
    );
    expect(user.name).toBe("Ayşe");
    expect(user.email).toBeUndefined();
    expect(user.role).toBeUndefined();
    expect(user.timezone).toBeUndefined();
  });

  it.each<[string, unknown]>([
    ["null", null],
    ["undefined", undefined],
    ["a string", "users/abc"],
    ["a number", 42],
    ["an array", [fullUser]],
  ])("reports %s as unusable instead of throwing", (_label, data) => {
    expect(reasonOf(parseUser(data))).not.toBe("");
  });
});

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
