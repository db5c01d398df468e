/**
 * `getSystemHealth` (admin): providers and their circuits, the last 24 hours, the queue, the
 * jobs' last runs and today's spend. It binds the sending secrets only to tell whether each
 * provider is configured; no secret is ever in the answer.
 */
import { readAlertSettings, readSettings, SENDING_SECRETS } from "../params";
import { callable } from "./callable";

export const getSystemHealth = callable("getSystemHealth", {
  schema: () => import("./requests/health").then((m) => m.getSystemHealthRequest),
  roles: ["admin"],
  secrets: SENDING_SECRETS,
  handler: async () => {
    const { systemHealth } = await import("../services/health/systemHealth");
    return systemHealth(readSettings(), readAlertSettings(), new Date());
  },
});
