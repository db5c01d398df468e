/** Status callbacks of messages and calls on an in-memory store, and the webhook's body schema. */
import {
  applyStatusCallback,
  type StatusReport,
} from "../../../../functions/services/messages/statusCallback";
import { statusCallbackSchema } from "../../../../functions/webhooks/twilioRequests";
import { MemoryReceiptStore, sentMessage } from "../../fakes/memoryReceiptStore";

const NOW = new Date("2026-11-24T15:00:00Z");
const SENT_AT = new Date("2026-11-24T14:59:00Z");
const CALL = `CA${"1".repeat(32)}`;
const SMS = `SM${"2".repeat(32)}`;

let store: MemoryReceiptStore;

beforeEach(() => {
  store = new MemoryReceiptStore();
  store.messages.set(
    "call",
    sentMessage(SENT_AT, { channel: "voice", providerMessageId: CALL, reminderId: "r1" }),
  );
  store.reminders.set("r1", { lastMessageId: "call", status: "sent", errorMessage: null });
  store.messages.set("sms", sentMessage(SENT_AT, { providerMessageId: SMS }));
});

const callback = (fields: Partial<StatusReport>) =>
  applyStatusCallback(
    { messageId: "call", kind: "call", providerMessageId: CALL, providerStatus: "", ...fields },
    NOW,
    store,
  );

describe("a call's status callback", () => {
  it("no-answer: undelivered, with a plain reason, and the reminder says so", async () => {
    expect(await callback({ providerStatus: "no-answer", duration: "0" })).toBe("updated");
    expect(store.messages.get("call")).toMatchObject({
      status: "undelivered",
      error: { code: "twilio:call-no-answer", userMessage: "The call was not answered" },
    });
    expect(store.reminders.get("r1")).toMatchObject({
      status: "sent",
      errorMessage: "The call was not answered",
    });
  });

  it("busy: undelivered, the line was busy", async () => {
    await callback({ providerStatus: "busy" });
    expect(store.messages.get("call")?.error?.userMessage).toBe("The line was busy");
  });

  it("completed: delivered with its duration; the reminder keeps no error", async () => {
    store.reminders.set("r1", { lastMessageId: "call", status: "sent", errorMessage: "old" });
    await callback({ providerStatus: "completed", duration: "42" });
    expect(store.messages.get("call")).toMatchObject({
      status: "delivered",
      duration: 42,
      deliveredAt: NOW,
    });
    expect(store.reminders.get("r1")).toMatchObject({ errorMessage: null, lastSentAt: SENT_AT });
  });

  it.each(["initiated", "ringing", "in-progress", "queued"])(
    "%s changes nothing",
    async (status) => {
      const before = structuredClone(store.messages.get("call"));
      expect(await callback({ providerStatus: status })).toBe("ignored");
      expect(store.messages.get("call")).toEqual(before);
    },
  );

  it("failed and canceled are failed", async () => {
    await callback({ providerStatus: "canceled" });
    expect(store.messages.get("call")).toMatchObject({
      status: "failed",
      error: { code: "twilio:call-canceled" },
    });
  });

  it("a late no-answer never undoes a completed call, nor its duration", async () => {
    await callback({ providerStatus: "completed", duration: "12" });
    expect(await callback({ providerStatus: "no-answer", duration: "0" })).toBe("ignored");
    expect(store.messages.get("call")).toMatchObject({ status: "delivered", duration: 12 });
    expect(store.reminders.get("r1")?.errorMessage).toBeNull();
  });

  it("ignores a callback for another call SID, and an unknown message", async () => {
    expect(
      await callback({ providerMessageId: `CA${"9".repeat(32)}`, providerStatus: "busy" }),
    ).toBe("ignored");
    expect(await callback({ messageId: "nope", providerStatus: "busy" })).toBe("unknown-message");
    expect(store.messages.get("call")?.status).toBe("sent");
  });
});

describe("a message's status callback", () => {
  const sms = (fields: Partial<StatusReport>) =>
    applyStatusCallback(
      { kind: "message", providerMessageId: SMS, providerStatus: "delivered", ...fields },
      NOW,
      store,
    );

  it("delivered with a price settles it: reconciliation has nothing left to ask", async () => {
    await sms({ price: "-0.0079", priceUnit: "USD" });
    expect(store.messages.get("sms")).toMatchObject({
      status: "delivered",
      price: 0.0079,
      priceUnit: "USD",
      reconcileAfter: null,
    });
  });

  it("delivered without a price leaves it for reconciliation to price", async () => {
    await sms({});
    expect(store.messages.get("sms")?.reconcileAfter).toEqual(new Date("2026-11-24T15:09:00Z"));
  });

  it("Twilio's sent, before our own send recorded it, schedules a reconciliation check", async () => {
    store.messages.set("sending", {
      ...sentMessage(SENT_AT, { providerMessageId: null }),
      status: "sending",
      reconcileAfter: null,
    });
    await applyStatusCallback(
      { messageId: "sending", kind: "message", providerMessageId: SMS, providerStatus: "sent" },
      NOW,
      store,
    );
    expect(store.messages.get("sending")).toMatchObject({
      status: "sent",
      providerMessageId: SMS,
      reconcileAfter: new Date("2026-11-24T15:10:00Z"),
    });
  });

  it("a price arriving on a final message is recorded without a status change", async () => {
    await sms({});
    expect(await sms({ providerStatus: "sent", price: "-0.0079" })).toBe("updated");
    expect(store.messages.get("sms")).toMatchObject({ status: "delivered", price: 0.0079 });
  });
});

describe("statusCallbackSchema", () => {
  it("reads a message's callback", () => {
    const parsed = statusCallbackSchema.parse({
      MessageSid: SMS,
      MessageStatus: "undelivered",
      ErrorCode: "30003",
      AccountSid: "AC1",
    });
    expect(parsed).toMatchObject({ kind: "message", sid: SMS, status: "undelivered" });
    expect(parsed.errorCode).toBe("30003");
  });

  it("reads a call's callback", () => {
    expect(
      statusCallbackSchema.parse({ CallSid: CALL, CallStatus: "completed", CallDuration: "42" }),
    ).toMatchObject({ kind: "call", sid: CALL, status: "completed", duration: "42" });
  });

  it.each([
    {},
    { CallSid: CALL },
    { MessageStatus: "delivered" },
    { CallSid: "", CallStatus: "busy" },
  ])("refuses %j", (body) => {
    expect(statusCallbackSchema.safeParse(body).success).toBe(false);
  });
});
