/**
 * `dailyReminders` (docs/contract.md §4): at 09:00 local, each student with pending tasks gets one
 * `task_reminder` listing them, nearest deadline first (tasks without one last), at most three
 * titles and then "+N more". Id `daily-reminder_<uid>_<localDate>`.
 */
import { scheduledMessageId } from "../outbox/ids";
import { localDateKey } from "../../domain/localSchedule";
import { byDeadline, formatTaskList, resolveTasks } from "../../domain/scheduledMessages";
import { runRecipientJob } from "./recipientJob";
import { requireTemplate } from "./queue";
import type { JobDeps, JobReport } from "./runner";
import { openTasksOf, type TaskDoc } from "../tasks/projections";

export const DAILY_REMINDER_HOUR = 9;

/** One run of the 09:00 reminders at `deps.now`. */
export async function runDailyReminders(deps: JobDeps): Promise<JobReport> {
  const template = await requireTemplate("task_reminder");
  // The pending tasks of the page being handled, read for the whole page at once.
  let pending = new Map<string, TaskDoc[]>();
  return runRecipientJob(
    {
      name: "dailyReminders",
      hour: DAILY_REMINDER_HOUR,
      audience: "students",
      async preload(recipients) {
        pending = await openTasksOf(recipients.map((r) => r.userId));
      },
      async decide(recipient, now) {
        const tasks = pending.get(recipient.userId) ?? [];
        if (tasks.length === 0) return { skip: "no pending tasks" };
        const ordered = byDeadline(resolveTasks(tasks, recipient.timeZone));
        return {
          id: scheduledMessageId.dailyReminder(
            recipient.userId,
            localDateKey(now, recipient.timeZone),
          ),
          template,
          variables: {
            name: recipient.name,
            count: ordered.length,
            tasks: formatTaskList(
              ordered.map((task) => task.title),
              recipient.language,
            ),
          },
        };
      },
    },
    deps,
  );
}
