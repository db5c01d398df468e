/**
 * Who a notification goes to: a user document turned into what a message needs (number or
 * email address, language, time zone), or the reason there is no one to send to.
 */
import { readUserDoc } from "../../data/users";
import { parseUser, type ClientUser, type Parsed } from "../../domain/clientDocs";
import { resolveTimeZone } from "../../domain/localTime";
import { toLanguage, type Language } from "../../domain/templates";
import type { MessageChannel } from "../../messaging/provider";
import type { Settings } from "../../params";

export interface Recipient {
  userId: string;
  user: ClientUser;
  /** As the user document has it; the outbox normalises it (and fails the message if invalid). */
  phone: string;
  /** As the user document has it (the outbox normalises it); only an email needs it. */
  email?: string;
  language: Language;
  timeZone: string;
}

/**
 * Loads and parses `users/{userId}`; a missing user, or a missing phone (an email address for
 * `channel` email), is a reason, not an error.
 */
export async function loadRecipient(
  userId: string,
  settings: Pick<Settings, "defaultLanguage" | "defaultTimeZone">,
  channel: MessageChannel = "sms",
): Promise<Parsed<Recipient>> {
  const data = await readUserDoc(userId);
  if (data === undefined) return { ok: false, reason: "unknown user" };
  const parsed = parseUser(data);
  if (!parsed.ok) return { ok: false, reason: `malformed user document (${parsed.reason})` };
  const user = parsed.value;
  if (channel === "email") {
    if (!user.email) return { ok: false, reason: "the user has no email address" };
  } else if (!user.phone_number?.trim()) {
    return { ok: false, reason: "the user has no phone number" };
  }
  return {
    ok: true,
    value: {
      userId,
      user,
      phone: user.phone_number ?? "",
      email: user.email,
      language: toLanguage(user.language, toLanguage(settings.defaultLanguage, "en")),
      timeZone: resolveTimeZone([user.timezone], settings.defaultTimeZone),
    },
  };
}
