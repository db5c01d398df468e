/**
 * The scheduled notification jobs (DESIGN §4), each fired every hour on the hour: whose 09:00
 * (18:00, Sunday 20:00, 21:00) it is now is decided per recipient zone inside the job. Thin
 * adapters: "now" is the schedule time, so a late run or a retry acts as of when it was due,
 * and a run fired by hand with a chosen time acts as of that time. A run that runs out of time
 * saves its cursor and throws; Cloud Scheduler retries it (same schedule time) and it resumes.
 */
import { onSchedule, type ScheduleOptions } from "firebase-functions/scheduler";
import { readSettings } from "../params";
import type { JobName } from "../services/jobs/runner";
import { scheduledNow } from "./scheduledNow";

const HOURLY: ScheduleOptions = {
  schedule: "0 * * * *",
  timeZone: "UTC",
  timeoutSeconds: 540,
  retryCount: 3,
  minBackoffSeconds: 60,
};

function hourlyJob(job: JobName) {
  return onSchedule(HOURLY, async (event) => {
    // Loaded on first run, not at cold start of every other function.
    const { runScheduledJob } = await import("../services/jobs");
    await runScheduledJob(job, readSettings(), scheduledNow(event.scheduleTime));
  });
}

export const dailyRemindersJob = hourlyJob("dailyReminders");
export const motivationJob = hourlyJob("motivation");
export const weeklyProgressJob = hourlyJob("weeklyProgress");
export const overdueJob = hourlyJob("overdue");
export const dailySummaryJob = hourlyJob("dailySummary");
