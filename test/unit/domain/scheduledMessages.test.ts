import { scheduledMessageId } from "../../../functions/services/outbox/ids";
import type { ClientTask } from "../../../functions/domain/clientDocs";
import {
  byDeadline,
  chunk,
  countTasks,
  formatTaskList,
  missedDeadline,
  OVERDUE_LOOKBACK_MS,
  resolveTasks,
} from "../../../functions/domain/scheduledMessages";
import { firstName } from "../../../functions/domain/names";
import { BUILT_IN_TEMPLATES, renderTemplate } from "../../../functions/domain/templates";
import { countSegments } from "../../../functions/domain/segments";

const NEW_YORK = "America/New_York";
const ISTANBUL = "Europe/Istanbul";

const task = (fields: Partial<ClientTask> = {}): ClientTask => ({
  title: "Algebra",
  assignedTo: "job-ada",
  completed: false,
  createdBy: undefined,
  subjectId: undefined,
  chapterId: undefined,
  taskType: undefined,
  createdAt: undefined,
  deadline: undefined,
  completedAt: undefined,
  ...fields,
});
const instant = (iso: string) => ({ instant: new Date(iso) });

describe("scheduledMessageId", () => {
  it("derives each id from what the notification is about (docs/contract.md §2)", () => {
    expect(scheduledMessageId.dailyReminder("u1", "2026-11-24")).toBe(
      "daily-reminder_u1_2026-11-24",
    );
    expect(scheduledMessageId.motivation("u1", "2026-11-24")).toBe("motivation_u1_2026-11-24");
    expect(scheduledMessageId.weeklyProgress("u1", "2026-W48")).toBe("weekly-progress_u1_2026-W48");
    expect(scheduledMessageId.dailySummary("u1", "2026-11-24")).toBe("daily-summary_u1_2026-11-24");
    expect(scheduledMessageId.taskOverdue("t1", new Date("2026-11-24T17:00:00Z"))).toBe(
      "task-overdue_t1_1795539600000",
    );
  });
});

describe("firstName", () => {
  it("greets by the first word of the name, or a friendly stand-in", () => {
    expect(firstName("Ada  Lovelace", "en")).toBe("Ada");
    expect(firstName("  ", "en")).toBe("there");
    // One stand-in everywhere (campaigns, jobs, task messages).
    expect(firstName(null, "tr")).toBe("arkadaşım");
  });
});

describe("formatTaskList", () => {
  it("lists up to three titles", () => {
    expect(formatTaskList(["Essay"], "en")).toBe("Essay");
    expect(formatTaskList(["Essay", "Lab report", "Algebra"], "tr")).toBe(
      "Essay, Lab report, Algebra",
    );
  });

  it("counts the rest as '+N more', in the recipient's language", () => {
    const titles = ["Essay", "Lab report", "Algebra", "Physics", "Chemistry"];
    expect(formatTaskList(titles, "en")).toBe("Essay, Lab report, Algebra +2 more");
    expect(formatTaskList(titles, "tr")).toBe("Essay, Lab report, Algebra +2 görev daha");
    expect(formatTaskList(titles.slice(0, 4), "en")).toBe("Essay, Lab report, Algebra +1 more");
  });

  it("cuts very long titles with three dots and tidies whitespace", () => {
    const long = "Chapter 12 revision: organic chemistry, reaction mechanisms and more";
    const [listed] = formatTaskList([long], "en").split(", ");
    expect(listed).toHaveLength(40);
    expect(listed.endsWith("...")).toBe(true);
    expect(formatTaskList(["  Essay \n draft "], "en")).toBe("Essay draft");
  });

  it("keeps a typical English reminder in one GSM-7 segment", () => {
    const tasks = formatTaskList(
      ["Chapter 7 revision: organic chemistry", "Physics ch. 4 problems", "Essay draft", "x"],
      "en",
    );
    const body = renderTemplate(BUILT_IN_TEMPLATES.task_reminder.content.en, {
      name: "Alexandra",
      count: 4,
      tasks,
    });
    expect(countSegments(body)).toMatchObject({ encoding: "GSM-7", segments: 1 });
  });
});

describe("byDeadline", () => {
  it("puts the nearest deadline first (missed ones lead), and tasks without one last", () => {
    const tasks = resolveTasks(
      [
        { id: "none", task: task({ title: "No deadline" }) },
        { id: "later", task: task({ title: "Later", deadline: instant("2026-11-30T10:00:00Z") }) },
        // A naive string is local time where the student is: 09:00 in Istanbul is 06:00Z.
        { id: "naive", task: task({ title: "Naive", deadline: { local: "2026-11-25T09:00" } }) },
        {
          id: "missed",
          task: task({ title: "Missed", deadline: instant("2026-11-20T10:00:00Z") }),
        },
        { id: "soon", task: task({ title: "Soon", deadline: instant("2026-11-25T07:00:00Z") }) },
      ],
      ISTANBUL,
    );
    expect(byDeadline(tasks).map((t) => t.id)).toEqual([
      "missed",
      "naive",
      "soon",
      "later",
      "none",
    ]);
  });

  it("breaks ties by title, then id, whatever order Firestore returned", () => {
    const same = instant("2026-11-25T07:00:00Z");
    const tasks = resolveTasks(
      [
        { id: "b", task: task({ title: "Beta", deadline: same }) },
        { id: "a2", task: task({ title: "Alpha" }) },
        { id: "a1", task: task({ title: "Alpha" }) },
        { id: "c", task: task({ title: "Alpha", deadline: same }) },
      ],
      NEW_YORK,
    );
    expect(byDeadline(tasks).map((t) => t.id)).toEqual(["c", "b", "a1", "a2"]);
  });
});

describe("countTasks", () => {
  const now = new Date("2026-11-22T17:00:00Z"); // Sunday 20:00 in Istanbul
  const week = { start: new Date("2026-11-15T21:00:00Z"), end: new Date("2026-11-22T21:00:00Z") };

  it("counts completions in the window, all open tasks, and the open ones past their deadline", () => {
    const pending = [
      task({ deadline: instant("2026-11-21T10:00:00Z") }), // overdue
      task({ deadline: { local: "2026-11-22T19:00" } }), // 16:00Z: overdue
      task({ deadline: { local: "2026-11-22T21:00" } }), // 18:00Z: not yet
      task(), // no deadline
    ];
    const completions = [
      instant("2026-11-16T08:00:00Z"),
      // Monday 00:30 in Istanbul is still Sunday in UTC: this week, by the student's clock.
      { local: "2026-11-16T00:30" },
      instant("2026-11-15T20:59:00Z"), // last week
      instant("2026-11-22T21:00:00Z"), // next week (the window is half-open)
    ];
    expect(countTasks(pending, completions, week, now, ISTANBUL)).toEqual({
      completed: 2,
      pending: 4,
      overdue: 2,
    });
  });

  it("is all zeros for a student with no tasks", () => {
    expect(countTasks([], [], week, now, ISTANBUL)).toEqual({
      completed: 0,
      pending: 0,
      overdue: 0,
    });
  });
});

describe("missedDeadline", () => {
  const now = new Date("2026-11-24T15:00:00Z");

  it("gives the deadline of an open task that passed within the lookback", () => {
    const deadline = instant("2026-11-24T14:30:00Z");
    expect(missedDeadline(task({ deadline }), NEW_YORK, now)).toEqual(deadline.instant);
    expect(
      missedDeadline(task({ deadline: instant("2026-11-24T15:00:00Z") }), NEW_YORK, now),
    ).toEqual(now);
  });

  it("resolves a naive deadline in the assignee's zone", () => {
    // 10:00 in New York is 15:00Z: just passed. 10:00 in Istanbul was 07:00Z: passed too.
    expect(
      missedDeadline(task({ deadline: { local: "2026-11-24T10:00" } }), NEW_YORK, now),
    ).toEqual(new Date("2026-11-24T15:00:00Z"));
    // 11:00 in New York is still ahead.
    expect(
      missedDeadline(task({ deadline: { local: "2026-11-24T11:00" } }), NEW_YORK, now),
    ).toBeUndefined();
  });

  it("ignores completed tasks, tasks without a deadline, future and long-gone deadlines", () => {
    const passed = instant("2026-11-24T14:00:00Z");
    expect(
      missedDeadline(task({ deadline: passed, completed: true }), NEW_YORK, now),
    ).toBeUndefined();
    expect(missedDeadline(task(), NEW_YORK, now)).toBeUndefined();
    expect(
      missedDeadline(task({ deadline: instant("2026-11-24T15:00:01Z") }), NEW_YORK, now),
    ).toBeUndefined();
    const gone = new Date(now.getTime() - OVERDUE_LOOKBACK_MS);
    expect(missedDeadline(task({ deadline: { instant: gone } }), NEW_YORK, now)).toBeUndefined();
  });
});

describe("chunk", () => {
  it("splits into chunks of at most the size", () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 30)).toEqual([]);
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });
});
