/**
 * `weeklyProgress` (docs/contract.md §4): on Sunday at 20:00 local, each student gets a
 * `progress_update` with the tasks completed this local ISO week (by when they were completed:
 * services/tasks/projections), the tasks
 * still open, and how many of those are overdue. A student with nothing to report (no task
 * completed this week, none open) is skipped. Id `weekly-progress_<uid>_<isoWeek>`.
 */
import { scheduledMessageId } from "../outbox/ids";
import { localIsoWeekWindow } from "../../domain/dateWindows";
import { isoWeekKey } from "../../domain/localSchedule";
import { countTasks } from "../../domain/scheduledMessages";
import { runRecipientJob } from "./recipientJob";
import { requireTemplate } from "./queue";
import type { JobDeps, JobReport } from "./runner";
import { tasksOf, type UserTasks } from "../tasks/projections";

export const WEEKLY_PROGRESS_HOUR = 20;
/** Sunday, as `Date#getDay`. */
export const WEEKLY_PROGRESS_WEEKDAY = 0;

/** One run of the Sunday 20:00 progress update at `deps.now`. */
export async function runWeeklyProgress(deps: JobDeps): Promise<JobReport> {
  const template = await requireTemplate("progress_update");
  // The tasks of the page being handled: one batched read of their projections.
  let tasks = new Map<string, UserTasks>();
  return runRecipientJob(
    {
      name: "weeklyProgress",
      hour: WEEKLY_PROGRESS_HOUR,
      weekday: WEEKLY_PROGRESS_WEEKDAY,
      audience: "students",
      async preload(recipients) {
        tasks = await tasksOf(recipients.map((r) => r.userId));
      },
      async decide(recipient, now) {
        const zone = recipient.timeZone;
        const week = localIsoWeekWindow(now, zone);
        const { open, completions } = tasks.get(recipient.userId) ?? { open: [], completions: [] };
        const pending = open.map((doc) => doc.task);
        const counts = countTasks(pending, completions, week, now, zone);
        if (counts.completed === 0 && counts.pending === 0) return { skip: "nothing to report" };
        return {
          id: scheduledMessageId.weeklyProgress(recipient.userId, isoWeekKey(now, zone)),
          template,
          variables: { name: recipient.name, ...counts },
        };
      },
    },
    deps,
  );
}
