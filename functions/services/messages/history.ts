/**
 * Reading the outbox for the web app: one message's status, and a user's history page by page.
 * Timestamps are returned as ISO strings, the form a callable response can carry.
 */
import { Timestamp, type DocumentSnapshot } from "firebase-admin/firestore";
import { messagesCollection } from "../../data/messages";
import { NotFoundError, PermissionError, type Caller } from "../../errors";
import { mayActOn } from "../users/access";
import type { MessageStatus } from "../../domain/messageStatus";

/** Fields never shown to the web app: claim bookkeeping. */
const INTERNAL = new Set(["claimId", "leaseExpiresAt", "optOutExempt"]);

/** A message as `getSmsStatus` and `getSmsHistory` return it: its fields, dates as ISO strings. */
export type SmsMessage = { messageId: string; status: MessageStatus } & Record<string, unknown>;

/** A message document as a plain JSON object with ISO dates. */
export function toApiMessage(snapshot: DocumentSnapshot): SmsMessage {
  const out: Record<string, unknown> = { messageId: snapshot.id };
  for (const [key, value] of Object.entries(snapshot.data() ?? {})) {
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
  const snapshot = await messagesCollection().doc(messageId).get();
  if (!snapshot.exists) throw new NotFoundError(`No message ${messageId}.`);
  const readable =
    (await mayRead(caller, snapshot.get("userId"))) || snapshot.get("createdBy") === caller.uid;
  // Not found rather than denied: ids of other people's messages are not to be probed.
  if (!readable) throw new NotFoundError(`No message ${messageId}.`);
  return toApiMessage(snapshot);
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
  let q: FirebaseFirestore.Query = messagesCollection();
  if (userId) q = q.where("userId", "==", userId);
  if (query.status) q = q.where("status", "==", query.status);
  if (query.type) q = q.where("type", "==", query.type);
  q = q.orderBy("createdAt", "desc").orderBy("__name__", "desc");
  if (query.cursor) {
    const after = await messagesCollection().doc(query.cursor).get();
    if (!after.exists) throw new NotFoundError("The cursor does not name a message.");
    q = q.startAfter(after);
  }
  const page = await q.limit(query.limit + 1).get();
  const docs = page.docs.slice(0, query.limit);
  return {
    messages: docs.map(toApiMessage),
    nextCursor: page.size > query.limit ? docs[docs.length - 1].id : null,
  };
}
