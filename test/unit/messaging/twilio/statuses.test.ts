import { statusFromTwilio } from "../../../../functions/messaging/twilio/statuses";

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
