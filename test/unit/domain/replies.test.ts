import { consentKeyword, normalizeReply } from "../../../functions/domain/replies";

/** The kind of the whole-message keyword a reply is, if it is one. */
const keywordKind = (body: string) => consentKeyword(body)?.kind;

describe("consentKeyword", () => {
  it.each([
    ["STOP", "stop"],
    ["stop", "stop"],
    [" Stop. ", "stop"],
    ["STOPALL", "stop"],
    ["unsubscribe", "stop"],
    ["CANCEL", "stop"],
    ["end", "stop"],
    ["Quit!", "stop"],
    ["START", "start"],
    ["unstop", "start"],
    ["help", "help"],
    ["HELP?", "help"],
  ])("%p is %s", (body, keyword) => {
    expect(keywordKind(body)).toBe(keyword);
  });

  it.each(["please stop the reminders", "stopp", "", "   ", "ok", "STOP STOP"])(
    "%p is not a keyword",
    (body) => {
      expect(keywordKind(body)).toBeUndefined();
    },
  );

  it("is not fooled by the Turkish dotted capital I", () => {
    // toUpperCase in a Turkish locale would turn "quit" into "QUİT"; matching uses en-US.
    expect(keywordKind("quit")).toBe("stop");
  });
});

describe("consentKeyword with the wider keyword sets", () => {
  it.each([
    ["REVOKE", "stop"],
    ["opt-out", "stop"],
    ["Opt Out", "stop"],
    ["optout", "stop"],
    ["remove", "stop"],
    ["ARRÊT", "stop"],
    ["arret", "stop"],
    ["TD", "stop"],
    ["Yes!", "start"],
    ["info", "help"],
    ["STOP 2", "stop"],
  ])("%p is %s", (body, keyword) => {
    expect(keywordKind(body)).toBe(keyword);
  });

  it.each([
    ["DONE", "done"],
    ["done!", "done"],
    ["İPTAL", "stop"],
    ["iptal", "stop"],
    ["başla", "start"],
    ["BİLGİ", "help"],
    ["yardım", "help"],
    ["tamam", "done"],
  ])("%p is %s, with its language", (body, kind) => {
    expect(keywordKind(body)).toBe(kind);
    expect(consentKeyword(body)?.language).toBe(/^(done|DONE)/.test(body) ? "en" : "tr");
  });
});

describe("normalizeReply", () => {
  it.each([
    ["  STOP!!!  ", "stop"],
    [" stop. ", "stop"],
    ["🙏 please   STOP 🛑", "please stop"],
    ["Stop\tsending\nme messages", "stop sending me messages"],
    ["*STOP*", "stop"],
    ["STOP 2", "stop"],
    ["done with chapter 3, what's next?", "done with chapter 3 what's next"],
    ["Don’t text me", "don't text me"],
    ["'stop'", "stop"],
    ["opt-out", "optout"],
    ["opt out", "optout"],
    ["OPT  -  OUT", "optout"],
    ["optout", "optout"],
    ["ARRÊT", "arret"],
    ["İPTAL", "iptal"],
    ["IPTAL", "iptal"],
    ["ıptal", "iptal"],
    ["İptal", "iptal"],
    ["I\u0307PTAL", "iptal"],
    ["BAŞLA", "basla"],
    ["Çık", "cik"],
    ["aboneliğimi", "aboneligimi"],
    ["göndermeyin", "gondermeyin"],
    ["DÜŞÜNÜYORUM", "dusunuyorum"],
    ["ＳＴＯＰ", "stop"],
    ["", ""],
    ["  ... 🙂 ", ""],
  ])("%p becomes %p", (body, key) => {
    expect(normalizeReply(body)).toBe(key);
  });

  it("gives a Turkish word and its ASCII spelling the same key", () => {
    expect(normalizeReply("LİSTEDEN ÇIK")).toBe(normalizeReply("listeden cik"));
    expect(normalizeReply("Bitti")).toBe(normalizeReply("BİTTİ"));
  });

  it("does not read a Turkish-locale upper case into an English word", () => {
    expect(normalizeReply("QUİT")).toBe("quit");
    expect(normalizeReply("quıt")).toBe("quit");
  });
});
