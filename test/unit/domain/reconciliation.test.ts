import {
  CLOSE_AFTER_MS,
  decideReconciliation,
  firstCheckAt,
  isSettled,
  receiptEffect,
  type DeliveryReceipt,
  type ReceiptTarget,
} from "../../../functions/domain/reconciliation";
import { MESSAGE_STATUSES, canTransition } from "../../../functions/domain/messageStatus";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SENT_AT = new Date("2026-03-08T06:30:00Z"); // the night US clocks change: no effect
const after = (ms: number) => new Date(SENT_AT.getTime() + ms);

function message(fields: Partial<ReceiptTarget> = {}) {
  return {
    status: "sent" as const,
    price: null,
    segments: 1,
    duration: null,
    sentAt: SENT_AT,
    ...fields,
  };
}

const delivered: DeliveryReceipt = {
  status: "delivered",
  price: 0.0079,
  priceUnit: "USD",
  segments: 2,
  at: after(2 * MINUTE),
};

describe("firstCheckAt", () => {
  it("is 10 minutes after the send", () => {
    expect(firstCheckAt(SENT_AT)).toEqual(after(10 * MINUTE));
  });
});

describe("decideReconciliation", () => {
  it("records a sent message delivered, with price, unit and segments, and closes it", () => {
    const decision = decideReconciliation(message(), delivered, after(11 * MINUTE));
    expect(decision).toEqual({
      to: "delivered",
      fields: { deliveredAt: after(2 * MINUTE), price: 0.0079, priceUnit: "USD", segments: 2 },
      nextCheckAt: null,
    });
  });

  it("keeps a delivered message without a price open, and looks again in 30 minutes", () => {
    const now = after(11 * MINUTE);
    const decision = decideReconciliation(message(), { status: "delivered" }, now);
    expect(decision.to).toBe("delivered");
    expect(decision.fields.deliveredAt).toEqual(now);
    expect(decision.nextCheckAt).toEqual(new Date(now.getTime() + 30 * MINUTE));
  });

  it("writes a late price on a final message without a status change", () => {
    const decision = decideReconciliation(
      message({ status: "delivered" }),
      delivered,
      after(3 * HOUR),
    );
    expect(decision.to).toBeUndefined();
    expect(decision.fields).toEqual({ price: 0.0079, priceUnit: "USD", segments: 2 });
    expect(decision.nextCheckAt).toBeNull();
  });

  it("never leaves a final status, whatever the provider says later", () => {
    const failed: DeliveryReceipt = {
      status: "failed",
      error: { code: "twilio:30008", message: "x", userMessage: "y" },
    };
    for (const status of ["delivered", "undelivered", "failed"] as const) {
      const decision = decideReconciliation(message({ status }), failed, after(HOUR));
      expect(decision.to).toBeUndefined();
      expect(decision.fields.error).toBeUndefined();
    }
  });

  it("records an undelivered message with its error code and plain reason", () => {
    const error = { code: "twilio:30003", message: "Unreachable", userMessage: "The phone..." };
    const decision = decideReconciliation(
      message(),
      { status: "undelivered", error, price: 0 },
      after(HOUR),
    );
    expect(decision).toMatchObject({ to: "undelivered", fields: { error, price: 0 } });
    expect(decision.nextCheckAt).toBeNull(); // a price of 0 is a price
  });

  it("closes a message still sent after 72 hours as deliveryUnknown", () => {
    const now = after(CLOSE_AFTER_MS + MINUTE);
    expect(decideReconciliation(message(), { status: "sent" }, now)).toEqual({
      fields: {},
      deliveryUnknown: true,
      nextCheckAt: null,
    });
    // Twilio could not be asked: closed all the same.
    expect(decideReconciliation(message(), undefined, now)).toMatchObject({
      deliveryUnknown: true,
      nextCheckAt: null,
    });
  });

  it("still records a final status learned at the 72nd hour instead of closing as unknown", () => {
    const decision = decideReconciliation(message(), delivered, after(CLOSE_AFTER_MS));
    expect(decision.to).toBe("delivered");
    expect(decision.deliveryUnknown).toBeUndefined();
  });

  it("stops asking for the price of a final message after 72 hours, without deliveryUnknown", () => {
    const decision = decideReconciliation(
      message({ status: "failed" }),
      { status: "failed" },
      after(CLOSE_AFTER_MS),
    );
    expect(decision).toEqual({ fields: {}, nextCheckAt: null });
  });

  it("looks again after half the message's age, never past its closing time", () => {
    const day = decideReconciliation(message(), { status: "sent" }, after(24 * HOUR));
    expect(day.nextCheckAt).toEqual(after(36 * HOUR));
    const late = decideReconciliation(message(), undefined, after(60 * HOUR));
    expect(late.nextCheckAt).toEqual(after(CLOSE_AFTER_MS));
  });

  it("waits at least 30 minutes, even for a clock that reads before the send", () => {
    const now = after(-5 * MINUTE);
    const decision = decideReconciliation(message(), undefined, now);
    expect(decision.nextCheckAt).toEqual(new Date(now.getTime() + 30 * MINUTE));
  });

  it("ignores messages a check cannot learn about (pending, suppressed, cancelled)", () => {
    for (const status of ["queued", "sending", "suppressed", "cancelled"] as const) {
      expect(decideReconciliation(message({ status }), delivered, after(HOUR))).toEqual({
        fields: {},
        nextCheckAt: null,
      });
    }
  });

  it("is idempotent: the same receipt on the recorded result changes nothing", () => {
    const now = after(HOUR);
    const first = decideReconciliation(message(), delivered, now);
    const recorded = message({ status: first.to, price: 0.0079, segments: 2 });
    expect(decideReconciliation(recorded, delivered, now)).toEqual({
      fields: {},
      nextCheckAt: null,
    });
  });
});

describe("receiptEffect", () => {
  it("moves only where the status machine allows", () => {
    for (const from of MESSAGE_STATUSES) {
      for (const to of MESSAGE_STATUSES) {
        const effect = receiptEffect(message({ status: from }), { status: to }, after(HOUR));
        expect(effect.to).toBe(canTransition(from, to) ? to : undefined);
      }
    }
  });

  it("records a call's duration only when it is new", () => {
    const call = message({ duration: 42 });
    expect(receiptEffect(call, { durationSeconds: 42 }, after(HOUR)).fields).toEqual({});
    expect(receiptEffect(call, { durationSeconds: 43 }, after(HOUR)).fields).toEqual({
      duration: 43,
    });
  });

  it("takes from a receipt that contradicts the status only a missing price", () => {
    const answered = message({ status: "delivered", duration: 30, price: null });
    const stale = { status: "undelivered" as const, durationSeconds: 0, price: 0, segments: 3 };
    expect(receiptEffect(answered, stale, after(HOUR)).fields).toEqual({
      price: 0,
      priceUnit: null,
    });
    const priced = message({ status: "delivered", duration: 30, price: 0.013 });
    expect(receiptEffect(priced, stale, after(HOUR)).fields).toEqual({});
    expect(receiptEffect(priced, { status: "sent", price: 0.02 }, after(HOUR)).fields).toEqual({});
  });

  it("records a price without a unit as such", () => {
    expect(receiptEffect(message(), { price: 0.01 }, after(HOUR)).fields).toEqual({
      price: 0.01,
      priceUnit: null,
    });
  });
});

describe("isSettled", () => {
  it.each([
    ["delivered", 0.0079, true],
    ["delivered", 0, true],
    ["delivered", null, false],
    ["sent", 0.0079, false],
    ["failed", null, false],
  ] as const)("%s with price %p: %p", (status, price, settled) => {
    expect(isSettled(status, price)).toBe(settled);
  });
});
