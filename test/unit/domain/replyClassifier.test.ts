import { CONSENT_KEYWORDS } from "../../../functions/domain/consentKeywords";
import {
  classifyReply,
  consentKeyword,
  FREE_TEXT_LIMITS,
  type ReplyDecision,
} from "../../../functions/domain/replies";
import type { Language } from "../../../functions/domain/templates";

type Kind = "stop" | "start" | "help" | "done";

const keyword = (kind: Kind, word: string, language: Language): ReplyDecision => ({
  kind,
  match: "keyword",
  keyword: word,
  language,
});

describe("classifyReply: whole-message keywords", () => {
  it.each<[string, ReplyDecision]>([
    ["STOP!!!", keyword("stop", "STOP", "en")],
    ["  stop. ", keyword("stop", "STOP", "en")],
    ["Stop 🛑", keyword("stop", "STOP", "en")],
    ["*UNSUBSCRIBE*", keyword("stop", "UNSUBSCRIBE", "en")],
    ["Opt-Out", keyword("stop", "OPTOUT", "en")],
    ["opt out", keyword("stop", "OPTOUT", "en")],
    ["Arrêt", keyword("stop", "ARRET", "en")],
    ["td", keyword("stop", "TD", "en")],
    ["Yes", keyword("start", "YES", "en")],
    ["info?", keyword("help", "INFO", "en")],
    ["Done ✅", keyword("done", "DONE", "en")],
    // The Turkish i: dotted capital, ASCII capital, dotless small and small all mean İPTAL.
    ["İPTAL", keyword("stop", "İPTAL", "tr")],
    ["IPTAL", keyword("stop", "İPTAL", "tr")],
    ["ıptal", keyword("stop", "İPTAL", "tr")],
    ["iptal", keyword("stop", "İPTAL", "tr")],
    ["İptal.", keyword("stop", "İPTAL", "tr")],
    ["dur", keyword("stop", "DUR", "tr")],
    ["DUR!", keyword("stop", "DUR", "tr")],
    ["ret", keyword("stop", "RET", "tr")],
    ["listeden çık", keyword("stop", "LİSTEDEN ÇIK", "tr")],
    ["ABONELIKTEN CIK", keyword("stop", "ABONELİKTEN ÇIK", "tr")],
    // ASCII-fied Turkish, typed without a Turkish keyboard.
    ["başla", keyword("start", "BAŞLA", "tr")],
    ["BASLA", keyword("start", "BAŞLA", "tr")],
    ["Evet 👍", keyword("start", "EVET", "tr")],
    ["yardım", keyword("help", "YARDIM", "tr")],
    ["YARDIM", keyword("help", "YARDIM", "tr")],
    ["bilgi", keyword("help", "BİLGİ", "tr")],
    ["Tamam", keyword("done", "TAMAM", "tr")],
    ["bitti!", keyword("done", "BİTTİ", "tr")],
    ["BITTI", keyword("done", "BİTTİ", "tr")],
  ])("%p is a keyword", (body, decision) => {
    expect(classifyReply(body)).toEqual(decision);
  });

  // Every keyword of every set, in the table's spelling and its variants, upper and lower case.
  const spellings = CONSENT_KEYWORDS.flatMap((entry) =>
    [entry.keyword, ...(entry.variants ?? [])].flatMap((spelling) => [
      [spelling, entry.keyword, entry.kind, entry.language] as const,
      [
        spelling.toLocaleLowerCase(entry.language),
        entry.keyword,
        entry.kind,
        entry.language,
      ] as const,
    ]),
  );

  it.each(spellings)("%p is %s (%s, %s)", (body, word, kind, language) => {
    expect(classifyReply(body)).toEqual(keyword(kind, word, language));
  });

  it("covers every set of the brief", () => {
    const words = (kind: Kind, language: Language) =>
      CONSENT_KEYWORDS.filter((entry) => entry.kind === kind && entry.language === language)
        .map((entry) => entry.keyword)
        .sort();
    expect(words("stop", "en")).toEqual(
      [
        "ARRET",
        "CANCEL",
        "END",
        "OPTOUT",
        "QUIT",
        "REMOVE",
        "REVOKE",
        "STOP",
        "STOPALL",
        "TD",
        "UNSUBSCRIBE",
      ].sort(),
    );
    expect(words("start", "en")).toEqual(["START", "UNSTOP", "YES"]);
    expect(words("help", "en")).toEqual(["HELP", "INFO"]);
    expect(words("done", "en")).toEqual(["DONE"]);
    expect(words("stop", "tr")).toEqual(
      ["ABONELİKTEN ÇIK", "DUR", "DURDUR", "LİSTEDEN ÇIK", "RET", "İPTAL"].sort(),
    );
    expect(words("start", "tr")).toEqual(["BAŞLA", "EVET"].sort());
    expect(words("help", "tr")).toEqual(["BİLGİ", "YARDIM"].sort());
    expect(words("done", "tr")).toEqual(["BİTTİ", "TAMAM"].sort());
  });

  it("finds the keyword entry itself for callers that need it", () => {
    expect(consentKeyword(" ıptal! ")).toMatchObject({ keyword: "İPTAL", kind: "stop" });
    expect(consentKeyword("iptal edildi mi")).toBeUndefined();
  });
});

describe("classifyReply: free-text revocations", () => {
  it.each<[string, string, Language]>([
    ["please stop texting me", "stop texting", "en"],
    ["Please STOP texting me!!", "stop texting", "en"],
    ["stop sending me messages", "stop sending", "en"],
    ["Can you please stop sending me these messages?", "stop sending", "en"],
    ["stop the reminders", "stop messages", "en"],
    ["how do I stop getting these texts", "stop receiving", "en"],
    ["unsubscribe me", "unsubscribe me", "en"],
    ["opt me out", "opt me out", "en"],
    ["I want to opt out", "wants to leave", "en"],
    ["remove me from this list", "remove me", "en"],
    ["Hi, please remove me from your mailing list, thank you", "remove me", "en"],
    ["remove me please", "remove me", "en"],
    ["take me off your list", "take me off", "en"],
    ["don't text me anymore", "don't text me", "en"],
    ["Don’t text me anymore 😡", "don't text me", "en"],
    ["I don't want these messages", "doesn't want messages", "en"],
    ["no more messages", "no more messages", "en"],
    ["No more texts please.", "no more messages", "en"],
    ["please stop", "stop", "en"],
    ["STOP STOP", "stop", "en"],
    ["🙏 stop now, thanks", "stop", "en"],
    ["beni listeden çıkar", "listeden çıkar", "tr"],
    ["BENI LISTEDEN CIKAR", "listeden çıkar", "tr"],
    ["listenizden çıkmak istiyorum", "listeden çıkar", "tr"],
    ["mesaj göndermeyin", "mesaj göndermeyin", "tr"],
    ["Artık mesaj atmayın!", "mesaj göndermeyin", "tr"],
    ["artik mesaj atmayin", "mesaj göndermeyin", "tr"],
    ["mesajları göndermeyi bırakın", "mesaj göndermeyin", "tr"],
    ["bana mesaj atma", "mesaj atma", "tr"],
    ["artık mesaj istemiyorum", "mesaj istemiyorum", "tr"],
    ["aboneliğimi iptal et", "aboneliğimi iptal et", "tr"],
    ["ABONELİĞİMİ İPTAL EDİN", "aboneliğimi iptal et", "tr"],
    ["aboneligimi iptal et", "aboneliğimi iptal et", "tr"],
  ])("%p revokes consent (%s)", (body, rule, language) => {
    const decision = classifyReply(body);
    expect(decision).toEqual({
      kind: "stop",
      match: "free-text",
      reason: expect.stringMatching(new RegExp(`^${rule}: ".+"$`)),
      language,
    });
  });

  it("names the words it matched in the reason", () => {
    expect(classifyReply("please stop texting me")).toMatchObject({
      reason: 'stop texting: "stop texting me"',
    });
    expect(classifyReply("beni listeden çıkar")).toMatchObject({
      reason: 'listeden çıkar: "listeden cikar"',
    });
  });
});

describe("classifyReply: not a revocation", () => {
  it.each([
    "stop by my office tomorrow",
    "can you stop by at 5",
    "I can't stop laughing",
    "when does the course end?",
    "don't stop believing",
    "I will cancel my appointment",
    "done with chapter 3, what's next?",
    "yes I will be there",
    "please stop the reminders for chapter 3 because I have already finished every single lesson",
    "Hi, I used to be a student here but I finished last year, so please stop texting me",
    "durum nedir",
    "duruyor mu",
    "dur bir dakika",
    "iptal edildi mi ders?",
    "ders iptal mi",
    "cancel please",
    "iptal lütfen",
    "please don't stop sending me reminders",
    "why did you stop sending reminders?",
    "does it stop sending texts on Sundays?",
    "don't unsubscribe me",
    "don't text me before 9am",
    "no more reminders for today",
    "stop sending the invoice to my old address",
    "remove me from the meeting",
    "listeden çıkarmayın",
    "mesaj atma saatini değiştirin",
    "mesajlarınızı göndermeyi bırakmayın",
    "stopp",
    "ok",
    "",
    "   ",
    "🙂🙂",
  ])("%p is none", (body) => {
    expect(classifyReply(body)).toEqual({ kind: "none" });
  });

  it("reads free text only up to the limits", () => {
    const revocation = "please stop texting me";
    const padded = (words: number) =>
      `${Array.from({ length: words - 4 }, () => "ok").join(" ")} ${revocation}`;
    expect(classifyReply(padded(FREE_TEXT_LIMITS.maxWords)).kind).toBe("stop");
    expect(classifyReply(padded(FREE_TEXT_LIMITS.maxWords + 1)).kind).toBe("none");
    const longWords = `${"x".repeat(FREE_TEXT_LIMITS.maxCharacters - revocation.length - 1)} ${revocation}`;
    expect(classifyReply(longWords).kind).toBe("stop");
    expect(classifyReply(`y${longWords}`).kind).toBe("none");
  });

  it("still honours a keyword however long the limits are", () => {
    expect(classifyReply(`  ${"!".repeat(200)} STOP ${"🛑".repeat(50)}`)).toEqual(
      keyword("stop", "STOP", "en"),
    );
  });
});
