import { deliverMessage, LEASE_MS } from "../../../../functions/services/outbox/delivery";
import { backoffDelayMs } from "../../../../functions/domain/backoff";
import { countryNotAllowedError } from "../../../../functions/domain/countries";
import { USER_MESSAGES } from "../../../../functions/domain/providerErrors";
import { REDACTED } from "../../../../functions/domain/sensitive";
import type { Settings } from "../../../../functions/params";
import * as logs from "../../../../functions/logs";
import {
  DELIVERY_SETTINGS,
  MemoryDeliveryStore,
  RecordingProvider,
  queuedMessage,
  twilioError,
  type Reply,
  type StoredMessage,
  type StoredReminder,
} from "../../fakes/memoryDeliveryStore";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// 10:00 in New York: outside the default quiet hours.
const now = new Date("2026-03-10T15:00:00Z");
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);
const ADA = "+15555550123";
/** A German mobile: Germany is not in the allowed countries. */
const ABROAD = "+4915123456789";
const message = (fields: Partial<StoredMessage> = {}) => queuedMessage(ADA, now, fields);

let store: MemoryDeliveryStore;
let provider: RecordingProvider;

function setUp(replies: Reply[] = [], fields: Partial<StoredMessage> = {}): void {
  store = new MemoryDeliveryStore();
  provider = new RecordingProvider(replies);
  store.users.set("ada", { name: "Ada", phone_number: ADA });
  store.messages.set("m1", message(fields));
}

const deliver = (messageId = "m1", overrides: Partial<Settings> = {}, when = now) =>
  deliverMessage(messageId, {
    settings: { ...DELIVERY_SETTINGS, ...overrides },
    provider,
    now: when,
    random: () => 0,
    store,
  });

const stored = (messageId = "m1") => store.messages.get(messageId);

beforeEach(() => {
  // Silenced, and spied on where a test checks that a line is still written.
  for (const name of Object.keys(logs) as (keyof typeof logs)[]) {
    jest.spyOn(logs, name).mockImplementation(() => undefined);
  }
});
afterEach(() => jest.restoreAllMocks());

describe("deliverMessage: sending", () => {
  it("sends a queued message once and records it sent with the provider's id and price", async () => {
    setUp();
    await expect(deliver()).resolves.toBe("sent");
    const { body, channel, language } = message();
    const outbound = { to: ADA, body, channel, language, messageId: "m1", sensitive: false };
    expect(provider.received).toEqual([outbound]);
    expect(stored()).toMatchObject({
      status: "sent",
      attempts: 1,
      provider: "twilio",
      providerMessageId: "SM1",
      price: 0.0079,
      priceUnit: "USD",
      error: null,
      sentAt: now,
      claimId: null,
      leaseExpiresAt: null,
    });
    expect(store.dailySegments.get("2026-03-10")).toBe(1);
    expect(logs.messageSent).toHaveBeenCalledWith("m1", "twilio", "SM1", ADA);
  });

  it("sends once when the trigger is redelivered: the second delivery is not-pending", async () => {
    setUp();
    await deliver();
    await expect(deliver()).resolves.toBe("not-pending");
    expect(provider.received).toHaveLength(1);
    expect(stored()?.attempts).toBe(1);
  });

  it("sends once when the trigger and the sweep deliver at the same moment", async () => {
    setUp();
    const outcomes = await Promise.all([deliver(), deliver()]);
    expect(outcomes.sort()).toEqual(["not-pending", "sent"]);
    expect(provider.received).toHaveLength(1);
    expect(store.contentions).toBeGreaterThan(0);
  });

  it("does not send a cancelled message", async () => {
    setUp([], { status: "cancelled" });
    await expect(deliver()).resolves.toBe("not-pending");
    expect(provider.received).toHaveLength(0);
    expect(stored()?.status).toBe("cancelled");
  });

  it("blanks a sign-in code's body once it is sent, and tells the provider it is secret", async () => {
    setUp([], { type: "2fa_code", body: "Your code is 123456" });
    await deliver();
    expect(provider.received[0]).toMatchObject({ body: "Your code is 123456", sensitive: true });
    expect(stored()).toMatchObject({ status: "sent", body: REDACTED });
  });

  it("keeps the number's sends of the last hour, extended by each send", async () => {
    setUp();
    store.messages.set("m2", message());
    store.sendWindows.set(ADA, { sentAt: [at(-61 * MINUTE), at(-40 * MINUTE)], expireAt: now });
    await deliver("m1");
    await deliver("m2", {}, at(MINUTE));
    const sentAt = [at(-40 * MINUTE), now, at(MINUTE)];
    expect(store.sendWindows.get(ADA)).toEqual({ sentAt, expireAt: at(61 * MINUTE) });
  });

  it("sends during the recipient's quiet hours: they were applied when the message was queued", async () => {
    setUp();
    const threeAmInNewYork = new Date("2026-03-10T07:00:00Z");
    await expect(deliver("m1", {}, threeAmInNewYork)).resolves.toBe("sent");
  });
});

describe("deliverMessage: policy at the claim", () => {
  const optedOut = { reason: "STOP", source: "keyword" as const, keyword: "STOP" };

  /** Delivers m1, expecting the claim to stop it: nothing sent, this status and error code. */
  async function expectStopped(status: "suppressed" | "failed", code: string) {
    await expect(deliver()).resolves.toBe(status);
    expect(provider.received).toHaveLength(0);
    expect(stored()).toMatchObject({ status, nextAttemptAt: null, error: { code } });
  }

  it("suppresses a message to an opted-out number without sending it", async () => {
    setUp();
    store.suppressions.set(ADA, optedOut);
    await expectStopped("suppressed", "opted_out");
  });

  it("suppresses a message to a user who turned SMS notifications off", async () => {
    setUp();
    store.users.set("ada", { sms_notifications_enabled: false });
    await expectStopped("suppressed", "notifications_disabled");
  });

  it("fails a message to a country outside SMS_ALLOWED_COUNTRIES", async () => {
    setUp([], { to: ABROAD });
    await expectStopped("failed", "country_not_allowed");
  });

  it("sends an opt-out-exempt message (a reminder they set, a HELP answer) anyway", async () => {
    setUp([], { optOutExempt: true });
    store.suppressions.set(ADA, optedOut);
    store.users.set("ada", { sms_notifications_enabled: false });
    await expect(deliver()).resolves.toBe("sent");
    expect(provider.received).toHaveLength(1);
  });

  it("defers past the hourly limit until the oldest send of the hour is an hour old", async () => {
    setUp();
    const sentAt = [at(-50 * MINUTE), at(-40 * MINUTE), at(-10 * MINUTE)];
    store.sendWindows.set(ADA, { sentAt, expireAt: at(50 * MINUTE) });
    await expect(deliver()).resolves.toBe("deferred");
    expect(provider.received).toHaveLength(0);
    expect(stored()).toMatchObject({ status: "deferred", nextAttemptAt: at(10 * MINUTE) });
    expect(stored()?.attempts).toBe(0);
    expect(store.sendWindows.get(ADA)?.sentAt).toEqual(sentAt);
  });

  it("defers to the next UTC day once the daily segments are used up, unless urgent", async () => {
    setUp([], { segments: 2 });
    store.messages.set("overdue", message({ type: "task_overdue", segments: 2 }));
    store.dailySegments.set("2026-03-10", 9);
    await expect(deliver("m1", { dailySegmentLimit: 10 })).resolves.toBe("deferred");
    expect(stored()?.nextAttemptAt).toEqual(new Date("2026-03-11T00:00:00Z"));
    expect(logs.dailyLimitReached).toHaveBeenCalledWith("m1", 9, 10);
    await expect(deliver("overdue", { dailySegmentLimit: 10 })).resolves.toBe("sent");
    expect(provider.received.map((sent) => sent.messageId)).toEqual(["overdue"]);
    expect(store.dailySegments.get("2026-03-10")).toBe(11);
  });

  it("leaves a retry alone until it is due, but sends a fresh queued message at once", async () => {
    setUp([], { attempts: 1, nextAttemptAt: at(MINUTE) });
    // A job queues "as of" its scheduled time, so a fresh message's nextAttemptAt may be ahead.
    store.messages.set("fresh", message({ nextAttemptAt: at(HOUR) }));
    await expect(deliver()).resolves.toBe("not-due");
    expect(stored()).toEqual(message({ attempts: 1, nextAttemptAt: at(MINUTE) }));
    await expect(deliver("fresh")).resolves.toBe("sent");
    expect(provider.received.map((sent) => sent.messageId)).toEqual(["fresh"]);
  });
});

describe("deliverMessage: recording the outcome", () => {
  it("re-queues after a transient error, with backoff and the error recorded", async () => {
    setUp([twilioError(20429, 429)]);
    await expect(deliver()).resolves.toBe("retry");
    const retryAt = at(backoffDelayMs(1, { random: () => 0 }));
    expect(stored()).toMatchObject({
      status: "queued",
      attempts: 1,
      nextAttemptAt: retryAt,
      provider: "twilio",
      error: { code: "twilio:20429", userMessage: USER_MESSAGES.transient },
      claimId: null,
      leaseExpiresAt: null,
    });
    await expect(deliver()).resolves.toBe("not-due");
    await expect(deliver("m1", {}, retryAt)).resolves.toBe("sent");
    expect(provider.received).toHaveLength(2);
    expect(stored()).toMatchObject({ status: "sent", attempts: 2, error: null });
  });

  it("treats an unexpected error as transient", async () => {
    setUp([new Error("socket closed")]);
    await expect(deliver()).resolves.toBe("retry");
    expect(stored()?.error).toMatchObject({ code: "internal", message: "socket closed" });
    expect(stored()?.provider).toBeNull();
  });

  it("fails at once on a permanent error", async () => {
    setUp([twilioError(21211)]);
    await expect(deliver()).resolves.toBe("failed");
    expect(stored()).toMatchObject({ status: "failed", error: { code: "twilio:21211" } });
    expect(provider.received).toHaveLength(1);
  });

  it("suppresses a number the carrier reports opted out, and adds it to the suppressions", async () => {
    setUp([twilioError(21610)]);
    store.messages.set("m2", message());
    await expect(deliver()).resolves.toBe("suppressed");
    expect(stored()).toMatchObject({ status: "suppressed", error: { code: "twilio:21610" } });
    expect(store.suppressions.get(ADA)).toMatchObject({
      reason: expect.stringMatching(/^twilio:21610: /),
      source: "provider",
      provider: "twilio",
      channel: "sms",
    });
    await expect(deliver("m2")).resolves.toBe("suppressed");
    expect(provider.received).toHaveLength(1);
  });

  it("gives up when the last attempt fails too", async () => {
    setUp([twilioError(20429, 429)], { attempts: 2, nextAttemptAt: now });
    await expect(deliver()).resolves.toBe("failed");
    expect(stored()).toMatchObject({ status: "failed", attempts: 3 });
    expect(stored()?.error?.message).toMatch(/\(gave up after 3 attempts\)$/);
  });

  it("does not record the outcome of a claim that lapsed and was claimed again meanwhile", async () => {
    setUp([], { reminderId: "r1" });
    store.reminders.set("r1", { lastMessageId: "m1", status: "sending" });
    // While the send hangs, the lease lapses, the sweep re-queues it and claims it again.
    const claimedAgain = { attempts: 2, claimId: "the-sweep's", leaseExpiresAt: at(2 * LEASE_MS) };
    provider.duringSend = () => store.messages.set("m1", { ...stored()!, ...claimedAgain });
    await expect(deliver()).resolves.toBe("not-pending");
    expect(stored()).toMatchObject({ status: "sending", claimId: "the-sweep's", attempts: 2 });
    expect(store.reminders.get("r1")).toEqual({ lastMessageId: "m1", status: "sending" });
    expect(logs.outcomeNotRecorded).toHaveBeenCalledWith("m1", "status is now sending");
  });
});

describe("deliverMessage: the message's reminder", () => {
  const sending: StoredReminder = { lastMessageId: "m1", status: "sending" };
  const failed: StoredReminder = { ...sending, status: "failed" };

  async function reminderAfter(before: StoredReminder, ...replies: Reply[]) {
    store.reminders.set("r1", before);
    provider = new RecordingProvider(replies);
    await deliver();
    return store.reminders.get("r1");
  }

  beforeEach(() => setUp([], { type: "reminder", reminderId: "r1" }));

  it("moves a one-off reminder from sending to sent", async () => {
    const after = await reminderAfter({ ...sending, errorMessage: "an earlier failure" });
    expect(after).toEqual({ ...sending, status: "sent", lastSentAt: now, errorMessage: null });
  });

  it("moves a one-off reminder to failed, with the reason, when its message fails", async () => {
    const after = await reminderAfter(sending, twilioError(21211));
    expect(after).toEqual({ ...failed, errorMessage: USER_MESSAGES.invalidNumber });
  });

  it("fails a one-off reminder whose message the policy stops", async () => {
    store.messages.set("m1", message({ type: "reminder", reminderId: "r1", to: ABROAD }));
    const after = await reminderAfter(sending);
    expect(after).toEqual({ ...failed, errorMessage: countryNotAllowedError("DE").userMessage });
  });

  it("keeps a recurring reminder scheduled and records when it was sent", async () => {
    const after = await reminderAfter({ ...sending, status: "scheduled" });
    expect(after).toEqual({ ...sending, status: "scheduled", lastSentAt: now, errorMessage: null });
  });

  it("leaves a reminder alone once a newer message is its latest", async () => {
    const after = await reminderAfter({ ...sending, lastMessageId: "m2" });
    expect(after).toEqual({ ...sending, lastMessageId: "m2" });
  });
});
