/**
 * What Twilio's webhooks mean for us: delivery receipts mapped onto our status machine, and
 * the reply keywords carriers and Twilio treat specially (DESIGN §6).
 */
import type { MessageStatus } from "./messageStatus";

/**
 * Our status for a Twilio message status, or undefined for the in-flight ones (queued,
 * accepted, sending, scheduled) that tell us nothing the outbox does not know.
 */
export function statusFromTwilio(twilioStatus: string): MessageStatus | undefined {
  switch (twilioStatus.trim().toLowerCase()) {
    case "sent":
      return "sent";
    case "delivered":
    case "read": // WhatsApp: read implies delivered
      return "delivered";
    case "undelivered":
      return "undelivered";
    case "failed":
      return "failed";
    case "canceled":
      return "cancelled";
    default:
      return undefined;
  }
}

export type ReplyKeyword = "stop" | "start" | "help";

const KEYWORDS: Record<string, ReplyKeyword> = {
  STOP: "stop",
  STOPALL: "stop",
  UNSUBSCRIBE: "stop",
  CANCEL: "stop",
  END: "stop",
  QUIT: "stop",
  START: "start",
  UNSTOP: "start",
  HELP: "help",
};

/**
 * The keyword a reply is, if the whole reply is one (as Twilio matches them: case-insensitive,
 * surrounding spaces and punctuation ignored). "Please stop the reminders" is not a keyword.
 */
export function replyKeyword(body: string): ReplyKeyword | undefined {
  const word = body
    .trim()
    .replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "")
    .toLocaleUpperCase("en-US");
  return Object.hasOwn(KEYWORDS, word) ? KEYWORDS[word] : undefined;
}
