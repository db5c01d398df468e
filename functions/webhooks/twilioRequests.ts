/** The form bodies Twilio posts to our webhooks; loaded on the first request, not at cold start. */
import { z } from "zod";

export const statusCallbackSchema = z.object({
  MessageSid: z.string().min(1),
  MessageStatus: z.string().min(1),
  ErrorCode: z.string().optional(),
  Price: z.string().optional(),
  PriceUnit: z.string().optional(),
});

export const inboundSchema = z.object({
  MessageSid: z.string().min(1),
  From: z.string().min(1),
  To: z.string().default(""),
  Body: z.string().default(""),
});
