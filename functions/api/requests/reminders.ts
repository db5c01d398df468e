/** Request schema of `scheduleTaskReminder`: loaded on first call. */
import { z } from "zod";

export const scheduleTaskReminderRequest = z
  .object({
    taskId: z.string().trim().min(1).max(128),
    at: z.string().trim().min(10).max(40),
    channel: z.enum(["sms", "whatsapp", "voice"]).optional(),
    message: z.string().trim().min(1).max(480).optional(),
  })
  .strict();
