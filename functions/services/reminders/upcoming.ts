/**
 * `listUpcomingReminders` (admin): the reminder runs due in a window, recurring reminders
 * expanded into each occurrence, as the due-reminders job will send them. Reads the scheduled
 * reminders by `nextRunAt` (an indexed query, page by page) and stops once the answer is full.
 */
import { recipientRows } from "../../data/recipients";
import { scheduledRemindersUntil, type ReminderCursor } from "../../data/reminders";
import {
  completeRunCount,
  MAX_UPCOMING_RUNS,
  reminderRuns,
  reminderZone,
  scheduledReminder,
  selectRuns,
  type ScheduledReminder,
  type StoredReminderDoc,
  type UpcomingRun,
} from "../../domain/upcomingRuns";
import type { Recurrence } from "../../domain/recurrence";
import type { ReminderChannel } from "../../domain/reminders";
import type { Settings } from "../../params";

const PAGE_SIZE = 200;
/** Reminders read at most for one answer, so a crowded month cannot make a call run long. */
const MAX_REMINDERS_READ = 2000;

export interface UpcomingRequest {
  from: Date;
  to: Date;
  userId?: string;
}

/** One run, as the callable answers it. */
export interface UpcomingReminderRun {
  reminderId: string;
  /** Null for a reminder to a bare phone number. */
  userId: string | null;
  /** ISO, UTC. */
  at: string;
  channel: ReminderChannel;
  recurrence: Recurrence;
  taskId?: string;
  message: string;
}

export interface UpcomingReminders {
  /** By `at`, then reminder id. */
  runs: UpcomingReminderRun[];
  /** More runs exist in the window than are listed: ask again from the last `at` listed. */
  truncated: boolean;
}

/** What listing the upcoming runs reads. */
export interface UpcomingPorts {
  scheduledRemindersUntil(
    until: Date,
    page: { userId?: string; cursor?: ReminderCursor; limit: number },
  ): Promise<StoredReminderDoc[]>;
  /** The zones of these users that have one on record, by user id. */
  userZones(userIds: readonly string[]): Promise<Map<string, string>>;
}

/** Firestore: the reminders, and the users' zones from their `sms_recipients` rows. */
export const firestoreUpcomingPorts: UpcomingPorts = {
  scheduledRemindersUntil,
  userZones: async (userIds) => {
    const rows = await recipientRows(userIds);
    return new Map([...rows].map(([userId, row]) => [userId, row.timeZone]));
  },
};

/** The runs of one page of reminders, each in its own zone. */
async function runsOfPage(
  page: readonly StoredReminderDoc[],
  request: UpcomingRequest,
  settings: Pick<Settings, "defaultTimeZone">,
  ports: UpcomingPorts,
): Promise<UpcomingRun[]> {
  const scheduled: ScheduledReminder[] = [];
  for (const stored of page) {
    const parsed = scheduledReminder(stored);
    if (parsed.ok) scheduled.push(parsed.value);
  }
  const needZone = scheduled
    .filter(({ reminder }) => !reminder.timezone && reminder.userId)
    .map(({ reminder }) => reminder.userId as string);
  const userZones = await ports.userZones([...new Set(needZone)]);
  const zones = { userZones, defaultTimeZone: settings.defaultTimeZone };
  const window = { from: request.from, to: request.to };
  return scheduled.flatMap((one) => reminderRuns(one, reminderZone(one.reminder, zones), window));
}

/** The runs in `[from, to]`, at most MAX_UPCOMING_RUNS. The window is checked by the schema. */
export async function listUpcomingReminders(
  request: UpcomingRequest,
  settings: Pick<Settings, "defaultTimeZone">,
  ports: UpcomingPorts = firestoreUpcomingPorts,
): Promise<UpcomingReminders> {
  const runs: UpcomingRun[] = [];
  let cursor: ReminderCursor | undefined;
  let read = 0;
  let readUpTo: Date | undefined;
  for (;;) {
    const page = await ports.scheduledRemindersUntil(request.to, {
      userId: request.userId,
      cursor,
      limit: PAGE_SIZE,
    });
    read += page.length;
    runs.push(...(await runsOfPage(page, request, settings, ports)));
    const last = page[page.length - 1];
    if (page.length < PAGE_SIZE || !last?.nextRunAt) {
      readUpTo = undefined;
      break;
    }
    cursor = { nextRunAt: last.nextRunAt, reminderId: last.reminderId };
    readUpTo = last.nextRunAt;
    // Unread reminders run at or after `readUpTo`: the runs before it are final.
    if (completeRunCount(runs, readUpTo) >= MAX_UPCOMING_RUNS || read >= MAX_REMINDERS_READ) break;
  }
  const selected = selectRuns(runs, readUpTo);
  return {
    runs: selected.runs.map(({ at, ...run }) => ({ ...run, at: at.toISOString() })),
    truncated: selected.truncated,
  };
}
