import { replyKeyword, statusFromTwilio } from "../../../functions/domain/twilioWebhooks";

describe("statusFromTwilio", () => {
  it.each([
    ["delivered", "delivered"],
    ["read", "delivered"],
    ["undelivered", "undelivered"],
    ["failed", "failed"],
    ["sent", "sent"],
    ["canceled", "cancelled"],
    ["DELIVERED", "delivered"],
  ])("maps %s to %s", (twilio, ours) => {
    expect(statusFromTwilio(twilio)).toBe(ours);
  });

  it.each(["queued", "accepted", "sending", "scheduled", "receiving", "", "bogus"])(
    "ignores %p",
    (twilio) => {
      expect(statusFromTwilio(twilio)).toBeUndefined();
    },
  );
});

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
