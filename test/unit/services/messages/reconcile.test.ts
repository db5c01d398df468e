/** The reconciliation job on an in-memory store and a scripted provider. */
import { reconcileMessages } from "../../../../functions/services/messages/reconcile";
import {
  MemoryReceiptStore,
  ScriptedStatusSource,
  sentMessage,
} from "../../fakes/memoryReceiptStore";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NOW = new Date("2026-11-24T15:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const sid = (n: number) => `SM${String(n).padStart(32, "0")}`;
const callSid = (n: number) => `CA${String(n).padStart(32, "0")}`;

let store: MemoryReceiptStore;
let source: ScriptedStatusSource;

beforeEach(() => {
  store = new MemoryReceiptStore();
  source = new ScriptedStatusSource();
});

const run = (overrides: Partial<Parameters<typeof reconcileMessages>[0]> = {}) =>
  reconcileMessages({ now: NOW, source, store, ...overrides });

describe("reconcileMessages", () => {
  it("fetches only the messages due, and records delivered with price and segments", async () => {
    store.messages.set("due", sentMessage(ago(11 * MINUTE), { providerMessageId: sid(1) }));
    store.messages.set("young", sentMessage(ago(5 * MINUTE), { providerMessageId: sid(2) }));
    store.messages.set("settled", {
      ...sentMessage(ago(HOUR), { providerMessageId: sid(3) }),
      status: "delivered",
      price: 0.0079,
      reconcileAfter: null,
    });
    source.receipts.set(sid(1), {
      status: "delivered",
      price: 0.0079,
      priceUnit: "USD",
      segments: 2,
    });

    const report = await run();

    expect(source.lookups).toEqual([{ providerMessageId: sid(1), channel: "sms" }]);
    expect(store.messages.get("due")).toMatchObject({
      status: "delivered",
      price: 0.0079,
      priceUnit: "USD",
      segments: 2,
      deliveredAt: NOW,
      reconcileAfter: null,
    });
    expect(report).toMatchObject({ checked: 1, delivered: 1, priced: 1, pending: 0, more: false });
  });

  it("does nothing more when run again at the same time", async () => {
    store.messages.set("m", sentMessage(ago(HOUR), { providerMessageId: sid(1) }));
    source.receipts.set(sid(1), { status: "delivered" });
    await run();
    const before = structuredClone(store.messages.get("m"));

    const again = await run();

    expect(again.checked).toBe(0);
    expect(source.lookups).toHaveLength(1);
    expect(store.messages.get("m")).toEqual(before);
  });

  it("picks up a late price on a later run, without a status change", async () => {
    store.messages.set("m", sentMessage(ago(HOUR), { providerMessageId: sid(1) }));
    source.receipts.set(sid(1), { status: "delivered" });
    await run();
    expect(store.messages.get("m")).toMatchObject({ status: "delivered", price: null });
    const nextCheck = store.messages.get("m")?.reconcileAfter as Date;
    expect(nextCheck.getTime()).toBe(NOW.getTime() + 30 * MINUTE);

    source.receipts.set(sid(1), { status: "delivered", price: 0.0079, priceUnit: "USD" });
    const later = await run({ now: new Date(NOW.getTime() + HOUR) });

    expect(later).toMatchObject({ checked: 1, delivered: 0, priced: 1 });
    expect(store.messages.get("m")).toMatchObject({
      status: "delivered",
      price: 0.0079,
      deliveredAt: NOW,
      reconcileAfter: null,
    });
  });

  it("records an undelivered message's reason and tells its reminder", async () => {
    store.messages.set(
      "m",
      sentMessage(ago(HOUR), { providerMessageId: sid(1), reminderId: "r1" }),
    );
    store.reminders.set("r1", { lastMessageId: "m", status: "sent", errorMessage: null });
    const error = { code: "twilio:30003", message: "Unreachable", userMessage: "Phone off." };
    source.receipts.set(sid(1), { status: "undelivered", error, price: 0.0079 });

    const report = await run();

    expect(report.undelivered).toBe(1);
    expect(store.messages.get("m")).toMatchObject({ status: "undelivered", error });
    expect(store.reminders.get("r1")).toMatchObject({ status: "sent", errorMessage: "Phone off." });
  });

  it("asks about a call as a call, and records its outcome and duration", async () => {
    store.messages.set(
      "call",
      sentMessage(ago(HOUR), { channel: "voice", providerMessageId: callSid(1) }),
    );
    source.receipts.set(callSid(1), { status: "delivered", durationSeconds: 42, price: 0.013 });

    await run();

    expect(source.lookups).toEqual([{ providerMessageId: callSid(1), channel: "voice" }]);
    expect(store.messages.get("call")).toMatchObject({
      status: "delivered",
      duration: 42,
      price: 0.013,
    });
  });

  it("never leaves a final status, and still records the price", async () => {
    store.messages.set("m", {
      ...sentMessage(ago(HOUR), { providerMessageId: sid(1) }),
      status: "delivered",
    });
    source.receipts.set(sid(1), {
      status: "failed",
      error: { code: "twilio:30008", message: "x", userMessage: "y" },
      price: 0.0079,
    });

    await run();

    expect(store.messages.get("m")).toMatchObject({ status: "delivered", price: 0.0079 });
    expect(store.messages.get("m")?.error).toBeUndefined();
  });

  it("closes a message with no final status after 72 hours as deliveryUnknown", async () => {
    store.messages.set("old", {
      ...sentMessage(ago(73 * HOUR), { providerMessageId: sid(1) }),
      reconcileAfter: ago(HOUR),
    });
    source.receipts.set(sid(1), { status: "sent" });

    const report = await run();

    expect(report.closed).toBe(1);
    expect(store.messages.get("old")).toMatchObject({
      status: "sent",
      deliveryUnknown: true,
      reconcileAfter: null,
    });
  });

  it("when Twilio cannot be asked, looks again later, and closes at 72 hours all the same", async () => {
    store.messages.set("young", sentMessage(ago(HOUR), { providerMessageId: sid(1) }));
    store.messages.set("old", {
      ...sentMessage(ago(72 * HOUR), { providerMessageId: sid(2) }),
      reconcileAfter: ago(MINUTE),
    });
    source.receipts.set(sid(1), new Error("socket hang up"));

    const report = await run();

    expect(report).toMatchObject({ checked: 2, fetchErrors: 2, pending: 1, closed: 1 });
    expect(store.messages.get("young")?.status).toBe("sent");
    expect(store.messages.get("young")?.reconcileAfter?.getTime()).toBe(
      NOW.getTime() + 30 * MINUTE,
    );
    expect(store.messages.get("old")).toMatchObject({ deliveryUnknown: true });
  });

  it("checks at most its cap per run, and the next run continues with the others", async () => {
    for (let i = 0; i < 250; i++) {
      store.messages.set(`m${i}`, {
        ...sentMessage(ago(2 * HOUR), { providerMessageId: sid(i) }),
        reconcileAfter: ago(HOUR - i * 1000),
      });
      source.receipts.set(sid(i), { status: "delivered", price: 0.0079 });
    }

    const first = await run({ maxPerRun: 120 });
    expect(first).toMatchObject({ checked: 120, more: true });
    expect(store.dueRead).toBe(122); // two pages, each with one more to see that others follow
    expect(store.messages.get("m0")?.status).toBe("delivered"); // the longest due first
    expect(store.messages.get("m120")?.status).toBe("sent");

    const second = await run({ maxPerRun: 120 });
    const third = await run({ maxPerRun: 120 });
    expect(second).toMatchObject({ checked: 120, more: true });
    expect(third).toMatchObject({ checked: 10, more: false });
    expect(new Set(source.lookups.map((l) => l.providerMessageId)).size).toBe(250);
  });

  it("stops at its time budget, leaving the rest due", async () => {
    store.messages.set("m", sentMessage(ago(HOUR), { providerMessageId: sid(1) }));
    let now = 0;
    const report = await run({ budgetMs: 1000, clock: () => (now += 2000) });
    expect(report).toMatchObject({ checked: 0, more: true });
    expect(source.lookups).toHaveLength(0);
  });

  it("skips a message the status callback settled while Twilio was being asked", async () => {
    store.messages.set("m", sentMessage(ago(HOUR), { providerMessageId: sid(1) }));
    const settle = () => {
      const message = store.messages.get("m");
      if (message)
        Object.assign(message, { status: "delivered", price: 0.0079, reconcileAfter: null });
      return { status: "failed" as const };
    };
    source.fetchStatus = async (lookup) => {
      source.lookups.push(lookup);
      return settle();
    };

    const report = await run();

    expect(report.checked).toBe(0);
    expect(store.messages.get("m")).toMatchObject({ status: "delivered", reconcileAfter: null });
  });
});
