/** The reply keywords carriers and providers treat specially (docs/contract.md §6). */

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
