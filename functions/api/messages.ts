/**
 * Manual sends and the outbox as the web app sees it (DESIGN §5): `sendSms`, `sendBulkSms`,
 * `cancelScheduledSms`, `getSmsStatus`, `getSmsHistory`.
 */
import { z } from "zod";
import { MESSAGE_STATUSES } from "../domain/messageStatus";
import { LANGUAGES, type Language } from "../domain/templates";
import { readSettings, SENDING_SECRETS } from "../params";
import { callable, PermissionError, RequestError } from "./callable";

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
  })
  .strict()
  .refine((r) => (r.userId === undefined) !== (r.phoneNumber === undefined), {
    message: "give either userId or phoneNumber",
    path: ["userId"],
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

type ContentRequest = {
  message?: string;
  templateId?: string;
  variables?: Record<string, string | number>;
};

function toContent(request: ContentRequest) {
  return request.message !== undefined
    ? { message: request.message }
    : { templateId: request.templateId!, variables: request.variables ?? {} };
}

export const sendSms = callable({
  schema: sendSmsRequest,
  roles: ["admin", "partner"],
  secrets: SENDING_SECRETS,
  handler: async (request, caller) => {
    const { sendManual } = await import("../services/manualSend");
    const recipient = request.userId ?? request.phoneNumber!;
    const result = await sendManual(
      {
        recipients: [recipient],
        content: toContent(request),
        language: request.language,
        sendAt: request.sendAt,
      },
      caller,
      readSettings(),
      new Date(),
    );
    const [rejection] = result.rejected;
    if (rejection?.denied)
      throw new PermissionError(`You may not send to ${recipient}: ${rejection.reason}.`);
    if (rejection)
      throw new RequestError(request.userId ? "userId" : "phoneNumber", rejection.reason);
    return { messageId: result.messageIds[0], status: result.statuses[0] };
  },
});

export const sendBulkSms = callable({
  schema: sendBulkSmsRequest,
  roles: ["admin", "partner"],
  secrets: SENDING_SECRETS,
  handler: async (request, caller) => {
    const { sendManual } = await import("../services/manualSend");
    const result = await sendManual(
      {
        recipients: request.recipients,
        content: toContent(request),
        language: request.language,
        sendAt: request.sendAt,
      },
      caller,
      readSettings(),
      new Date(),
    );
    const rejected = result.rejected.map(({ recipient, reason }) => ({ recipient, reason }));
    return { accepted: result.accepted, rejected, messageIds: result.messageIds };
  },
});

export const cancelScheduledSms = callable({
  schema: messageIdRequest,
  roles: ["admin", "partner"],
  handler: async ({ messageId }, caller) => {
    const { cancelMessage } = await import("../services/manualSend");
    return { status: await cancelMessage(messageId, caller) };
  },
});

export const getSmsStatus = callable({
  schema: messageIdRequest,
  roles: ["admin", "partner", "student"],
  handler: async ({ messageId }, caller) => {
    const { messageStatus } = await import("../services/history");
    return messageStatus(messageId, caller);
  },
});

export const getSmsHistory = callable({
  schema: getSmsHistoryRequest,
  roles: ["admin", "partner", "student"],
  handler: async (request, caller) => {
    const { messageHistory } = await import("../services/history");
    return messageHistory(request, caller);
  },
});
