/**
 * The scheduled functions, one per job with a cadence in the registry (functions/jobs.ts).
 * Thin adapters: "now" is the schedule time, so a late run or a retry acts as of when it was
 * due, and a run fired by hand with a chosen time acts as of that time. The hourly
 * notification jobs decide per recipient zone whose 09:00 (18:00, Sunday 20:00, 21:00) it is;
 * one that runs out of time saves its cursor and throws, and Cloud Scheduler retries it (same
 * schedule time) so it resumes.
 */
import { onSchedule, type ScheduleOptions } from "firebase-functions/scheduler";
import { HOURLY, JOB_REGISTRY, type JobEntry, type RegisteredJob } from "../jobs";
import { readSettings, SENDING_SECRETS } from "../params";
import { scheduledNow } from "./scheduledNow";

function optionsFor(entry: JobEntry): ScheduleOptions {
  const hourly = entry.cadence === HOURLY;
  return {
    schedule: entry.cadence?.schedule ?? HOURLY.schedule,
    timeZone: "UTC",
    timeoutSeconds: hourly ? 540 : 300,
    ...(hourly ? { retryCount: 3, minBackoffSeconds: 60 } : {}),
    // A `secrets` key that is present but undefined breaks the function's manifest.
    ...(entry.sends ? { secrets: SENDING_SECRETS } : {}),
  };
}

function scheduledJob(job: RegisteredJob) {
  return onSchedule(optionsFor(JOB_REGISTRY[job]), async (event) => {
    // Loaded on first run, not at cold start of every other function.
    const [{ runJobNow }, { trackScheduledRun }] = await Promise.all([
      import("../services/jobs/run"),
      import("../services/health/jobStatus"),
    ]);
    const now = scheduledNow(event.scheduleTime);
    // Each invocation's outcome is kept for getSystemHealth and the monitor's job alerts.
    await trackScheduledRun(job, now, () => runJobNow(job, readSettings(), now));
  });
}

export const dailyRemindersJob = scheduledJob("dailyReminders");
export const motivationJob = scheduledJob("motivation");
export const weeklyProgressJob = scheduledJob("weeklyProgress");
export const overdueJob = scheduledJob("overdue");
export const dailySummaryJob = scheduledJob("dailySummary");
export const dueRemindersJob = scheduledJob("dueReminders");
export const sweepOutboxJob = scheduledJob("retries");
export const dueCampaignsJob = scheduledJob("dueCampaigns");
export const reconcileJob = scheduledJob("reconcile");
export const monitorJob = scheduledJob("monitor");
