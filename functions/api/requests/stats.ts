/** Request schema of `getSmsStats`: loaded on first call, so zod stays out of cold start. */
import { z } from "zod";
import { statsRangeIssue } from "../../domain/smsStats";
import { TEMPLATE_ID_PATTERN } from "../../domain/templateRules";

const instant = z.iso.datetime({
  offset: true,
  error: "must be an ISO 8601 date-time with a zone, such as 2026-01-31T00:00:00Z",
});

/**
 * The range is `[startDate, endDate)`: messages created at or after the start, before the end.
 * `templateId` adds the breakdown by that template's A/B variants (`byVariant`).
 */
export const getSmsStatsRequest = z
  .object({
    startDate: instant,
    endDate: instant,
    templateId: z
      .string()
      .regex(TEMPLATE_ID_PATTERN, "must be 1 to 64 letters, digits, _ or -")
      .optional(),
  })
  .strict()
  .superRefine(({ startDate, endDate }, ctx) => {
    const issue = statsRangeIssue(new Date(startDate), new Date(endDate));
    if (issue) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
  });
