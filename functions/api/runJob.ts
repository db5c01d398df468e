/** `runJob` (admin): run a scheduled job now, as of the current time. */
import { readSettings, SENDING_SECRETS } from "../params";
import { callable } from "./callable";

export const runJob = callable({
  schema: () => import("./requests/jobs").then((m) => m.runJobRequest),
  roles: ["admin"],
  secrets: SENDING_SECRETS,
  handler: async ({ job }) => {
    const settings = readSettings();
    const now = new Date();
    if (job === "dueReminders") {
      const { dispatchDueReminders } = await import("../services/reminderDispatch");
      return { job, report: await dispatchDueReminders(settings, now) };
    }
    if (job === "syncRecipients") {
      const { syncAllRecipients } = await import("../services/recipientIndex");
      return { job, report: { synced: await syncAllRecipients(settings) } };
    }
    if (job === "syncTasks") {
      const { syncAllTasks } = await import("../services/taskIndex");
      return { job, report: { synced: await syncAllTasks() } };
    }
    if (job === "retries") {
      const [{ sweepOutbox }, { providerFor }] = await Promise.all([
        import("../services/outbox/sweep"),
        import("../services/outbox/providers"),
      ]);
      const provider = providerFor(settings.provider);
      return { job, report: await sweepOutbox({ settings, provider, now }) };
    }
    const { runScheduledJob } = await import("../services/jobs");
    return { job, report: await runScheduledJob(job, settings, now) };
  },
});
