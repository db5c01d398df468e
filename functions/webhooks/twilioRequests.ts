/** The form bodies Twilio posts to our webhooks; loaded on the first request, not at cold start. */
import { z } from "zod";

/** What both kinds of status callback may carry besides their SID and status. */
const receiptFields = {
  ErrorCode: z.string().optional(),
  Price: z.string().optional(),
  PriceUnit: z.string().optional(),
};

/** A message's status callback (SMS, WhatsApp). */
const messageStatusCallback = z
  .object({ MessageSid: z.string().min(1), MessageStatus: z.string().min(1), ...receiptFields })
  .transform((body) => ({
    kind: "message" as const,
    sid: body.MessageSid,
    status: body.MessageStatus,
    errorCode: body.ErrorCode,
    price: body.Price,
    priceUnit: body.PriceUnit,
    duration: undefined,
  }));

/** A call's status callback (voice): progress events and the call's end. */
const callStatusCallback = z
  .object({
    CallSid: z.string().min(1),
    CallStatus: z.string().min(1),
    CallDuration: z.string().optional(),
    ...receiptFields,
  })
  .transform((body) => ({
    kind: "call" as const,
    sid: body.CallSid,
    status: body.CallStatus,
    errorCode: body.ErrorCode,
    price: body.Price,
    priceUnit: body.PriceUnit,
    duration: body.CallDuration,
  }));

/** Either status callback, as one shape; a message's when both SIDs are present. */
export const statusCallbackSchema = z.union([messageStatusCallback, callStatusCallback]);

export const inboundSchema = z.object({
  MessageSid: z.string().min(1),
  From: z.string().min(1),
  To: z.string().default(""),
  Body: z.string().default(""),
});
