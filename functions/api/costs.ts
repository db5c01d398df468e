/** `getCostReport` (admin): what a month or range cost, by provider, type, campaign or country. */
import { readSettings } from "../params";
import { callable } from "./callable";

export const getCostReport = callable("getCostReport", {
  schema: () => import("./requests/costs").then((m) => m.getCostReportRequest),
  roles: ["admin"],
  handler: async (request) => {
    const [{ costReport }, { requestedRange }] = await Promise.all([
      import("../services/messages/costReport"),
      import("../domain/costReport"),
    ]);
    return costReport(requestedRange(request), request.groupBy, { settings: readSettings() });
  },
});
