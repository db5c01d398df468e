/**
 * Campaign callables (DESIGN §5), admin only: `createCampaign`, `executeCampaign`,
 * `pauseCampaign`, `resumeCampaign`, `cancelCampaign`, `getCampaignStatus`, `listCampaigns`.
 * Sending happens in the `campaignPlanner` / `campaignSend` task queues (functions/tasks).
 */
import { z } from "zod";
import { CAMPAIGN_STATUSES, type CampaignAction } from "../domain/campaigns";
import { callable } from "./callable";

const MAX_TEXT = 1600;
const id = z.string().trim().min(1).max(128);
/** A Firestore document id: no slashes, not `.` or `..`. */
const docId = id.regex(/^[^/]+$/, "must not contain /").refine((v) => v !== "." && v !== "..", {
  message: "is not a valid id",
});

const variables = z
  .record(
    z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "variable names are letters, digits or _"),
    z.union([z.string().max(MAX_TEXT), z.number()]),
  )
  .refine((values) => Object.keys(values).length <= 50, "at most 50 variables");

const recipientFilters = z
  .object({
    roles: z
      .array(z.enum(["student", "partner", "admin"]))
      .min(1)
      .max(3)
      .optional(),
    userIds: z.array(docId).min(1).max(1000).optional(),
    // Firestore's `in` takes at most 30 values.
    subjectIds: z.array(id).min(1).max(30).optional(),
  })
  .strict();

export const createCampaignRequest = z
  .object({
    name: z.string().trim().min(1, "must not be empty").max(100),
    templateId: id.optional(),
    body: z.string().trim().min(1, "must not be empty").max(MAX_TEXT).optional(),
    variables: variables.optional(),
    recipientFilters,
    scheduledFor: z.iso
      .datetime({ offset: true })
      .transform((value) => new Date(value))
      .refine((date) => date.getTime() > Date.now(), "must be in the future")
      .optional(),
  })
  .strict()
  .refine((r) => (r.templateId === undefined) !== (r.body === undefined), {
    message: "give either templateId or body",
    path: ["templateId"],
  })
  .refine((r) => r.body === undefined || r.variables === undefined, {
    message: "variables go with a templateId",
    path: ["variables"],
  });

export const campaignIdRequest = z.object({ campaignId: docId }).strict();

export const listCampaignsRequest = z
  .object({
    status: z.enum(CAMPAIGN_STATUSES as [string, ...string[]]).optional(),
    limit: z.number().int().min(1).max(100).default(20),
    cursor: docId.optional(),
  })
  .strict();

export const createCampaign = callable({
  schema: createCampaignRequest,
  roles: ["admin"],
  handler: async (request, caller) => {
    const { createCampaign } = await import("../services/campaigns/lifecycle");
    return createCampaign(request, caller, new Date());
  },
});

/** A callable that applies one status change to a campaign. */
function statusCallable(action: Exclude<CampaignAction, "complete" | "start">) {
  return callable({
    schema: campaignIdRequest,
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

export const getCampaignStatus = callable({
  schema: campaignIdRequest,
  roles: ["admin"],
  handler: async ({ campaignId }) => {
    const { campaignStatus } = await import("../services/campaigns/status");
    return campaignStatus(campaignId, new Date());
  },
});

export const listCampaigns = callable({
  schema: listCampaignsRequest,
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
