/**
 * Reading the outbox for the web app: one message's status, and a user's history page by page.
 * Timestamps are returned as ISO strings, the form a callable response can carry.
 */
import { Timestamp } from "firebase-admin/firestore";
import { getMessage, messagePage, type MessageRecord } from "../../data/messages";
import { NotFoundError, PermissionError, type Caller } from "../../errors";
import { mayActOn } from "../users/access";
import type { MessageStatus } from "../../domain/messageStatus";

/** Fields never shown to the web app: claim bookkeeping. */
const INTERNAL = new Set(["claimId", "leaseExpiresAt", "optOutExempt", "reconcileAfter"]);

/** A message as `getSmsStatus` and `getSmsHistory` return it: its fields, dates as ISO strings. */
export type SmsMessage = { messageId: string; status: MessageStatus } & Record<string, unknown>;

/** A message document as a plain JSON object with ISO dates. */
export function toApiMessage(messageId: string, record: MessageRecord): SmsMessage {
  const out: Record<string, unknown> = { messageId };
  for (const [key, value] of Object.entries(record)) {
    if (INTERNAL.has(key)) continue;
    out[key] = value instanceof Timestamp ? value.toDate().toISOString() : value;
  }
  return out as SmsMessage;
}

async function mayRead(caller: Caller, userId: string | null | undefined): Promise<boolean> {
  if (caller.role === "admin") return true;
  return !!userId && (await mayActOn(caller, userId));
}

/** One message, if the caller may read it. */
export async function messageStatus(messageId: string, caller: Caller) {
  const message = await getMessage(messageId);
  // Not found rather than denied: ids of other people's messages are not to be probed.
  const readable =
    !!message && ((await mayRead(caller, message.userId)) || message.createdBy === caller.uid);
  if (!message || !readable) throw new NotFoundError(`No message ${messageId}.`);
  return toApiMessage(messageId, message);
}

export interface HistoryQuery {
  userId?: string;
  status?: string;
  type?: string;
  limit: number;
  cursor?: string;
}

/** A page of messages, newest first; `nextCursor` continues after it. */
export async function messageHistory(query: HistoryQuery, caller: Caller) {
  const userId = query.userId ?? (caller.role === "admin" ? undefined : caller.uid);
  if (!(await mayRead(caller, userId)) && caller.uid !== userId) {
    throw new PermissionError("You may only read your own messages or your students'.");
  }
  const { status, type, cursor, limit } = query;
  const page = await messagePage({ userId, status, type }, cursor, limit);
  if (!page) throw new NotFoundError("The cursor does not name a message.");
  const { messages, more } = page;
  return {
    messages: messages.map(({ id, record }) => toApiMessage(id, record)),
    nextCursor: more ? messages[messages.length - 1].id : null,
  };
}
