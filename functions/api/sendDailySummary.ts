/** `sendDailySummary`: today's summary for a user, now (admin, the user, or their partner). */
import { readSettings } from "../params";
import { PermissionError } from "../errors";
import { callable } from "./callable";

export const sendDailySummary = callable("sendDailySummary", {
  schema: () => import("./requests/jobs").then((m) => m.sendDailySummaryRequest),
  roles: ["admin", "partner", "student"],
  handler: async ({ userId }, caller) => {
    const [{ mayActOn }, { sendDailySummaryNow }] = await Promise.all([
      import("../services/users/access"),
      import("../services/jobs/dailySummaryNow"),
    ]);
    if (!(await mayActOn(caller, userId))) {
      throw new PermissionError("You may only send summaries to yourself or your students.");
    }
    return sendDailySummaryNow(userId, caller, readSettings(), new Date());
  },
});
