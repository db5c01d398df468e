/** `runJob` (admin): run any registered job (functions/jobs.ts) now, as of the current time. */
import { readSettings, SENDING_SECRETS } from "../params";
import { callable } from "./callable";

export const runJob = callable("runJob", {
  schema: () => import("./requests/jobs").then((m) => m.runJobRequest),
  roles: ["admin"],
  secrets: SENDING_SECRETS,
  handler: async ({ job }) => {
    const { runJobNow } = await import("../services/jobs/run");
    return { job, report: await runJobNow(job, readSettings(), new Date()) };
  },
});
