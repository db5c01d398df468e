/**
 * `dailySummary` (docs/contract.md §4): at 21:00 local, each user who opted in (`daily_summary_enabled`
 * on the user, `dailySummary` on their row) gets a `daily_summary`: tasks completed today
 * (their local day, by when they were completed: services/tasks/projections), tasks still open, and how many of those are overdue.
 * Sent even when all three are zero, since the user asked for it. It is urgent, so quiet hours
 * (which start at 21:00 by default) do not hold it. Id `daily-summary_<uid>_<localDate>`.
 */
import { scheduledMessageId } from "../outbox/ids";
import { localDayWindow } from "../../domain/dateWindows";
import { localDateKey } from "../../domain/localSchedule";
import { countTasks, type TaskCounts } from "../../domain/scheduledMessages";
import { runRecipientJob } from "./recipientJob";
import { requireTemplate } from "./queue";
import type { JobDeps, JobReport } from "./runner";
import { tasksOf } from "../tasks/projections";

export const DAILY_SUMMARY_HOUR = 21;

/**
 * Today's counts for `userId` as of `now` in `timeZone`; the on-demand summary (the
 * `sendDailySummary` callable) can use the same.
 */
export async function dailyCounts(
  userId: string,
  now: Date,
  timeZone: string,
): Promise<TaskCounts> {
  const today = localDayWindow(now, timeZone);
  const { open, completions } = (await tasksOf([userId])).get(userId) ?? {
    open: [],
    completions: [],
  };
  const pending = open.map((doc) => doc.task);
  return countTasks(pending, completions, today, now, timeZone);
}

/** One run of the 21:00 summaries at `deps.now`. */
export async function runDailySummary(deps: JobDeps): Promise<JobReport> {
  const template = await requireTemplate("daily_summary");
  return runRecipientJob(
    {
      name: "dailySummary",
      hour: DAILY_SUMMARY_HOUR,
      audience: "dailySummary",
      async decide(recipient, now) {
        const counts = await dailyCounts(recipient.userId, now, recipient.timeZone);
        return {
          id: scheduledMessageId.dailySummary(
            recipient.userId,
            localDateKey(now, recipient.timeZone),
          ),
          template,
          variables: { name: recipient.name, ...counts },
        };
      },
    },
    deps,
  );
}
