/**
 * The whole-message keywords a reply can be (docs/contract.md §6), as data: what each means and
 * the language it is written in, so that a confirmation can answer in the user's own language.
 *
 * Spellings are matched after `normalizeReply` (domain/replies.ts) folds case, diacritics and
 * the Turkish dotted/dotless i, so "İPTAL", "IPTAL", "iptal" and "ıptal" are one keyword and
 * "BAŞLA" also matches the ASCII "BASLA" typed on phones without a Turkish keyboard. The
 * `variants` below are the other spellings people are known to send; most of them fold to the
 * canonical one anyway and are listed so that the table documents (and the tests prove) them.
 */
import type { Language } from "./templates";

/**
 * What a keyword asks for: `stop` revokes consent, `start` gives it back, `help` asks for the
 * help text, `done` reports a task finished (not a consent change at all).
 */
export type ConsentKind = "stop" | "start" | "help" | "done";

export interface ConsentKeyword {
  /** The canonical spelling, reported in decisions and logs. */
  readonly keyword: string;
  readonly kind: ConsentKind;
  readonly language: Language;
  /** Other spellings of the same keyword. */
  readonly variants?: readonly string[];
}

/** English: the carrier-standard opt-out and opt-in words (CTIA, Twilio Advanced Opt-Out). */
const ENGLISH: readonly ConsentKeyword[] = [
  { keyword: "STOP", kind: "stop", language: "en" },
  { keyword: "STOPALL", kind: "stop", language: "en" },
  { keyword: "UNSUBSCRIBE", kind: "stop", language: "en" },
  { keyword: "CANCEL", kind: "stop", language: "en" },
  { keyword: "END", kind: "stop", language: "en" },
  { keyword: "QUIT", kind: "stop", language: "en" },
  { keyword: "REVOKE", kind: "stop", language: "en" },
  { keyword: "OPTOUT", kind: "stop", language: "en", variants: ["OPT OUT", "OPT-OUT"] },
  { keyword: "REMOVE", kind: "stop", language: "en" },
  // French opt-out words are carrier-standard in Canada; they are grouped with English because
  // the backend has no French templates to confirm in.
  { keyword: "ARRET", kind: "stop", language: "en", variants: ["ARRÊT"] },
  { keyword: "TD", kind: "stop", language: "en" },
  { keyword: "START", kind: "start", language: "en" },
  { keyword: "UNSTOP", kind: "start", language: "en" },
  { keyword: "YES", kind: "start", language: "en" },
  { keyword: "HELP", kind: "help", language: "en" },
  { keyword: "INFO", kind: "help", language: "en" },
  { keyword: "DONE", kind: "done", language: "en" },
];

/**
 * Turkish. RET is the word the national opt-out system (İYS) prints under commercial SMS
 * ("RET yazıp ... gönderin") and İPTAL is what users type to cancel a subscription; DUR and
 * DURDUR are the imperative "stop"; the two "... ÇIK" phrases are "leave the subscription / the
 * list". HAYIR ("no") is an ordinary answer to a reminder, so it is deliberately not an opt-out.
 */
const TURKISH: readonly ConsentKeyword[] = [
  { keyword: "İPTAL", kind: "stop", language: "tr", variants: ["IPTAL"] },
  { keyword: "DUR", kind: "stop", language: "tr" },
  { keyword: "DURDUR", kind: "stop", language: "tr" },
  { keyword: "RET", kind: "stop", language: "tr" },
  { keyword: "ABONELİKTEN ÇIK", kind: "stop", language: "tr", variants: ["ABONELIKTEN CIK"] },
  { keyword: "LİSTEDEN ÇIK", kind: "stop", language: "tr", variants: ["LISTEDEN CIK"] },
  { keyword: "BAŞLA", kind: "start", language: "tr", variants: ["BASLA"] },
  { keyword: "EVET", kind: "start", language: "tr" },
  { keyword: "YARDIM", kind: "help", language: "tr" },
  { keyword: "BİLGİ", kind: "help", language: "tr", variants: ["BILGI"] },
  { keyword: "TAMAM", kind: "done", language: "tr" },
  { keyword: "BİTTİ", kind: "done", language: "tr", variants: ["BITTI"] },
];

/** Every keyword, English first. */
export const CONSENT_KEYWORDS: readonly ConsentKeyword[] = Object.freeze([...ENGLISH, ...TURKISH]);
