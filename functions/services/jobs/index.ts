/**
 * The scheduled notification jobs by name, for the scheduled functions and for running one by
 * hand (the `runJob` callable): each takes the schedule time as "now" and returns its report.
 */
import type { Settings } from "../../params";
import { runDailyReminders } from "./dailyReminders";
import { runDailySummary } from "./dailySummary";
import { runMotivation } from "./motivation";
import { runOverdue } from "./overdue";
import type { JobDeps, JobName, JobReport } from "./runner";
import { runWeeklyProgress } from "./weeklyProgress";

export type { JobDeps, JobName, JobReport } from "./runner";
export { JobIncompleteError } from "./runner";

export const JOBS: Record<JobName, (deps: JobDeps) => Promise<JobReport>> = {
  dailyReminders: runDailyReminders,
  motivation: runMotivation,
  weeklyProgress: runWeeklyProgress,
  overdue: runOverdue,
  dailySummary: runDailySummary,
};

/** Runs one job as of `now` (a schedule time, or the clock for a run by hand). */
export function runScheduledJob(job: JobName, settings: Settings, now: Date): Promise<JobReport> {
  return JOBS[job]({ settings, now });
}
