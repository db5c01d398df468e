import { replyKeyword } from "../../../functions/domain/replies";

describe("replyKeyword", () => {
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
    expect(replyKeyword(body)).toBe(keyword);
  });

  it.each(["please stop the reminders", "stopp", "", "   ", "ok", "STOP STOP", "yardım"])(
    "%p is not a keyword",
    (body) => {
      expect(replyKeyword(body)).toBeUndefined();
    },
  );

  it("is not fooled by the Turkish dotted capital I", () => {
    // toUpperCase in a Turkish locale would turn "quit" into "QUİT"; matching uses en-US.
    expect(replyKeyword("quit")).toBe("stop");
  });
});
