/**
 * Email messages on the in-memory delivery store: handed to the Trigger Email extension once,
 * in the claim's transaction, then following what the extension writes back.
 */
import { deliverMessage } from "../../../../functions/services/outbox/delivery";
import { recordMailDelivery } from "../../../../functions/services/outbox/email";
import * as logs from "../../../../functions/logs";
import {
  DELIVERY_SETTINGS,
  MemoryDeliveryStore,
  RecordingProvider,
  queuedMessage,
  type StoredMessage,
} from "../../fakes/memoryDeliveryStore";

// 23:30 in New York: inside the SMS quiet hours, which do not hold email.
const now = new Date("2026-03-11T03:30:00Z");
const ADDRESS = "ada@example.com";
const BODY = "Reminder: Essay <draft> due Friday";

let store: MemoryDeliveryStore;
let provider: RecordingProvider;

function setUp(fields: Partial<StoredMessage> = {}, user: Record<string, unknown> = {}): void {
  store = new MemoryDeliveryStore();
  provider = new RecordingProvider();
  store.users.set("ada", { name: "Ada", email: ADDRESS, ...user });
  store.messages.set(
    "m1",
    queuedMessage(ADDRESS, now, { channel: "email", type: "reminder", body: BODY, ...fields }),
  );
}

const deliver = (when = now) =>
  deliverMessage("m1", { settings: DELIVERY_SETTINGS, provider, now: when, store });
const extensionWrites = (delivery: unknown, mail = store.mail.get("m1")) =>
  recordMailDelivery("m1", { ...mail, delivery }, store, now);

beforeEach(() => {
  for (const name of Object.keys(logs) as (keyof typeof logs)[]) {
    jest.spyOn(logs, name).mockImplementation(() => undefined);
  }
});
afterEach(() => jest.restoreAllMocks());

describe("deliverMessage: email", () => {
  it("writes one mail document in the extension's shape and waits for it in sending", async () => {
    setUp();
    await expect(deliver()).resolves.toBe("handed-off");
    expect(store.mail.get("m1")).toEqual({
      to: ADDRESS,
      messageId: "m1",
      message: {
        subject: "Reminder: Essay <draft> due Friday",
        text: BODY,
        html: "<p>Reminder: Essay &lt;draft&gt; due Friday</p>",
      },
    });
    expect(store.messages.get("m1")).toMatchObject({
      status: "sending",
      attempts: 1,
      provider: "email",
      providerMessageId: "m1",
      claimId: null,
      leaseExpiresAt: null,
    });
    // No SMS provider, no SMS segments, no per-number window.
    expect(provider.received).toEqual([]);
    expect(store.dailySegments.size).toBe(0);
    expect(store.sendWindows.size).toBe(0);
  });

  it("writes nothing more when the trigger is redelivered or runs twice at once", async () => {
    setUp();
    const outcomes = await Promise.all([deliver(), deliver()]);
    expect(outcomes.sort()).toEqual(["handed-off", "not-pending"]);
    await expect(deliver()).resolves.toBe("not-pending");
    expect(store.mail.size).toBe(1);
    expect(store.messages.get("m1")?.attempts).toBe(1);
  });

  it("suppresses it for a user with email_notifications_enabled: false, writing no mail", async () => {
    setUp({ reminderId: "r1" }, { email_notifications_enabled: false });
    store.reminders.set("r1", { lastMessageId: "m1", status: "sending" });
    await expect(deliver()).resolves.toBe("suppressed");
    expect(store.mail.size).toBe(0);
    expect(store.messages.get("m1")).toMatchObject({
      status: "suppressed",
      error: { code: "email_disabled" },
    });
    expect(store.reminders.get("r1")?.errorMessage).toBe(
      "This user has turned off email notifications.",
    );
  });

  it("is not stopped by SMS opt-outs or a user's SMS switch", async () => {
    setUp({}, { sms_notifications_enabled: false });
    store.suppressions.set(ADDRESS, { reason: "STOP", source: "keyword" });
    await expect(deliver()).resolves.toBe("handed-off");
  });
});

describe("recordMailDelivery", () => {
  beforeEach(async () => {
    setUp({ reminderId: "r1" });
    store.reminders.set("r1", { lastMessageId: "m1", status: "sending" });
    await deliver();
  });

  it("records SUCCESS as sent at the extension's endTime, and tells the reminder", async () => {
    const endTime = { toDate: () => new Date("2026-03-11T03:31:00Z") };
    await expect(extensionWrites({ state: "SUCCESS", endTime })).resolves.toBe("sent");
    expect(store.messages.get("m1")).toMatchObject({
      status: "sent",
      sentAt: new Date("2026-03-11T03:31:00Z"),
      error: null,
    });
    expect(store.reminders.get("r1")).toMatchObject({
      status: "sent",
      lastSentAt: new Date("2026-03-11T03:31:00Z"),
    });
    // A redelivered event, or the extension's later writes, change nothing.
    await expect(extensionWrites({ state: "SUCCESS", endTime })).resolves.toBe("not-ours");
    await expect(extensionWrites({ state: "ERROR", error: "late" })).resolves.toBe("not-ours");
    expect(store.messages.get("m1")?.status).toBe("sent");
  });

  it("records ERROR as failed with the extension's error", async () => {
    await expect(extensionWrites({ state: "ERROR", error: "Invalid login: 535" })).resolves.toBe(
      "failed",
    );
    expect(store.messages.get("m1")).toMatchObject({
      status: "failed",
      error: { code: "email_failed", message: "Trigger Email: Invalid login: 535" },
    });
    expect(store.reminders.get("r1")).toMatchObject({
      status: "failed",
      errorMessage: "The email could not be delivered.",
    });
  });

  it("waits while the extension is still at it", async () => {
    for (const state of ["PENDING", "PROCESSING", "RETRY"]) {
      await expect(extensionWrites({ state })).resolves.toBe("pending");
    }
    expect(store.messages.get("m1")?.status).toBe("sending");
  });

  it("leaves mail that is not ours alone (no messageId, or another one)", async () => {
    const success = { state: "SUCCESS" };
    await expect(
      recordMailDelivery("m1", { to: ADDRESS, delivery: success }, store, now),
    ).resolves.toBe("not-ours");
    await expect(
      recordMailDelivery("m1", { messageId: "m2", delivery: success }, store, now),
    ).resolves.toBe("not-ours");
    expect(store.messages.get("m1")?.status).toBe("sending");
  });
});
