/**
 * Campaign callables (docs/contract.md §5), admin only: `createCampaign`, `executeCampaign`,
 * `pauseCampaign`, `resumeCampaign`, `cancelCampaign`, `getCampaignStatus`, `listCampaigns`.
 * Sending happens in the `campaignPlanner` / `campaignSend` task queues (functions/queues).
 */
import type { CAMPAIGN_STATUSES, CampaignAction } from "../domain/campaigns";
import { callable } from "./callable";

export const createCampaign = callable("createCampaign", {
  schema: () => import("./requests/campaigns").then((m) => m.createCampaignRequest),
  roles: ["admin"],
  handler: async (request, caller) => {
    const { createCampaign } = await import("../services/campaigns/lifecycle");
    return createCampaign(request, caller, new Date());
  },
});

/** A callable that applies one status change to a campaign. */
function statusCallable(action: Exclude<CampaignAction, "complete" | "start">) {
  return callable(`${action}Campaign` as const, {
    schema: () => import("./requests/campaigns").then((m) => m.campaignIdRequest),
    roles: ["admin"],
    handler: async ({ campaignId }) => {
      const [{ changeCampaignStatus }, { cloudTasksQueue }] = await Promise.all([
        import("../services/campaigns/lifecycle"),
        import("../services/campaigns/queue"),
      ]);
      return changeCampaignStatus(campaignId, action, {
        queue: cloudTasksQueue(),
        now: new Date(),
      });
    },
  });
}

export const executeCampaign = statusCallable("execute");
export const pauseCampaign = statusCallable("pause");
export const resumeCampaign = statusCallable("resume");
export const cancelCampaign = statusCallable("cancel");

export const getCampaignStatus = callable("getCampaignStatus", {
  schema: () => import("./requests/campaigns").then((m) => m.campaignIdRequest),
  roles: ["admin"],
  handler: async ({ campaignId }) => {
    const { campaignStatus } = await import("../services/campaigns/status");
    return campaignStatus(campaignId, new Date());
  },
});

export const listCampaigns = callable("listCampaigns", {
  schema: () => import("./requests/campaigns").then((m) => m.listCampaignsRequest),
  roles: ["admin"],
  handler: async (request) => {
    const { listCampaigns } = await import("../services/campaigns/status");
    return listCampaigns({
      status: request.status as (typeof CAMPAIGN_STATUSES)[number] | undefined,
      limit: request.limit,
      cursor: request.cursor,
    });
  },
});
