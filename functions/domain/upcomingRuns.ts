/**
 * The reminder runs an admin sees ahead (`listUpcomingReminders`) and the one reminder an admin
 * fires now (`sendReminderNow`): which stored reminders will run, and when, inside a window.
 * Occurrences come from domain/recurrence, as the due-reminders job finds them, so the list
 * shows what the job will send (a daily 08:00 stays 08:00 local across a DST change). Pure.
 */
import { toInstant } from "./clientDocs";
import { resolveTimeZone } from "./localTime";
import { nextOccurrence, type Recurrence } from "./recurrence";
import { parseReminder, type Reminder, type ReminderChannel } from "./reminders";
import type { RuleIssue } from "./templateRules";

/** The longest window one request may cover: the list is for checking the month ahead. */
export const MAX_WINDOW_DAYS = 31;
/** The most runs one answer lists; past it the answer says `truncated`. */
export const MAX_UPCOMING_RUNS = 500;

const DAY_MS = 86_400_000;

/** The instants asked about: both ends included. */
export interface RunWindow {
  from: Date;
  to: Date;
}

/** What is wrong with a window, at `to`; undefined when it is fine. */
export function upcomingWindowIssue(from: Date, to: Date): RuleIssue | undefined {
  if (to.getTime() < from.getTime()) return { path: ["to"], message: "must not be before from" };
  if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY_MS) {
    return { path: ["to"], message: `must be at most ${MAX_WINDOW_DAYS} days after from` };
  }
  return undefined;
}

/** A reminder document as stored, with the backend's scheduling fields read out. */
export interface StoredReminderDoc {
  reminderId: string;
  data: unknown;
  status: string | undefined;
  nextRunAt: Date | undefined;
}

/** A reminder that will run, parsed, and when it runs next. */
export interface ScheduledReminder {
  reminderId: string;
  reminder: Reminder;
  nextRunAt: Date;
}

/**
 * The reminder when it will run: it parses, the backend has it `scheduled` with a `nextRunAt`,
 * and it is neither completed nor cancelled. Otherwise the reason it will not run.
 */
export function scheduledReminder(
  stored: StoredReminderDoc,
): { ok: true; value: ScheduledReminder } | { ok: false; reason: string } {
  const parsed = parseReminder(stored.data);
  if (!parsed.ok) return { ok: false, reason: `it is not valid: ${parsed.reason}` };
  const reminder = parsed.value;
  if (reminder.completed) return { ok: false, reason: "it is completed" };
  if (stored.status !== "scheduled" || !stored.nextRunAt) {
    return { ok: false, reason: `its status is ${stored.status ?? "not set yet"}` };
  }
  return {
    ok: true,
    value: { reminderId: stored.reminderId, reminder, nextRunAt: stored.nextRunAt },
  };
}

/** Where a reminder's wall-clock time is read: the users' zones and the project default. */
export interface ZoneDefaults {
  /** Each user's zone, by user id (users absent here get the default). */
  userZones: ReadonlyMap<string, string>;
  defaultTimeZone: string;
}

/** The reminder's zone as delivery resolves it: its own, else its user's, else the default. */
export function reminderZone(reminder: Reminder, zones: ZoneDefaults): string {
  const userZone = reminder.userId ? zones.userZones.get(reminder.userId) : undefined;
  return resolveTimeZone([reminder.timezone], resolveTimeZone([userZone], zones.defaultTimeZone));
}

/** One run of a reminder. */
export interface UpcomingRun {
  reminderId: string;
  /** Null for a reminder to a bare phone number. */
  userId: string | null;
  at: Date;
  channel: ReminderChannel;
  recurrence: Recurrence;
  taskId?: string;
  message: string;
}

/**
 * The runs of a scheduled reminder inside the window, earliest first, at most `limit`: its
 * `nextRunAt`, then (for a recurring one) each later occurrence. Occurrences before `nextRunAt`
 * are never listed: the job does not send them. A reminder whose dates cannot be resolved
 * lists nothing.
 */
export function reminderRuns(
  scheduled: ScheduledReminder,
  timeZone: string,
  window: RunWindow,
  limit = MAX_UPCOMING_RUNS,
): UpcomingRun[] {
  const { reminderId, reminder, nextRunAt } = scheduled;
  const { recurrence } = reminder;
  const after = (instant: Date): Date | undefined => {
    if (recurrence === "none") return undefined;
    const first = toInstant(reminder.scheduledTime, timeZone);
    return nextOccurrence(first, recurrence, timeZone, instant);
  };
  const runs: UpcomingRun[] = [];
  try {
    let at: Date | undefined =
      nextRunAt < window.from ? after(new Date(window.from.getTime() - 1)) : nextRunAt;
    while (at && at <= window.to && runs.length < limit) {
      runs.push({
        reminderId,
        userId: reminder.userId ?? null,
        at,
        channel: reminder.channel,
        recurrence,
        ...(reminder.taskId ? { taskId: reminder.taskId } : {}),
        message: reminder.message,
      });
      at = after(at);
    }
  } catch (error) {
    if (error instanceof RangeError) return [];
    throw error;
  }
  return runs;
}

/**
 * The runs to answer with, by time (then reminder id), at most `limit`. `readUpTo` is the
 * `nextRunAt` of the last reminder read when more were left unread: those can only add runs
 * at or after it, so only the runs before it are sure to be complete, and the answer is
 * truncated there.
 */
export function selectRuns(
  runs: readonly UpcomingRun[],
  readUpTo: Date | undefined,
  limit = MAX_UPCOMING_RUNS,
): { runs: UpcomingRun[]; truncated: boolean } {
  const complete = readUpTo ? runs.filter((run) => run.at < readUpTo) : [...runs];
  complete.sort(
    (a, b) =>
      a.at.getTime() - b.at.getTime() ||
      (a.reminderId < b.reminderId ? -1 : a.reminderId > b.reminderId ? 1 : 0),
  );
  return {
    runs: complete.slice(0, limit),
    truncated: readUpTo !== undefined || complete.length > limit,
  };
}

/** How many runs are already sure to be listed when reading stops at `readUpTo`. */
export function completeRunCount(runs: readonly UpcomingRun[], readUpTo: Date): number {
  return runs.filter((run) => run.at < readUpTo).length;
}
