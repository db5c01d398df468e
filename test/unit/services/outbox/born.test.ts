import { claimAtBirth, type BirthClaim } from "../../../../functions/services/outbox/born";
import { LEASE_MS } from "../../../../functions/services/outbox/delivery";
import type { PolicyInputs } from "../../../../functions/services/outbox/policy";
import { buildMessageRecord, type NewMessage } from "../../../../functions/services/outbox/record";
import { testSettings } from "../../fakes/settings";

const now = new Date("2026-11-21T15:00:00Z");
const claim: BirthClaim = { settings: testSettings(), now, segmentsToday: 0 };
const send: PolicyInputs = { decision: { action: "send" }, window: null };

const record = (fields: Partial<NewMessage> = {}) =>
  buildMessageRecord(
    {
      id: "m1",
      to: "+15555550123",
      body: "Hi Ada, you have a new task: Algebra.",
      type: "task_created",
      language: "en",
      ...fields,
    },
    { defaultCountry: "US", retentionDays: 90, quietHours: "", allowedCountries: ["US"] },
    now,
  );

describe("claimAtBirth", () => {
  it("creates a due message the policy sends already claimed: attempt 1, a lease, a claim id", () => {
    const born = claimAtBirth("m1", record(), send, claim);
    expect(born.record).toMatchObject({ status: "sending", attempts: 1 });
    expect(born.record.leaseExpiresAt?.toMillis()).toBe(now.getTime() + LEASE_MS);
    expect(born.claimed).toMatchObject({
      messageId: "m1",
      attempts: 1,
      claimId: born.record.claimId,
      record: { to: "+15555550123", channel: "sms", status: "sending" },
    });
  });

  it("gives every birth its own claim id", () => {
    const first = claimAtBirth("m1", record(), send, claim);
    const second = claimAtBirth("m1", record(), send, claim);
    expect(first.record.claimId).not.toBe(second.record.claimId);
  });

  it.each<[string, PolicyInputs["decision"]]>([
    [
      "suppress",
      { action: "suppress", code: "opted_out", message: "opted out", userMessage: "Opted out." },
    ],
    ["fail", { action: "fail", code: "country_not_allowed", message: "no", userMessage: "No." }],
    ["defer", { action: "defer", until: new Date("2026-11-21T16:00:00Z"), reason: "rate limit" }],
  ])(
    "leaves a message the policy would %s queued, for the usual claim to record",
    (_, decision) => {
      const queued = record();
      const born = claimAtBirth("m1", queued, { decision, window: null }, claim);
      expect(born.record).toBe(queued);
      expect(born.claimed).toBeUndefined();
    },
  );

  it("never claims what is not due now: scheduled, held by quiet hours, failed, or email", () => {
    const later = record({ sendAt: new Date("2026-11-22T15:00:00Z") });
    const invalid = record({ to: "12345" });
    const email = record({ to: "ada@example.com", channel: "email" });
    for (const waiting of [later, invalid, email]) {
      expect(claimAtBirth("m1", waiting, send, claim)).toEqual({ record: waiting });
    }
    expect([later.status, invalid.status, email.status]).toEqual(["scheduled", "failed", "queued"]);
  });

  it("claims nothing without policy inputs (the message was not new)", () => {
    expect(claimAtBirth("m1", record(), undefined, claim).claimed).toBeUndefined();
  });
});
