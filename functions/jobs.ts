/**
 * Every job the backend runs on the clock or by hand, once: its `runJob` name, the scheduled
 * function that runs it (if any) and how often. The scheduled functions, the `runJob` request
 * schema, `npm run job` and the local scheduler of `npm start` all read this list. Plain data,
 * so scripts can require the compiled file.
 */

/** How often a scheduled job runs (Cloud Scheduler syntax) and the same in milliseconds. */
export const EVERY_MINUTE = { schedule: "every 1 minutes", everyMs: 60_000 } as const;
export const HOURLY = { schedule: "0 * * * *", everyMs: 3_600_000 } as const;
export const EVERY_15_MINUTES = { schedule: "every 15 minutes", everyMs: 900_000 } as const;

export interface JobEntry {
  /** The deployed scheduled function; absent for jobs that only run by hand. */
  functionName?: string;
  cadence?: typeof EVERY_MINUTE | typeof HOURLY | typeof EVERY_15_MINUTES;
  /** It delivers messages itself, so its function binds the providers' secrets. */
  sends?: true;
  /** What it does, for `npm run job` and the docs. */
  description: string;
}

export const JOB_REGISTRY = {
  dailyReminders: {
    functionName: "dailyRemindersJob",
    cadence: HOURLY,
    description: "09:00 local: pending tasks",
  },
  motivation: { functionName: "motivationJob", cadence: HOURLY, description: "18:00 local" },
  weeklyProgress: {
    functionName: "weeklyProgressJob",
    cadence: HOURLY,
    description: "Sunday 20:00 local: the week's counts",
  },
  overdue: { functionName: "overdueJob", cadence: HOURLY, description: "missed deadlines" },
  dailySummary: {
    functionName: "dailySummaryJob",
    cadence: HOURLY,
    description: "21:00 local, for users who opted in",
  },
  dueReminders: {
    functionName: "dueRemindersJob",
    cadence: EVERY_MINUTE,
    description: "reminders whose time has come",
    // It sends each occurrence it queues from the same invocation (services/outbox/born).
    sends: true,
  },
  retries: {
    functionName: "sweepOutboxJob",
    cadence: EVERY_MINUTE,
    description: "the outbox sweep: retries, scheduled sends, lapsed claims",
    sends: true,
  },
  dueCampaigns: {
    functionName: "dueCampaignsJob",
    cadence: EVERY_MINUTE,
    description: "starts scheduled campaigns, completes finished ones",
  },
  reconcile: {
    functionName: "reconcileJob",
    cadence: HOURLY,
    description: "asks Twilio for the real status, price and duration of sent messages and calls",
    // Not a sender, but it calls Twilio, so its function binds the providers' secrets too.
    sends: true,
  },
  monitor: {
    functionName: "monitorJob",
    cadence: EVERY_15_MINUTES,
    description: "alerts: failure rate, daily spend, stuck messages, jobs that did not complete",
  },
  syncRecipients: { description: "rebuilds sms_recipients from users" },
  syncTasks: { description: "rebuilds the task projections and partner links" },
} as const satisfies Record<string, JobEntry>;

export type RegisteredJob = keyof typeof JOB_REGISTRY;

/** Job names in a stable order. */
export const JOB_NAMES = Object.keys(JOB_REGISTRY) as [RegisteredJob, ...RegisteredJob[]];
