/** `getSmsStats` (admin): what was sent in a range, how much of it arrived, and what it cost. */
import { z } from "zod";
import { statsRangeIssue } from "../domain/smsStats";
import { callable } from "./callable";

const instant = z.iso.datetime({
  offset: true,
  error: "must be an ISO 8601 date-time with a zone, such as 2026-01-31T00:00:00Z",
});

/** The range is `[startDate, endDate)`: messages created at or after the start, before the end. */
export const getSmsStatsRequest = z
  .object({ startDate: instant, endDate: instant })
  .strict()
  .superRefine(({ startDate, endDate }, ctx) => {
    const issue = statsRangeIssue(new Date(startDate), new Date(endDate));
    if (issue) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
  });

export const getSmsStats = callable({
  schema: getSmsStatsRequest,
  roles: ["admin"],
  handler: async ({ startDate, endDate }) => {
    const { smsStats } = await import("../services/stats");
    return smsStats(new Date(startDate), new Date(endDate));
  },
});
