/**
 * Replies from recipients (docs/contract.md §6), over SMS and WhatsApp alike: every reply is
 * recorded in `sms_inbound` under the sender's E.164 number (a WhatsApp sender's `whatsapp:`
 * prefix removed, national formats resolved), the key every outgoing message is checked by.
 * An opt-out keyword or a short free-text revocation (domain/replies) suppresses the number on
 * every channel and is confirmed once; START lifts an opt-out the recipient made and confirms;
 * HELP gets the help text (sent even to opted-out users: they asked for it); DONE completes the
 * task a reminder meant (./done). Each consent decision is recorded, with the keyword or the
 * reason, in `sms_consent_events`.
 */
import { runTransaction } from "../../data/firestore";
import { isInboundRecorded, recordInbound } from "../../data/inbound";
import { messagesToPhone } from "../../data/messages";
import { recipientWithPhone } from "../../data/recipients";
import {
  addSuppressionIn,
  readSuppressionIn,
  removeSuppressionIn,
  type SuppressionSource,
} from "../../data/suppressions";
import { loadTemplate } from "../../data/templates";
import { normalizePhone } from "../../domain/phone";
import { classifyReply, type ReplyDecision, type ReplyKeyword } from "../../domain/replies";
import { toLanguage, type Language } from "../../domain/templates";
import type { Channel } from "../../messaging/provider";
import type { Settings } from "../../params";
import { compose } from "../outbox/compose";
import { stageMessages, type NewMessage } from "../outbox/enqueue";
import { birthClaim, type BirthClaim } from "../outbox/born";
import { queueAndSend, sendStaged } from "../outbox/inline";
import { consentReplyId, helpReplyId } from "../outbox/ids";
import * as logs from "../../logs";

export interface InboundReply {
  providerMessageId: string;
  from: string;
  to: string;
  body: string;
}

export interface InboundResult {
  keyword?: ReplyKeyword;
  /** What the reply was taken to ask for. */
  decision: ReplyDecision;
  /** False when this reply had been handled before (a retried webhook). */
  firstDelivery: boolean;
}

/**
 * Suppressions a recipient's START may not lift: the team's own do-not-contact entries. Every
 * other one the recipient (or their carrier, on their STOP) made, including entries written
 * before sources were recorded (`inbound`, a provider's name).
 */
const KEPT_ON_START: ReadonlySet<string> = new Set<SuppressionSource>(["admin", "import"]);

const WHATSAPP_PREFIX = "whatsapp:";

type KeywordReply = Extract<ReplyDecision, { match: "keyword" }>;
type Revocation = KeywordReply | Extract<ReplyDecision, { match: "free-text" }>;

/** The channel a reply came in on, and its sender without the channel's prefix. */
function senderOf(from: string): { channel: Channel; address: string } {
  return from.toLowerCase().startsWith(WHATSAPP_PREFIX)
    ? { channel: "whatsapp", address: from.slice(WHATSAPP_PREFIX.length) }
    : { channel: "sms", address: from };
}

/** Who replied: their E.164 number, channel, user (by number) and language. */
interface Sender {
  phone: string;
  channel: Channel;
  userId?: string;
  language: Language;
}

async function identify(reply: InboundReply, settings: Settings): Promise<Sender> {
  const { channel, address } = senderOf(reply.from);
  const normalized = normalizePhone(address, settings.defaultCountry);
  const phone = normalized.ok ? normalized.e164 : address;
  const user = await recipientWithPhone(phone);
  const fallback = toLanguage(settings.defaultLanguage, "en");
  return {
    phone,
    channel,
    userId: user?.userId,
    language: toLanguage(user?.row.language, fallback),
  };
}

/** The answer to a reply (HELP, a confirmation), opt-out-exempt. */
async function answer(
  templateId: string,
  id: string,
  sender: Sender,
  language: Language,
  settings: Settings,
): Promise<NewMessage | undefined> {
  const template = await loadTemplate(templateId, settings.templateCacheMs);
  if (!template) return undefined;
  return {
    id,
    to: sender.phone,
    channel: sender.channel,
    ...compose(template, language),
    userId: sender.userId,
    // They asked for it: sent even to a number that has just opted out.
    optOutExempt: true,
  };
}

/** The user's language; for a number we do not know, the language of the words they sent. */
function replyLanguage(decision: ReplyDecision, sender: Sender): Language {
  if (sender.userId || decision.kind === "none") return sender.language;
  return decision.language;
}

/**
 * The confirmation of an opt-out or opt-in and the birth claim it is queued with: the template
 * and the day's usage are read at once.
 */
function consentConfirmation(
  kind: "opt-out" | "opt-in",
  context: { reply: InboundReply; decision: ReplyDecision; sender: Sender },
  settings: Settings,
  now: Date,
): Promise<[NewMessage | undefined, BirthClaim]> {
  const { reply, decision, sender } = context;
  return Promise.all([
    answer(
      kind === "opt-out" ? "opt_out_confirmation" : "opt_in_confirmation",
      consentReplyId(kind, reply.providerMessageId),
      sender,
      replyLanguage(decision, sender),
      settings,
    ),
    birthClaim(settings, now),
  ]);
}

/**
 * Suppresses the number and queues the one confirmation, in one transaction: only when it
 * was not suppressed already, so a repeated STOP gets no second confirmation, and a retried
 * webhook finds both done or neither.
 */
async function optOut(
  reply: InboundReply,
  decision: Revocation,
  sender: Sender,
  settings: Settings,
  now: Date,
): Promise<void> {
  const byKeyword = decision.match === "keyword";
  const context = { reply, decision, sender };
  const [confirmation, claim] = await consentConfirmation("opt-out", context, settings, now);
  const staged = await runTransaction(async (tx) => {
    if (await readSuppressionIn(tx, sender.phone)) return [];
    const stage = confirmation
      ? await stageMessages(tx, [confirmation], settings, now, claim)
      : undefined;
    addSuppressionIn(tx, sender.phone, {
      reason: byKeyword ? decision.keyword : decision.reason,
      source: byKeyword ? "keyword" : "free_text",
      keyword: byKeyword ? decision.keyword : null,
      channel: sender.channel,
      userId: sender.userId,
    });
    stage?.write();
    return stage?.messages ?? [];
  });
  await sendStaged(staged, settings, now);
}

/** Lifts an opt-out the recipient made and confirms it, in one transaction. */
async function optIn(
  reply: InboundReply,
  decision: KeywordReply,
  sender: Sender,
  settings: Settings,
  now: Date,
): Promise<void> {
  const context = { reply, decision, sender };
  const [confirmation, claim] = await consentConfirmation("opt-in", context, settings, now);
  const staged = await runTransaction(async (tx) => {
    const suppression = await readSuppressionIn(tx, sender.phone);
    if (!suppression || KEPT_ON_START.has(suppression.source)) {
      if (suppression) logs.optInRefused(sender.phone, suppression.source);
      return [];
    }
    const stage = confirmation
      ? await stageMessages(tx, [confirmation], settings, now, claim)
      : undefined;
    removeSuppressionIn(tx, sender.phone, {
      phone: sender.phone,
      action: "opted_in",
      source: "keyword_start",
      reason: `replied ${decision.keyword}`,
      keyword: decision.keyword,
      channel: sender.channel,
      userId: sender.userId,
    });
    stage?.write();
    return stage?.messages ?? [];
  });
  await sendStaged(staged, settings, now);
}

/** Records a reply and acts on what it asks for; safe to receive twice. */
export async function handleInbound(
  reply: InboundReply,
  settings: Settings,
  now: Date,
): Promise<InboundResult> {
  const decision = classifyReply(reply.body);
  const keyword = decision.kind === "done" || decision.kind === "none" ? undefined : decision.kind;
  const sender = await identify(reply, settings);
  logs.inboundReceived(reply.providerMessageId, sender.phone, keyword);
  if (await isInboundRecorded(reply.providerMessageId)) {
    return { keyword, decision, firstDelivery: false };
  }
  // The thread it answers: the latest message to the number before this reply's own answers.
  const [answered] = await messagesToPhone(sender.phone, undefined, 1);
  // Act first, then record: every action is idempotent, so a retry after a crash in between
  // acts again harmlessly, while recording first could lose the action.
  if (decision.kind === "stop") {
    await optOut(reply, decision, sender, settings, now);
  } else if (decision.kind === "start" && decision.match === "keyword") {
    await optIn(reply, decision, sender, settings, now);
  } else if (decision.kind === "help") {
    const help = await answer(
      "help",
      helpReplyId(reply.providerMessageId),
      sender,
      replyLanguage(decision, sender),
      settings,
    );
    if (help) await queueAndSend(help, settings, now);
  } else if (decision.kind === "done" && sender.userId) {
    const { handleDone } = await import("./done");
    const { phone, channel, userId, language } = sender;
    const { providerMessageId } = reply;
    await handleDone({ providerMessageId, phone, channel, userId, language }, settings, now);
  }
  await recordInbound(reply.providerMessageId, {
    from: sender.phone,
    to: reply.to,
    body: reply.body,
    userId: sender.userId ?? null,
    keyword: decision.kind === "none" ? null : decision.kind,
    channel: sender.channel,
    inReplyTo: answered?.id ?? null,
    templateId: answered?.record.templateId ?? null,
    campaignId: answered?.record.campaignId ?? null,
    variant: answered?.record.variant ?? null,
    inReplyToCreatedAt: answered?.record.createdAt ?? null,
    match: decision.kind === "none" ? null : decision.match,
    matched:
      decision.kind === "none"
        ? null
        : decision.match === "keyword"
          ? decision.keyword
          : decision.reason,
  });
  return { keyword, decision, firstDelivery: true };
}
