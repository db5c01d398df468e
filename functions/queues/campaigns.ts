/**
 * The campaign's Cloud Tasks queues (thin): `campaignPlanner` plans one page of recipients into
 * batches of CAMPAIGN_SENDS_PER_SECOND, and `campaignSend` queues one batch's messages per
 * second, so campaign messages go out at no more than CAMPAIGN_SENDS_PER_SECOND.
 * Throwing makes Cloud Tasks retry; returning drops the task (a payload that cannot be parsed
 * is dropped, since a retry would not fix it).
 */
import { onTaskDispatched } from "firebase-functions/tasks";
import { CAMPAIGN_SENDS_PER_SECOND, readSettings, SENDING_SECRETS } from "../params";

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
    await planCampaignPage(
      task.data,
      cloudTasksQueue(),
      CAMPAIGN_SENDS_PER_SECOND.value(),
      new Date(),
    );
  },
);

export const campaignSend = onTaskDispatched(
  {
    // One batch a second; a few may overlap when Firestore is slow to take a batch's writes.
    rateLimits: { maxDispatchesPerSecond: 1, maxConcurrentDispatches: 3 },
    retryConfig: { maxAttempts: 5, minBackoffSeconds: 1 },
    secrets: SENDING_SECRETS,
  },
  async (request) => {
    const [{ sendTaskSchema }, { sendCampaignBatch }, { providerFor }, logs] = await Promise.all([
      import("../services/campaigns/queue"),
      import("../services/campaigns/send"),
      import("../services/outbox/providers"),
      import("../services/campaigns/logs"),
    ]);
    const task = sendTaskSchema.safeParse(request.data);
    if (!task.success) return logs.campaignTaskInvalid("send", task.error.message);
    const settings = readSettings();
    await sendCampaignBatch(task.data, {
      settings,
      provider: providerFor(settings.provider),
      now: new Date(),
    });
  },
);
