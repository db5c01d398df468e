/** Request schemas of the message callables in ../messages.ts: loaded on first call, so zod stays out of cold start. */
import { z } from "zod";
import { MESSAGE_STATUSES } from "../../domain/messageStatus";
import { LANGUAGES, type Language } from "../../domain/templates";

const id = z.string().trim().min(1).max(128);
const text = z.string().trim().min(1, "must not be empty").max(1600, "at most 1600 characters");
const variables = z.record(z.string(), z.union([z.string(), z.number()]));
const language = z.enum(LANGUAGES as readonly Language[] as [Language, ...Language[]]);
const sendAt = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value))
  .refine((date) => date.getTime() > Date.now() - 60_000, "must not be in the past");

/** A literal message, or a template with its variables: exactly one of the two. */
const content = {
  message: text.optional(),
  templateId: id.optional(),
  variables: variables.optional(),
};

function exactlyOneContent(request: { message?: string; templateId?: string }) {
  return (request.message === undefined) !== (request.templateId === undefined);
}
const CONTENT_RULE = { message: "give either message or templateId", path: ["message"] };

export const sendSmsRequest = z
  .object({
    userId: id.optional(),
    phoneNumber: z.string().trim().min(3).max(32).optional(),
    ...content,
    language: language.optional(),
    sendAt: sendAt.optional(),
    channel: z.enum(["sms", "email"]).optional(),
  })
  .strict()
  .refine((r) => (r.userId === undefined) !== (r.phoneNumber === undefined), {
    message: "give either userId or phoneNumber",
    path: ["userId"],
  })
  .refine((r) => r.channel !== "email" || r.userId !== undefined, {
    message: "an email goes to a user: give userId",
    path: ["channel"],
  })
  .refine(exactlyOneContent, CONTENT_RULE);

export const sendBulkSmsRequest = z
  .object({
    recipients: z.array(z.string().trim().min(1).max(128)).min(1).max(1000),
    ...content,
    language: language.optional(),
    sendAt: sendAt.optional(),
  })
  .strict()
  .refine(exactlyOneContent, CONTENT_RULE);

export const messageIdRequest = z.object({ messageId: id }).strict();

export const getSmsHistoryRequest = z
  .object({
    userId: id.optional(),
    status: z.enum(MESSAGE_STATUSES as [string, ...string[]]).optional(),
    type: z.string().trim().min(1).max(64).optional(),
    limit: z.number().int().min(1).max(100).default(20),
    cursor: id.optional(),
  })
  .strict();

/** Exactly one of userId and phoneNumber: whose conversation. */
const thread = {
  userId: id.optional(),
  phoneNumber: z.string().trim().min(3).max(32).optional(),
};
const ONE_THREAD = {
  message: "give either userId or phoneNumber",
  path: ["userId"],
};
const oneThread = (r: { userId?: string; phoneNumber?: string }) =>
  (r.userId === undefined) !== (r.phoneNumber === undefined);

export const getConversationRequest = z
  .object({
    ...thread,
    limit: z.number().int().min(1).max(100).default(50),
    cursor: z.iso
      .datetime({ offset: true })
      .transform((value) => new Date(value))
      .optional(),
  })
  .strict()
  .refine(oneThread, ONE_THREAD);

export const replyToConversationRequest = z
  .object({ ...thread, message: text })
  .strict()
  .refine(oneThread, ONE_THREAD);
