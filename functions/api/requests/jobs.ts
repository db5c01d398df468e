/** Request schemas of `runJob` and `sendDailySummary`: loaded on first call (zod stays out of cold start). */
import { z } from "zod";
import { JOB_NAMES } from "../../jobs";

export const runJobRequest = z.object({ job: z.enum(JOB_NAMES) }).strict();

export const sendDailySummaryRequest = z.object({ userId: z.string().trim().min(1) }).strict();
