/**
 * `healthz` (docs/contract.md §6): unauthenticated, for uptime checks and load balancers. It
 * answers only `ok` (200) or `degraded` (503), as plain text, whatever the method or path;
 * nothing private, and no secret bound.
 */
import { onRequest } from "firebase-functions/https";
import { readAlertSettings } from "../params";

export const healthz = onRequest({ invoker: "public" }, async (_req, res) => {
  const { healthzStatus } = await import("../services/health/healthz");
  const status = await healthzStatus(readAlertSettings());
  res
    .status(status === "ok" ? 200 : 503)
    .set("Cache-Control", "no-store")
    .type("text/plain")
    .send(status);
});
