/**
 * Pure pieces of the scheduled notifications (docs/contract.md §4; their message ids are in
 * services/outbox/ids): the task list of the 09:00 reminder, the completed / pending / overdue counts of the weekly
 * progress and the daily summary, and which tasks the overdue sweep is about.
 */
import { toInstant, type ClientDate, type ClientTask } from "./clientDocs";
import { inWindow, type InstantWindow } from "./dateWindows";
import type { Language } from "./templates";

/** Titles shown in the 09:00 reminder; the rest are counted. */
export const MAX_LISTED_TASKS = 3;
/** A longer title is cut, so three of them still fit a message. */
export const MAX_TITLE_LENGTH = 40;

const MORE: Record<Language, (n: number) => string> = {
  en: (n) => `+${n} more`,
  tr: (n) => `+${n} görev daha`,
};

function shortTitle(title: string): string {
  const clean = title.replace(/\s+/g, " ").trim();
  // Three ASCII dots, not an ellipsis character, keep English messages in GSM-7.
  return clean.length <= MAX_TITLE_LENGTH ? clean : `${clean.slice(0, MAX_TITLE_LENGTH - 3)}...`;
}

/**
 * The `{{tasks}}` of the reminder: up to {@link MAX_LISTED_TASKS} titles in the order given,
 * then "+N more" in the recipient's language: `Essay, Lab report, Algebra +2 more`.
 */
export function formatTaskList(
  titles: readonly string[],
  language: Language,
  max = MAX_LISTED_TASKS,
): string {
  const listed = titles.slice(0, max).map(shortTitle).join(", ");
  const rest = titles.length - Math.min(max, titles.length);
  return rest > 0 ? `${listed} ${MORE[language](rest)}` : listed;
}

/** A task with its deadline resolved in the assignee's zone. */
export interface ResolvedTask {
  id: string;
  title: string;
  deadline?: Date;
}

/** Resolves each task's deadline in `timeZone` (a naive string is local time there). */
export function resolveTasks(
  tasks: readonly { id: string; task: ClientTask }[],
  timeZone: string,
): ResolvedTask[] {
  return tasks.map(({ id, task }) => ({
    id,
    title: task.title,
    deadline: task.deadline ? toInstant(task.deadline, timeZone) : undefined,
  }));
}

/**
 * Nearest deadline first (missed ones, being earliest, lead), tasks without a deadline last;
 * ties by title, then id, so the order never depends on how Firestore returned them.
 */
export function byDeadline(tasks: readonly ResolvedTask[]): ResolvedTask[] {
  return [...tasks].sort((a, b) => {
    const da = a.deadline?.getTime() ?? Number.POSITIVE_INFINITY;
    const db = b.deadline?.getTime() ?? Number.POSITIVE_INFINITY;
    if (da !== db) return da < db ? -1 : 1;
    return a.title.localeCompare(b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
}

/** The counts of `progress_update` and `daily_summary`. */
export interface TaskCounts {
  completed: number;
  /** Every task not completed, overdue ones included. */
  pending: number;
  /** Pending tasks whose deadline has passed. */
  overdue: number;
}

/**
 * Counts for a recipient: `completed` is the completions (when each task was completed, resolved
 * in `timeZone`) within `window` (today, this week), `pending` all tasks not completed, `overdue`
 * those of them whose deadline is at or before `now`.
 */
export function countTasks(
  pending: readonly ClientTask[],
  completions: readonly ClientDate[],
  window: InstantWindow,
  now: Date,
  timeZone: string,
): TaskCounts {
  const done = completions.filter((date) => inWindow(toInstant(date, timeZone), window)).length;
  const open = pending.filter((task) => !task.completed);
  const overdue = open.filter(
    (task) => task.deadline && toInstant(task.deadline, timeZone).getTime() <= now.getTime(),
  ).length;
  return { completed: done, pending: open.length, overdue };
}

/** How far back the hourly overdue sweep looks: a day and then some, for late or missed runs. */
export const OVERDUE_LOOKBACK_MS = 26 * 3_600_000;

/**
 * The deadline the overdue sweep notifies about, or undefined: the task is not completed and
 * its deadline (resolved in the assignee's zone) is in (now − lookback, now].
 */
export function missedDeadline(
  task: ClientTask,
  timeZone: string,
  now: Date,
  lookbackMs = OVERDUE_LOOKBACK_MS,
): Date | undefined {
  if (task.completed || !task.deadline) return undefined;
  const deadline = toInstant(task.deadline, timeZone);
  const t = deadline.getTime();
  return t <= now.getTime() && t > now.getTime() - lookbackMs ? deadline : undefined;
}

/** Splits a list into chunks of at most `size` (Firestore's `in` takes 30 values). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`Invalid chunk size: ${size}`);
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
