/**
 * Manual sends and the outbox as the web app sees it (docs/contract.md §5): `sendSms`, `sendBulkSms`,
 * `cancelScheduledSms`, `getSmsStatus`, `getSmsHistory`, and conversations: `getConversation`,
 * `replyToConversation`.
 */
import { readSettings, SENDING_SECRETS } from "../params";
import type { Language } from "../domain/templates";
import { PermissionError, RequestError, type Caller } from "../errors";
import { callable } from "./callable";

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

/** The one path of both send callables into the manual-send service. */
async function send(
  recipients: string[],
  request: ContentRequest & { language?: Language; sendAt?: Date; channel?: "sms" | "email" },
  caller: Caller,
) {
  const { sendManual } = await import("../services/messages/manualSend");
  const content = toContent(request);
  const { language, sendAt, channel } = request;
  const manual = { recipients, content, language, sendAt, channel };
  return sendManual(manual, caller, readSettings(), new Date());
}

export const sendSms = callable("sendSms", {
  schema: () => import("./requests/messages").then((m) => m.sendSmsRequest),
  roles: ["admin", "partner"],
  secrets: SENDING_SECRETS,
  handler: (request, caller) => sendOne(request, caller),
});

/** One message to a user or a number: its id and status, or why it was refused. */
async function sendOne(
  request: ContentRequest & {
    userId?: string;
    phoneNumber?: string;
    language?: Language;
    sendAt?: Date;
    channel?: "sms" | "email";
  },
  caller: Caller,
) {
  const recipient = request.userId ?? request.phoneNumber!;
  const result = await send([recipient], request, caller);
  const [rejection] = result.rejected;
  if (rejection?.denied)
    throw new PermissionError(`You may not send to ${recipient}: ${rejection.reason}.`);
  if (rejection)
    throw new RequestError(request.userId ? "userId" : "phoneNumber", rejection.reason);
  return { messageId: result.messageIds[0], status: result.statuses[0] };
}

export const sendBulkSms = callable("sendBulkSms", {
  schema: () => import("./requests/messages").then((m) => m.sendBulkSmsRequest),
  roles: ["admin", "partner"],
  secrets: SENDING_SECRETS,
  handler: async (request, caller) => {
    const result = await send(request.recipients, request, caller);
    const rejected = result.rejected.map(({ recipient, reason }) => ({ recipient, reason }));
    return { accepted: result.accepted, rejected, messageIds: result.messageIds };
  },
});

export const cancelScheduledSms = callable("cancelScheduledSms", {
  schema: () => import("./requests/messages").then((m) => m.messageIdRequest),
  roles: ["admin", "partner"],
  handler: async ({ messageId }, caller) => {
    const { cancelMessage } = await import("../services/messages/manualSend");
    return { status: await cancelMessage(messageId, caller) };
  },
});

export const getSmsStatus = callable("getSmsStatus", {
  schema: () => import("./requests/messages").then((m) => m.messageIdRequest),
  roles: ["admin", "partner", "student"],
  handler: async ({ messageId }, caller) => {
    const { messageStatus } = await import("../services/messages/history");
    return messageStatus(messageId, caller);
  },
});

export const getSmsHistory = callable("getSmsHistory", {
  schema: () => import("./requests/messages").then((m) => m.getSmsHistoryRequest),
  roles: ["admin", "partner", "student"],
  handler: async (request, caller) => {
    const { messageHistory } = await import("../services/messages/history");
    return messageHistory(request, caller);
  },
});

export const getConversation = callable("getConversation", {
  schema: () => import("./requests/messages").then((m) => m.getConversationRequest),
  roles: ["admin", "partner"],
  handler: async ({ userId, phoneNumber, limit, cursor }, caller) => {
    const { getConversation: conversation } = await import("../services/messages/conversation");
    return conversation({ userId, phoneNumber, limit, before: cursor }, caller, readSettings());
  },
});

/** A manual message in a conversation's thread: `sendSms` with text only. */
export const replyToConversation = callable("replyToConversation", {
  schema: () => import("./requests/messages").then((m) => m.replyToConversationRequest),
  roles: ["admin", "partner"],
  secrets: SENDING_SECRETS,
  handler: (request, caller) => sendOne(request, caller),
});
