/**
 * What a reply from a recipient asks for (docs/contract.md §6): a whole-message keyword
 * (consentKeywords.ts) or, conservatively, a short free-text revocation of consent.
 *
 * Everything is matched on `normalizeReply`'s key, so the patterns below are written in
 * lower case, without diacritics, with Turkish ı/i folded to "i" and "opt out" spelled "optout".
 */
import { CONSENT_KEYWORDS, type ConsentKeyword, type ConsentKind } from "./consentKeywords";
import type { Language } from "./templates";

/** The keywords the inbound handler acts on (the kinds that change consent or ask for help). */
export type ReplyKeyword = "stop" | "start" | "help";

/**
 * What a reply asks for: a keyword (any kind, with its canonical spelling and language), a
 * free-text revocation (always a stop; `reason` names the rule and the words matched), or none.
 */
export type ReplyDecision =
  | { kind: ConsentKind; match: "keyword"; keyword: string; language: Language }
  | { kind: "stop"; match: "free-text"; reason: string; language: Language }
  | { kind: "none" };

/**
 * Free text is read only when it is this short. A revocation is typically one sentence with a
 * greeting or a "thank you" around it (up to about ten words); a longer message is usually about
 * something else, may quote or negate the phrase, and is better left to a person.
 */
export const FREE_TEXT_LIMITS = Object.freeze({ maxWords: 10, maxCharacters: 80 });

/**
 * The matching key of a reply: NFKC, lower case, no diacritics (ş→s, ç→c, ğ→g, ö→o, ü→u, ê→e),
 * Turkish İ/I/ı/i all "i", curly apostrophes straight, every other non-letter and non-digit
 * (punctuation, hyphens, emoji) a single space, nothing but letters at either end, and
 * "opt out" / "opt-out" / "optout" all "optout". Both the Turkish and the ASCII-fied spelling
 * of a word therefore give the same key. A key for matching, not text to show anyone.
 */
export function normalizeReply(body: string): string {
  return (
    body
      .normalize("NFKC")
      // toLowerCase without a locale: "I" becomes "i" (not Turkish "ı") and "İ" becomes "i"
      // plus a combining dot, which goes with the other marks below.
      .toLowerCase()
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      // The dotless ı has no decomposition; folding it makes "ıptal" and "IPTAL" one word.
      .replace(/ı/g, "i")
      .replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'")
      .replace(/[^\p{L}\p{N}']+/gu, " ")
      // Quotes around a word are not apostrophes inside one ("'stop'" vs "don't").
      .replace(/(^| )'+|'+(?= |$)/g, "$1")
      // Digits at the edges go too, as the original matcher did: "STOP 2" is STOP.
      .replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "")
      .replace(/ {2,}/g, " ")
      .replace(/\bopt ?out\b/g, "optout")
  );
}

/** Every spelling's key to its keyword; two keywords sharing a key would be a data error. */
const KEYWORD_BY_KEY: ReadonlyMap<string, ConsentKeyword> = (() => {
  const index = new Map<string, ConsentKeyword>();
  for (const entry of CONSENT_KEYWORDS) {
    for (const spelling of [entry.keyword, ...(entry.variants ?? [])]) {
      const key = normalizeReply(spelling);
      const existing = index.get(key);
      if (existing && existing !== entry) {
        throw new Error(`Keywords ${existing.keyword} and ${entry.keyword} share "${key}".`);
      }
      index.set(key, entry);
    }
  }
  return index;
})();

/** The keyword the whole reply is, if it is one. */
export function consentKeyword(body: string): ConsentKeyword | undefined {
  return KEYWORD_BY_KEY.get(normalizeReply(body));
}

// Building blocks of the free-text patterns, as regex source over the normalised key.

/** What the messages are called. */
const MESSAGES =
  "(?:(?:text |sms |whatsapp )?messages?|msgs?|texts?|sms(?:es)?|whatsapps?|reminders?|notifications?|alerts?)";
/** Optional words between a verb and its object: "stop ALL THESE messages". */
const DETERMINERS = "(?:(?:any|these|those|the|this|your|ur|all|of|such|more|further) )*";
/** Who receives them. */
const ME = "(?:me|us|my number|this number)";
/** What a recipient is on. */
const LIST = "(?:(?:\\w+ ){0,2}(?:list|lists|database|system))";
/** Courtesies around a bare request ("please stop", "stop now, thanks"). */
const COURTESY = "(?:please|pls|plz|kindly|just|ok|okay|hi|hello|hey|thanks|thank you|thx|sorry)";
/**
 * A verb right after a negation, or after a question about what happened ("did you stop the
 * reminders?", "does it stop sending texts on Sundays?"), is not a request. "Can/will/would
 * you stop texting me" is a polite request, so those auxiliaries are not listed.
 */
const NOT_NEGATED =
  "(?<!\\b(?:not|never|don't|dont|can't|cant|cannot|won't|wont|didn't|didnt|did|doesn't|doesnt|does|shouldn't|shouldnt) )" +
  "(?<!\\b(?:do|does|doesn't|doesnt|did|didn't|didnt|has|hasn't|hasnt|have|haven't|havent|when) (?:you|u|they|it|we|he|she) )";
/** Turkish names for the messages, with their case endings ("mesajları", "bildirimleri"). */
const TR_MESSAGES = "(?:mesaj|sms|bildirim|hatirlatma)\\w*";
/** Turkish "take off / leave", spelled out so that the negative "çıkarmayın" cannot match. */
const TR_TAKE_OFF =
  "(?:cikar|cikarin|cikariniz|cikart|cikartin|cikarir misiniz|cikarabilir misiniz|cikarmanizi istiyorum|cik|cikmak istiyorum|cikiyorum|ayrilmak istiyorum)";

interface Revocation {
  /** Names the phrase in `reason`, for the consent log and for a person reviewing it. */
  readonly id: string;
  readonly language: Language;
  readonly pattern: RegExp;
}

const rule = (id: string, language: Language, source: string): Revocation => ({
  id,
  language,
  pattern: new RegExp(source),
});

/**
 * Each pattern needs a stop-verb aimed at the messages, the list or the sender; a verb alone
 * ("stop by my office", "cancel my appointment", "the course ends") is not enough.
 */
const REVOCATIONS: readonly Revocation[] = [
  // "please stop texting me": these verbs are themselves about messaging the user.
  rule(
    "stop texting",
    "en",
    `${NOT_NEGATED}\\bstop (?:texting|messaging|contacting|spamming)(?: me| us)?\\b`,
  ),
  // "stop sending me messages", "stop sending these": sending needs a message-like object, so
  // "stop sending the invoice to my old address" is not a revocation.
  rule(
    "stop sending",
    "en",
    `${NOT_NEGATED}\\bstop sending (?:me |us )?${DETERMINERS}(?:${MESSAGES}|these|them|anything)\\b`,
  ),
  // "stop the reminders", "stop all these texts".
  rule("stop messages", "en", `${NOT_NEGATED}\\bstop ${DETERMINERS}${MESSAGES}\\b`),
  // "how do I stop getting these texts".
  rule(
    "stop receiving",
    "en",
    `${NOT_NEGATED}\\bstop (?:receiving|getting) ${DETERMINERS}${MESSAGES}\\b`,
  ),
  // "unsubscribe me", "unsubscribe me from this", "opt me out".
  rule("unsubscribe me", "en", `${NOT_NEGATED}\\b(?:unsubscribe|optout) (?:${ME}|from)\\b`),
  rule("opt me out", "en", `${NOT_NEGATED}\\bopt ${ME} out\\b`),
  // "I want to unsubscribe", "how do I opt out": a wish to leave, not a question about it.
  rule(
    "wants to leave",
    "en",
    `${NOT_NEGATED}\\b(?:want to|wanna|like to|wish to|need to|how do i|how can i) (?:unsubscribe|optout|be removed)\\b`,
  ),
  // "remove me from this list", "take me off your list": removal from something a list-like.
  rule(
    "remove me",
    "en",
    `${NOT_NEGATED}\\bremove ${ME} from ${DETERMINERS}(?:${LIST}|${MESSAGES})\\b`,
  ),
  rule(
    "take me off",
    "en",
    `${NOT_NEGATED}\\btake ${ME} off ${DETERMINERS}(?:${LIST}|${MESSAGES})\\b`,
  ),
  // "remove me" with nothing else but courtesies.
  rule("remove me", "en", `^(?:${COURTESY} )*remove ${ME}(?: ${COURTESY})*$`),
  // "don't text me anymore": anchored at the end, so "don't text me before 9am" (a request
  // about timing, not consent) does not match.
  rule(
    "don't text me",
    "en",
    `\\b(?:don't|dont|do not|never) (?:ever )?(?:text|message|msg|sms|contact|spam|send) ${ME}(?: ${DETERMINERS}${MESSAGES}| anything)?(?: (?:anymore|any more|again|ever again|ever|${COURTESY}))*$`,
  ),
  // "I don't want these messages".
  rule("doesn't want messages", "en", `\\b(?:don't|dont|do not) want ${DETERMINERS}${MESSAGES}\\b`),
  // "no more messages (please)": anchored, so "no more reminders for today" is not one.
  rule("no more messages", "en", `\\bno more ${DETERMINERS}${MESSAGES}(?: ${COURTESY})*$`),
  // "please stop", "STOP STOP", "unsubscribe please": an unambiguous opt-out word with only
  // courtesies around it. CANCEL, END, İPTAL and DUR are left out: "cancel please" or "iptal
  // lütfen" in reply to a lesson reminder cancels the lesson.
  rule(
    "stop",
    "en",
    `^(?:${COURTESY} )*(?:stop|stopall|unsubscribe|optout)(?: (?:${COURTESY}|stop|stopall|unsubscribe|optout|now|already|immediately))*$`,
  ),

  // "beni listeden çıkar", "listenizden çıkmak istiyorum".
  rule(
    "listeden çıkar",
    "tr",
    `\\b(?:listeden|listenizden|listenden|listesinden|abonelikten|aboneliginizden) (?:beni |numarami )?${TR_TAKE_OFF}\\b`,
  ),
  // "mesaj göndermeyin", "artık mesaj atmayın", "bildirimleri göndermeyi bırakın": the
  // plural/polite imperatives are unambiguous anywhere in a short message.
  rule(
    "mesaj göndermeyin",
    "tr",
    `\\b${TR_MESSAGES} (?:bir daha |artik |hic )?(?:gondermeyin|gondermeyiniz|atmayin|atmayiniz|yollamayin|yollamayiniz|(?:gondermeyi|atmayi|yollamayi) (?:birakin|birakir misiniz|kesin|keser misiniz|durdurun))\\b`,
  ),
  // "bana mesaj atma": the singular imperative is also a noun ("mesaj atma saati", the time
  // of sending), so it counts only at the end.
  rule("mesaj atma", "tr", `\\b${TR_MESSAGES} (?:atma|gonderme|yollama)(?: lutfen)?$`),
  // "artık mesaj istemiyorum" ("I don't want messages any more").
  rule("mesaj istemiyorum", "tr", `\\b${TR_MESSAGES} istemiyorum\\b`),
  // "aboneliğimi iptal et", "mesajları iptal edin"; "iptal edildi mi" (was it cancelled?) is
  // a question about a lesson and has no subscription or message before it.
  rule(
    "aboneliğimi iptal et",
    "tr",
    `\\b(?:abonelig\\w*|abonelik|${TR_MESSAGES}) iptal (?:et|edin|ediniz|etmek istiyorum|ediyorum|edilsin|eder misiniz|edebilir misiniz)\\b`,
  ),
];

const NONE: ReplyDecision = Object.freeze({ kind: "none" });

function isShort(key: string): boolean {
  return (
    key.length <= FREE_TEXT_LIMITS.maxCharacters &&
    key.split(" ").length <= FREE_TEXT_LIMITS.maxWords
  );
}

/**
 * What a reply asks for: a whole-message keyword first, otherwise a stop when a short message
 * clearly revokes consent (`reason` names the rule and the words it matched), otherwise none.
 * Conservative by design: anything doubtful is `none` and stays in `sms_inbound` for a person.
 */
export function classifyReply(body: string): ReplyDecision {
  const key = normalizeReply(body);
  const entry = KEYWORD_BY_KEY.get(key);
  if (entry) {
    return { kind: entry.kind, match: "keyword", keyword: entry.keyword, language: entry.language };
  }
  if (key === "" || !isShort(key)) return NONE;
  for (const revocation of REVOCATIONS) {
    const found = revocation.pattern.exec(key);
    if (found) {
      const reason = `${revocation.id}: "${found[0]}"`;
      return { kind: "stop", match: "free-text", reason, language: revocation.language };
    }
  }
  return NONE;
}
