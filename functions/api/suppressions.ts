/**
 * The opt-out list, for admins (docs/callables.md, "Opt-outs (admin)"): `addSuppression`,
 * `removeSuppression`, `listSuppressions`, `importSuppressions`.
 */
import { readSettings } from "../params";
import { callable } from "./callable";

export const addSuppression = callable("addSuppression", {
  schema: () => import("./requests/suppressions").then((m) => m.addSuppressionRequest),
  roles: ["admin"],
  handler: async (request, caller) => {
    const service = await import("../services/consent/admin");
    return service.addSuppression(request, caller, readSettings());
  },
});

export const removeSuppression = callable("removeSuppression", {
  schema: () => import("./requests/suppressions").then((m) => m.removeSuppressionRequest),
  roles: ["admin"],
  handler: async (request, caller) => {
    const service = await import("../services/consent/admin");
    return service.removeSuppression(request, caller, readSettings());
  },
});

export const listSuppressions = callable("listSuppressions", {
  schema: () => import("./requests/suppressions").then((m) => m.listSuppressionsRequest),
  roles: ["admin"],
  handler: async (request) => {
    const service = await import("../services/consent/admin");
    return service.listSuppressions(request);
  },
});

export const importSuppressions = callable("importSuppressions", {
  schema: () => import("./requests/suppressions").then((m) => m.importSuppressionsRequest),
  roles: ["admin"],
  handler: async (request, caller) => {
    const service = await import("../services/consent/admin");
    return service.importSuppressions(request, caller, readSettings());
  },
});
