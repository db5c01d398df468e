/**
 * Two-way conversations (docs/contract.md §5): the messages sent to a number and the replies
 * received from it, in one timeline, newest first. An admin may read any number's; a partner
 * their students' (as for the history). A reply in a thread is a manual message to that
 * number, through the outbox with all its policy (./manualSend).
 */
import { messagesToPhone } from "../../data/messages";
import { repliesFromPhone } from "../../data/inbound";
import { normalizePhone } from "../../domain/phone";
import { PermissionError, PreconditionError, RequestError, type Caller } from "../../errors";
import type { Settings } from "../../params";
import { loadRecipient } from "../recipients/lookup";
import { mayActOn } from "../users/access";

export interface ConversationQuery {
  userId?: string;
  phoneNumber?: string;
  limit: number;
  /** Entries strictly older than this instant (the previous page's `nextCursor`). */
  before?: Date;
}

/** One entry of a timeline: a message sent or a reply received. */
export interface ConversationEntry {
  direction: "outbound" | "inbound";
  /** The message id, or the reply's provider id. */
  id: string;
  at: string;
  body: string;
  channel: string;
  /** Outbound: its status and type. */
  status?: string;
  type?: string;
  /** Inbound: what it asked for (`stop`, `start`, `help`, `done`), and the message it answers. */
  keyword?: string | null;
  inReplyTo?: string | null;
}

export interface Conversation {
  phoneNumber: string;
  userId: string | null;
  entries: ConversationEntry[];
  /** Pass as `before` for the next page; null when there is none. */
  nextCursor: string | null;
}

/** The number a conversation is about, after checking the caller may read it. */
async function threadOf(
  query: Pick<ConversationQuery, "userId" | "phoneNumber">,
  caller: Caller,
  settings: Settings,
): Promise<{ phone: string; userId: string | null }> {
  if (query.userId) {
    if (!(await mayActOn(caller, query.userId))) {
      throw new PermissionError("You may only read your own students' conversations.");
    }
    const user = await loadRecipient(query.userId, settings);
    if (!user.ok) throw new PreconditionError(`No conversation: ${user.reason}.`);
    const phone = normalizePhone(user.value.phone, settings.defaultCountry);
    if (!phone.ok) throw new PreconditionError("This user has no valid phone number.");
    return { phone: phone.e164, userId: query.userId };
  }
  if (caller.role !== "admin") {
    throw new PermissionError("Only admins may read a conversation by phone number.");
  }
  const phone = normalizePhone(query.phoneNumber ?? "", settings.defaultCountry);
  if (!phone.ok) throw new RequestError("phoneNumber", `invalid phone number: ${phone.reason}`);
  return { phone: phone.e164, userId: null };
}

/** A page of the timeline of one number: both directions, newest first. */
export async function getConversation(
  query: ConversationQuery,
  caller: Caller,
  settings: Settings,
): Promise<Conversation> {
  const { phone, userId } = await threadOf(query, caller, settings);
  // One more than a page from each side: enough to fill the page and know whether more follow.
  const [sent, received] = await Promise.all([
    messagesToPhone(phone, query.before, query.limit + 1),
    repliesFromPhone(phone, query.before, query.limit + 1),
  ]);
  const entries: ConversationEntry[] = [
    ...sent.map(({ id, record }) => ({
      direction: "outbound" as const,
      id,
      at: record.createdAt.toDate().toISOString(),
      body: record.body,
      channel: record.channel,
      status: record.status,
      type: record.type,
    })),
    ...received.map(({ id, record }) => ({
      direction: "inbound" as const,
      id,
      at: record.receivedAt.toDate().toISOString(),
      body: record.body,
      channel: record.channel ?? "sms",
      keyword: record.keyword ?? null,
      inReplyTo: record.inReplyTo ?? null,
    })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  const page = entries.slice(0, query.limit);
  return {
    phoneNumber: phone,
    userId,
    entries: page,
    nextCursor: entries.length > query.limit ? page[page.length - 1].at : null,
  };
}
