/** `sendDailySummary`: today's summary for a user, now (admin, the user, or their partner). */
import { z } from "zod";
import { readSettings } from "../params";
import { callable, PermissionError } from "./callable";

export const sendDailySummaryRequest = z.object({ userId: z.string().trim().min(1) }).strict();

export const sendDailySummary = callable({
  schema: sendDailySummaryRequest,
  roles: ["admin", "partner", "student"],
  handler: async ({ userId }, caller) => {
    const [{ mayActOn }, { sendDailySummaryNow }] = await Promise.all([
      import("../services/access"),
      import("../services/dailySummaryNow"),
    ]);
    if (!(await mayActOn(caller, userId))) {
      throw new PermissionError("You may only send summaries to yourself or your students.");
    }
    return sendDailySummaryNow(userId, readSettings(), new Date());
  },
});
