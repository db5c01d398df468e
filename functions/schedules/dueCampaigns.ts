/**
 * Every minute: start the scheduled campaigns whose `scheduledFor` has come, and complete the
 * running ones whose messages have all settled.
 */
import { onSchedule } from "firebase-functions/scheduler";
import { scheduledNow } from "./scheduledNow";

export const dueCampaignsJob = onSchedule(
  { schedule: "every 1 minutes", timeoutSeconds: 300 },
  async (event) => {
    const [{ startDueCampaigns }, { completeFinishedCampaigns }, { cloudTasksQueue }, logs] =
      await Promise.all([
        import("../services/campaigns/lifecycle"),
        import("../services/campaigns/status"),
        import("../services/campaigns/queue"),
        import("../services/campaigns/logs"),
      ]);
    const now = scheduledNow(event.scheduleTime);
    const started = await startDueCampaigns({ queue: cloudTasksQueue(), now });
    logs.campaignsStarted(started, await completeFinishedCampaigns(now));
  },
);
