/** `getSmsStats` (admin): what was sent in a range, how much of it arrived, and what it cost. */
import { callable } from "./callable";

export const getSmsStats = callable("getSmsStats", {
  schema: () => import("./requests/stats").then((m) => m.getSmsStatsRequest),
  roles: ["admin"],
  handler: async ({ startDate, endDate, templateId }) => {
    const { smsStats } = await import("../services/messages/stats");
    return smsStats(new Date(startDate), new Date(endDate), templateId);
  },
});
