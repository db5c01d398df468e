/**
 * The campaign's Cloud Tasks queues (thin): `campaignPlanner` plans one page of recipients,
 * `campaignSend` queues one recipient's message at no more than CAMPAIGN_SENDS_PER_SECOND.
 * Throwing makes Cloud Tasks retry; returning drops the task (a payload that cannot be parsed
 * is dropped, since a retry would not fix it).
 */
import { onTaskDispatched } from "firebase-functions/tasks";
import { CAMPAIGN_SEND_CONCURRENCY, CAMPAIGN_SENDS_PER_SECOND, readSettings } from "../params";

export const campaignPlanner = onTaskDispatched(
  { retryConfig: { maxAttempts: 5, minBackoffSeconds: 5 }, timeoutSeconds: 300 },
  async (request) => {
    const [{ plannerTaskSchema, cloudTasksQueue }, { planCampaignPage }, logs] = await Promise.all([
      import("../services/campaigns/queue"),
      import("../services/campaigns/planner"),
      import("../services/campaigns/logs"),
    ]);
    const task = plannerTaskSchema.safeParse(request.data);
    if (!task.success) return logs.campaignTaskInvalid("planner", task.error.message);
    await planCampaignPage(task.data, cloudTasksQueue(), new Date());
  },
);

export const campaignSend = onTaskDispatched(
  {
    rateLimits: {
      maxDispatchesPerSecond: CAMPAIGN_SENDS_PER_SECOND,
      maxConcurrentDispatches: CAMPAIGN_SEND_CONCURRENCY,
    },
    retryConfig: { maxAttempts: 5, minBackoffSeconds: 1 },
  },
  async (request) => {
    const [{ sendTaskSchema }, { sendCampaignMessage }, logs] = await Promise.all([
      import("../services/campaigns/queue"),
      import("../services/campaigns/send"),
      import("../services/campaigns/logs"),
    ]);
    const task = sendTaskSchema.safeParse(request.data);
    if (!task.success) return logs.campaignTaskInvalid("send", task.error.message);
    await sendCampaignMessage(task.data, readSettings(), new Date());
  },
);
