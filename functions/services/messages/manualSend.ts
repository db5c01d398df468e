/**
 * Sends chosen by a person through the web app (`sendSms`, `sendBulkSms`): resolve each
 * recipient (a user id or a phone number; for an email, the user's address), render the message
 * or template in the recipient's language, charge the sender's hourly allowance, and queue.
 */
import { compose } from "../outbox/compose";
import { runTransaction } from "../../data/firestore";
import { getMessage, readMessage, transitionMessage } from "../../data/messages";
import { loadTemplate } from "../../data/templates";
import type { MessageStatus } from "../../domain/messageStatus";
import { normalizeEmail } from "../../domain/email";
import { normalizePhone } from "../../domain/phone";
import {
  TemplateVariableError,
  toLanguage,
  type Language,
  type TemplateDefinition,
} from "../../domain/templates";
import type { Settings } from "../../params";
import type { Caller } from "../../errors";
import { NotFoundError, PermissionError, PreconditionError, RequestError } from "../../errors";
import { mayActOn } from "../users/access";
import { manualMessageId } from "../outbox/ids";
import { enqueueReserved, type NewMessage } from "../outbox/enqueue";
import { reserveAllowance } from "../outbox/allowance";
import { birthClaim } from "../outbox/born";
import { sendStaged } from "../outbox/inline";
import { loadRecipient, type Recipient } from "../recipients/lookup";

/** What to send: a literal message, or a template with its variables. */
export type Content =
  { message: string } | { templateId: string; variables: Record<string, string | number> };

export interface Rejection {
  recipient: string;
  reason: string;
  /** The caller may not send to this recipient (as opposed to a bad recipient). */
  denied?: boolean;
}

/** A recipient is a phone number when it looks like one; anything else is a user id. */
function looksLikePhone(recipient: string): boolean {
  return /^[+\d][\d\s\-().]*$/.test(recipient.trim());
}

interface Resolved {
  to: string;
  userId?: string;
  language: Language;
  timeZone?: string;
}

async function resolve(
  recipient: string,
  caller: Caller,
  settings: Settings,
  language: Language | undefined,
  channel: "sms" | "email",
): Promise<Resolved | Rejection> {
  if (channel === "sms" && looksLikePhone(recipient)) {
    // A bare number has no student behind it to check a partner's rights against.
    if (caller.role !== "admin") {
      return { recipient, reason: "only admins may send to a phone number", denied: true };
    }
    const phone = normalizePhone(recipient, settings.defaultCountry);
    if (!phone.ok) return { recipient, reason: `invalid phone number: ${phone.reason}` };
    return { to: phone.e164, language: language ?? toLanguage(settings.defaultLanguage, "en") };
  }
  if (!(await mayActOn(caller, recipient))) {
    return { recipient, reason: "you may only send to your own students", denied: true };
  }
  const user = await loadRecipient(recipient, settings, channel);
  if (!user.ok) return { recipient, reason: user.reason };
  const to = destinationOf(user.value, channel, settings);
  if (!to.ok) return { recipient, reason: to.reason };
  return {
    to: to.address,
    userId: recipient,
    language: language ?? user.value.language,
    timeZone: user.value.timeZone,
  };
}

/** The user's number (E.164) or, for an email, address; or why there is none. */
function destinationOf(
  user: Recipient,
  channel: "sms" | "email",
  settings: Settings,
): { ok: true; address: string } | { ok: false; reason: string } {
  if (channel === "email") return normalizeEmail(user.email);
  const phone = normalizePhone(user.phone, settings.defaultCountry);
  return phone.ok
    ? { ok: true, address: phone.e164 }
    : { ok: false, reason: `invalid phone number: ${phone.reason}` };
}

/** Loads the template once; an unknown id is not-found. */
export async function templateFor(content: Content): Promise<TemplateDefinition | undefined> {
  if (!("templateId" in content)) return undefined;
  const template = await loadTemplate(content.templateId);
  if (!template) throw new NotFoundError(`No template ${content.templateId}.`);
  return template;
}

/**
 * The body in `language` (a template falls back to English when it has no such text, and the
 * language used is returned), with the template's variants rendered when it has some (the
 * outbox picks one by message id); a template variable without a value is a RequestError.
 */
export function render(
  content: Content,
  template: TemplateDefinition | undefined,
  language: Language,
) {
  if (!template || !("templateId" in content)) {
    return { body: (content as { message: string }).message, language };
  }
  try {
    const { body, language: used, variants } = compose(template, language, content.variables);
    return { body, language: used, variants };
  } catch (error) {
    if (error instanceof TemplateVariableError) {
      throw new RequestError(
        "variables",
        `missing template variables: ${error.missing.join(", ")}`,
      );
    }
    throw error;
  }
}

export interface ManualSend {
  recipients: string[];
  content: Content;
  language?: Language;
  sendAt?: Date;
  /** `email`: to each user's address (users only); default `sms`. */
  channel?: "sms" | "email";
}

export interface ManualSendResult {
  accepted: number;
  rejected: Rejection[];
  messageIds: string[];
  statuses: MessageStatus[];
}

/**
 * Queues one manual message per accepted recipient (duplicates in the list count once). All
 * checks run before the first write, so a refused request writes nothing.
 */
export async function sendManual(
  request: ManualSend,
  caller: Caller,
  settings: Settings,
  now: Date,
): Promise<ManualSendResult> {
  const template = await templateFor(request.content);
  const unique = [...new Set(request.recipients.map((r) => r.trim()))];
  const rejected: Rejection[] = [];
  const ready: NewMessage[] = [];
  const seenNumbers = new Set<string>();
  for (const recipient of unique) {
    const channel = request.channel ?? "sms";
    const resolved = await resolve(recipient, caller, settings, request.language, channel);
    if ("reason" in resolved) {
      rejected.push(resolved);
      continue;
    }
    if (seenNumbers.has(resolved.to)) continue;
    seenNumbers.add(resolved.to);
    const { body, language, variants } = render(request.content, template, resolved.language);
    const id = manualMessageId();
    ready.push({
      id,
      to: resolved.to,
      body,
      variants,
      channel: request.channel,
      type: template?.type ?? "manual",
      templateId: template?.id,
      language,
      userId: resolved.userId,
      sender: caller,
      sendAt: request.sendAt,
      timeZone: resolved.timeZone,
    });
  }
  const [claim] = await Promise.all([
    birthClaim(settings, now),
    reserveAllowance(caller, ready.length, settings, now),
  ]);
  // Born claimed and sent from this call (../outbox/born): the statuses are what the sends
  // came to (`sent`, or `scheduled` / `deferred` when held, `queued` when retried later).
  const staged = await enqueueReserved(ready, settings, now, claim);
  const queued = await sendStaged(staged, settings, now);
  return {
    accepted: queued.length,
    rejected,
    messageIds: queued.map((r) => r.messageId),
    statuses: queued.map((r) => r.status),
  };
}

/** Cancels a message that has not been sent yet (scheduled, deferred, or queued untried). */
export async function cancelMessage(messageId: string, caller: Caller): Promise<"cancelled"> {
  const message = await getMessage(messageId);
  if (!message) throw new NotFoundError(`No message ${messageId}.`);
  const { userId } = message;
  const own = message.createdBy === caller.uid;
  if (
    !own &&
    caller.role !== "admin" &&
    !(userId && caller.role === "partner" && (await mayActOn(caller, userId)))
  ) {
    throw new PermissionError("You may not cancel this message.");
  }
  return runTransaction(async (tx) => {
    const current = await readMessage(tx, messageId);
    if (!current) throw new NotFoundError(`No message ${messageId}.`);
    const { status } = current;
    const cancellable =
      status === "scheduled" || status === "deferred" || (status === "queued" && !current.attempts);
    if (!cancellable)
      throw new PreconditionError(`The message is ${status} and can no longer be cancelled.`);
    transitionMessage(tx, messageId, current, "cancelled", { nextAttemptAt: null });
    return "cancelled" as const;
  });
}
