/**
 * Runs any registered job (functions/jobs.ts) as of `now`: the one path of the scheduled
 * functions and of the `runJob` callable. Each job's code loads with its first run.
 */
import type { RegisteredJob } from "../../jobs";
import type { Settings } from "../../params";

/** What a run did, as the job reports it. */
export type JobRunReport = Record<string, unknown>;

export async function runJobNow(
  job: RegisteredJob,
  settings: Settings,
  now: Date,
): Promise<JobRunReport> {
  switch (job) {
    case "dueReminders": {
      const { dispatchDueReminders } = await import("../reminders/dispatch");
      return { ...(await dispatchDueReminders(settings, now)) };
    }
    case "retries": {
      const [{ sweepOutbox }, { providerFor }] = await Promise.all([
        import("../outbox/sweep"),
        import("../outbox/providers"),
      ]);
      return {
        ...(await sweepOutbox({ settings, provider: providerFor(settings.provider), now })),
      };
    }
    case "dueCampaigns": {
      const [{ startDueCampaigns }, { completeFinishedCampaigns }, { cloudTasksQueue }, logs] =
        await Promise.all([
          import("../campaigns/lifecycle"),
          import("../campaigns/status"),
          import("../campaigns/queue"),
          import("../campaigns/logs"),
        ]);
      const started = await startDueCampaigns({ queue: cloudTasksQueue(), now });
      const completed = await completeFinishedCampaigns(now);
      logs.campaignsStarted(started, completed);
      return { started, completed };
    }
    case "reconcile": {
      const { reconcileWithTwilio } = await import("../messages/reconcile");
      return { ...(await reconcileWithTwilio(settings, now)) };
    }
    case "monitor": {
      const [{ runMonitor }, { readAlertSettings }] = await Promise.all([
        import("../health/monitor"),
        import("../../params"),
      ]);
      return { ...(await runMonitor({ thresholds: readAlertSettings(), now })) };
    }
    case "syncRecipients": {
      const { syncAllRecipients } = await import("../recipients/rows");
      return { synced: await syncAllRecipients(settings) };
    }
    case "syncTasks": {
      const { syncAllTasks } = await import("../tasks/projections");
      return { synced: await syncAllTasks() };
    }
    default: {
      const { runScheduledJob } = await import("./index");
      return { ...(await runScheduledJob(job, settings, now)) };
    }
  }
}
