/** Request schema of `getCostReport`: loaded on first call, so zod stays out of cold start. */
import { z } from "zod";
import { COST_GROUPINGS, MONTH_PATTERN } from "../../domain/costReport";
import { statsRangeIssue } from "../../domain/smsStats";

const instant = z.iso.datetime({
  offset: true,
  error: "must be an ISO 8601 date-time with a zone, such as 2026-01-31T00:00:00Z",
});

/**
 * Either `month` (`YYYY-MM`, a calendar month in UTC) or the range `[startDate, endDate)`, at
 * most 366 days; and what to break the cost down by.
 */
export const getCostReportRequest = z
  .object({
    month: z
      .string()
      .regex(MONTH_PATTERN, "must be a month as YYYY-MM, such as 2026-03")
      .optional(),
    startDate: instant.optional(),
    endDate: instant.optional(),
    groupBy: z.enum(COST_GROUPINGS, { error: `must be one of ${COST_GROUPINGS.join(", ")}` }),
  })
  .strict()
  .superRefine(({ month, startDate, endDate }, ctx) => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: "custom", path: [path], message });
    if (month !== undefined) {
      if (startDate !== undefined || endDate !== undefined) {
        issue("month", "give either month or startDate and endDate, not both");
      }
      return;
    }
    if (startDate === undefined && endDate === undefined) {
      issue("month", "give month, or startDate and endDate");
      return;
    }
    if (startDate === undefined) return issue("startDate", "is required with endDate");
    if (endDate === undefined) return issue("endDate", "is required with startDate");
    const wrong = statsRangeIssue(new Date(startDate), new Date(endDate));
    if (wrong) ctx.addIssue({ code: "custom", path: wrong.path, message: wrong.message });
  });
