import { USER_MESSAGES } from "../../../../functions/domain/providerErrors";
import {
  CALL_MESSAGES,
  callOutcomeFromTwilio,
  receiptFromTwilio,
  statusFromTwilio,
} from "../../../../functions/messaging/twilio/statuses";

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

describe("callOutcomeFromTwilio", () => {
  it.each([
    ["answered", "delivered"],
    ["completed", "delivered"],
    ["busy", "undelivered"],
    ["no-answer", "undelivered"],
    ["failed", "failed"],
    ["canceled", "failed"],
    [" No-Answer ", "undelivered"],
  ])("maps %p to %s", (twilio, ours) => {
    expect(callOutcomeFromTwilio(twilio).status).toBe(ours);
  });

  it.each(["queued", "initiated", "ringing", "in-progress", "", "bogus"])(
    "changes nothing for %p",
    (twilio) => {
      expect(callOutcomeFromTwilio(twilio)).toEqual({});
    },
  );

  it("says in plain words why a call reached no one", () => {
    expect(callOutcomeFromTwilio("no-answer").error).toEqual({
      code: "twilio:call-no-answer",
      message: "Twilio reported the call no-answer",
      userMessage: "The call was not answered",
    });
    expect(callOutcomeFromTwilio("busy").error?.userMessage).toBe("The line was busy");
    expect(callOutcomeFromTwilio("failed").error?.userMessage).toBe(CALL_MESSAGES.failed);
    expect(callOutcomeFromTwilio("completed").error).toBeUndefined();
  });
});

describe("receiptFromTwilio", () => {
  it("reads a delivered message: absolute price, unit, segments, time", () => {
    const at = new Date("2026-01-05T10:00:00Z");
    expect(
      receiptFromTwilio({
        kind: "message",
        status: "delivered",
        price: "-0.00790",
        priceUnit: "USD",
        numSegments: "2",
        errorCode: null,
        at,
      }),
    ).toEqual({ status: "delivered", price: 0.0079, priceUnit: "USD", segments: 2, at });
  });

  it("classifies an undelivered message's error code", () => {
    const receipt = receiptFromTwilio({
      kind: "message",
      status: "undelivered",
      errorCode: 30003,
      errorMessage: "Unreachable destination handset",
    });
    expect(receipt.status).toBe("undelivered");
    expect(receipt.error).toMatchObject({
      code: "twilio:30003",
      message: "Unreachable destination handset",
      userMessage: USER_MESSAGES.unreachable,
    });
  });

  it("gives a plain reason when Twilio gives no error code", () => {
    expect(receiptFromTwilio({ kind: "message", status: "failed" }).error).toEqual({
      code: "twilio:failed",
      message: "Twilio reported the message failed without an error code",
      userMessage: USER_MESSAGES.unknownDelivery,
    });
  });

  it("reads a completed call's duration and price", () => {
    expect(
      receiptFromTwilio({
        kind: "call",
        status: "completed",
        duration: "42",
        price: "-0.013",
        priceUnit: "USD",
      }),
    ).toEqual({ status: "delivered", durationSeconds: 42, price: 0.013, priceUnit: "USD" });
  });

  it("ignores malformed values instead of recording nonsense", () => {
    expect(
      receiptFromTwilio({
        kind: "message",
        status: "queued",
        price: "n/a",
        priceUnit: "USD",
        numSegments: "0",
        at: new Date("not a date"),
      }),
    ).toEqual({});
    expect(
      receiptFromTwilio({ kind: "call", status: "ringing", duration: "-3", price: "" }),
    ).toEqual({});
    expect(
      receiptFromTwilio({ kind: "call", status: "busy", duration: "1.5" }).durationSeconds,
    ).toBeUndefined();
  });

  it("keeps a price of zero (an unanswered call costs nothing)", () => {
    expect(receiptFromTwilio({ kind: "call", status: "no-answer", price: "0" }).price).toBe(0);
  });
});
