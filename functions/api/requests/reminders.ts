/** Request schemas of the reminder callables: loaded on first call. */
import { z } from "zod";
import { upcomingWindowIssue } from "../../domain/upcomingRuns";

export const scheduleTaskReminderRequest = z
  .object({
    taskId: z.string().trim().min(1).max(128),
    at: z.string().trim().min(10).max(40),
    channel: z.enum(["sms", "whatsapp", "voice", "email"]).optional(),
    message: z.string().trim().min(1).max(480).optional(),
  })
  .strict();

const instant = z.iso.datetime({
  offset: true,
  error: "must be an ISO 8601 date-time with a zone, such as 2027-03-14T00:00:00-05:00",
});

/** Request schema of `listUpcomingReminders`: the window `[from, to]`, at most 31 days. */
export const listUpcomingRemindersRequest = z
  .object({ from: instant, to: instant, userId: z.string().trim().min(1).max(128).optional() })
  .strict()
  .superRefine(({ from, to }, ctx) => {
    const issue = upcomingWindowIssue(new Date(from), new Date(to));
    if (issue) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
  });

/** Request schema of `sendReminderNow`. A document id: no `/`. */
export const sendReminderNowRequest = z
  .object({
    reminderId: z
      .string()
      .trim()
      .min(1)
      .max(700)
      .regex(/^[^/]+$/, "must be a reminder id (no /)")
      .refine((id) => id !== "." && id !== "..", "must be a reminder id"),
  })
  .strict();
