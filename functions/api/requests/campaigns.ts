/** Request schemas of the callables in ../campaigns.ts: loaded on first call, so zod stays out of cold start. */
import { z } from "zod";
import { CAMPAIGN_STATUSES } from "../../domain/campaigns";

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
