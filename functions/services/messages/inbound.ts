/**
 * Replies from recipients (docs/contract.md §6): every reply is recorded in `sms_inbound`; STOP and its
 * synonyms add the number to `sms_suppressions`, START removes it, HELP gets the help text
 * (sent even to opted-out users: they asked for it).
 */
import { loadTemplate } from "../../data/templates";
import { normalizePhone } from "../../domain/phone";
import { toLanguage, type Language } from "../../domain/templates";
import { compose } from "../outbox/compose";
import { replyKeyword, type ReplyKeyword } from "../../domain/replies";
import type { Settings } from "../../params";
import { enqueueMessage } from "../outbox/enqueue";
import { helpReplyId } from "../outbox/ids";
import { recipientWithPhone } from "../../data/recipients";
import { addSuppression, removeSuppression } from "../../data/suppressions";
import { isInboundRecorded, recordInbound } from "../../data/inbound";
import * as logs from "../../logs";

export interface InboundReply {
  providerMessageId: string;
  from: string;
  to: string;
  body: string;
}

export interface InboundResult {
  keyword?: ReplyKeyword;
  /** False when this reply had been handled before (a retried webhook). */
  firstDelivery: boolean;
}

/** The user with this number, from the recipients projection (national formats resolved). */
async function findUser(e164: string): Promise<{ id: string; language?: unknown } | undefined> {
  const match = await recipientWithPhone(e164);
  return match ? { id: match.userId, language: match.row.language } : undefined;
}

async function answerHelp(
  reply: InboundReply,
  from: string,
  language: Language,
  userId: string | undefined,
  settings: Settings,
  now: Date,
): Promise<void> {
  const template = await loadTemplate("help");
  if (!template) return;
  await enqueueMessage(
    {
      id: helpReplyId(reply.providerMessageId),
      to: from,
      ...compose(template, language),
      userId,
      optOutExempt: true,
    },
    settings,
    now,
  );
}

/** Records a reply and acts on its keyword; safe to receive twice. */
export async function handleInbound(
  reply: InboundReply,
  settings: Settings,
  now: Date,
): Promise<InboundResult> {
  const phone = normalizePhone(reply.from, settings.defaultCountry);
  const from = phone.ok ? phone.e164 : reply.from;
  const keyword = replyKeyword(reply.body);
  const user = await findUser(from);
  logs.inboundReceived(reply.providerMessageId, from, keyword);
  if (await isInboundRecorded(reply.providerMessageId)) return { keyword, firstDelivery: false };
  // Act first, then record: every action is idempotent, so a retry after a crash in between
  // acts again harmlessly, while recording first could lose the action.
  if (keyword === "stop") {
    await addSuppression(from, { reason: "STOP", source: "inbound" });
  } else if (keyword === "start") {
    await removeSuppression(from);
  } else if (keyword === "help") {
    const language = toLanguage(user?.language, toLanguage(settings.defaultLanguage, "en"));
    await answerHelp(reply, from, language, user?.id, settings, now);
  }
  await recordInbound(reply.providerMessageId, {
    from,
    to: reply.to,
    body: reply.body,
    userId: user?.id ?? null,
    keyword: keyword ?? null,
  });
  return { keyword, firstDelivery: true };
}
