import { buildMessageRecord, type NewMessage } from "../../../../functions/services/outbox/record";

const settings = {
  defaultCountry: "US",
  retentionDays: 90,
  quietHours: "21:00-08:00",
  allowedCountries: ["US", "TR"],
};
// 2026-11-21 23:30 in New York (EST, UTC-5); 07:30 the next morning in Istanbul (UTC+3).
const lateEvening = new Date("2026-11-22T04:30:00Z");

const message = (fields: Partial<NewMessage> = {}): NewMessage => ({
  id: "m1",
  to: "+15555550123",
  body: "Hi Ada, you have a new task: Algebra. Due: Tue, Nov 24, 5:00 PM.",
  type: "task_created",
  language: "en",
  ...fields,
});

describe("buildMessageRecord", () => {
  it("queues a message due now, with segments, encoding and retention", () => {
    const record = buildMessageRecord(message(), settings, new Date("2026-11-21T15:00:00Z"));
    expect(record).toMatchObject({
      status: "queued",
      to: "+15555550123",
      attempts: 0,
      encoding: "GSM-7",
      segments: 1,
      error: null,
    });
    expect(record.nextAttemptAt?.toDate()).toEqual(new Date("2026-11-21T15:00:00Z"));
    expect(record.expireAt.toDate()).toEqual(new Date("2027-02-19T15:00:00Z"));
  });

  it("records a message to an opted-out number suppressed at once, never due", () => {
    const record = buildMessageRecord(message({ optedOut: true }), settings, lateEvening);
    expect(record).toMatchObject({ status: "suppressed", nextAttemptAt: null });
    expect(record.error?.code).toBe("opted_out");
  });

  it("queues a message to an opted-out number when it is exempt (a reminder the user set)", () => {
    const record = buildMessageRecord(
      message({ optedOut: true, optOutExempt: true }),
      settings,
      new Date("2026-11-21T15:00:00Z"),
    );
    expect(record).toMatchObject({ status: "queued", error: null });
  });

  it("fails an invalid number even when it is also opted out: the number is the first fault", () => {
    const record = buildMessageRecord(message({ to: "12", optedOut: true }), settings, lateEvening);
    expect(record.status).toBe("failed");
  });

  it("holds a non-urgent message during the recipient's quiet hours until they end", () => {
    const record = buildMessageRecord(
      message({ timeZone: "America/New_York" }),
      settings,
      lateEvening,
    );
    expect(record.status).toBe("deferred");
    // 08:00 EST on 2026-11-22.
    expect(record.nextAttemptAt?.toDate()).toEqual(new Date("2026-11-22T13:00:00Z"));
  });

  it("uses the recipient's own zone: the same instant is quiet in New York, not in Tokyo", () => {
    const tokyo = buildMessageRecord(message({ timeZone: "Asia/Tokyo" }), settings, lateEvening);
    expect(tokyo.status).toBe("queued"); // 13:30 in Tokyo
  });

  it("sends urgent types during quiet hours", () => {
    const record = buildMessageRecord(
      message({ type: "task_overdue", timeZone: "America/New_York" }),
      settings,
      lateEvening,
    );
    expect(record.status).toBe("queued");
  });

  it("holds nothing when QUIET_HOURS is empty", () => {
    const record = buildMessageRecord(
      message({ timeZone: "America/New_York" }),
      { ...settings, quietHours: "" },
      lateEvening,
    );
    expect(record.status).toBe("queued");
  });

  it("schedules a message with a future sendAt, and holds it if that falls in quiet hours", () => {
    const now = new Date("2026-11-21T15:00:00Z");
    const noon = buildMessageRecord(
      message({ sendAt: new Date("2026-11-22T17:00:00Z"), timeZone: "America/New_York" }),
      settings,
      now,
    );
    expect(noon.status).toBe("scheduled");
    expect(noon.nextAttemptAt?.toDate()).toEqual(new Date("2026-11-22T17:00:00Z"));
    const night = buildMessageRecord(
      message({ sendAt: lateEvening, timeZone: "America/New_York" }),
      settings,
      now,
    );
    expect(night.status).toBe("deferred");
    expect(night.nextAttemptAt?.toDate()).toEqual(new Date("2026-11-22T13:00:00Z"));
  });

  it("fails a message to an invalid number with a reason, and never schedules it", () => {
    const record = buildMessageRecord(message({ to: "12345" }), settings, lateEvening);
    expect(record.status).toBe("failed");
    expect(record.nextAttemptAt).toBeNull();
    expect(record.error?.code).toBe("invalid_number");
    expect(record.error?.userMessage).toMatch(/not valid/);
  });

  it("normalises a national number with DEFAULT_COUNTRY and counts Turkish text as UCS-2", () => {
    const record = buildMessageRecord(
      message({ to: "0532 123 45 67", body: "Görev güncellendi: Üslü sayılar", language: "tr" }),
      { ...settings, defaultCountry: "TR" },
      lateEvening,
    );
    expect(record.to).toBe("+905321234567");
    expect(record.encoding).toBe("UCS-2");
  });

  it.each([
    ["+14165550123", "CA"],
    ["+447911123456", "GG"],
    ["+5511912345678", "BR"],
  ])("fails a message to %s (%s), outside SMS_ALLOWED_COUNTRIES, before any provider", (to, cc) => {
    const record = buildMessageRecord(message({ to }), settings, lateEvening);
    expect(record.status).toBe("failed");
    expect(record.nextAttemptAt).toBeNull();
    expect(record.error).toMatchObject({ code: "country_not_allowed" });
    expect(record.error?.userMessage).toContain(cc);
  });

  it.each([
    ["+15555550123", ["US", "TR"]],
    ["+905321234567", ["US", "TR"]],
    ["+14165550123", ["*"]],
  ])("queues a message to %s when %j allows it", (to, allowedCountries) => {
    const record = buildMessageRecord(
      message({ to }),
      { ...settings, allowedCountries },
      lateEvening,
    );
    expect(record.status).toBe("queued");
  });

  it("records who caused a message as createdBy", () => {
    const sender = { uid: "partner-1", role: "partner" as const };
    expect(buildMessageRecord(message({ sender }), settings, lateEvening).createdBy).toBe(
      "partner-1",
    );
    expect(buildMessageRecord(message(), settings, lateEvening).createdBy).toBeNull();
  });

  it("keeps a sign-in code's body while it waits, and redacts it if it fails at once", () => {
    const pending = buildMessageRecord(
      message({ type: "2fa_code", body: "Your code is 123456" }),
      settings,
      lateEvening,
    );
    expect(pending.body).toBe("Your code is 123456");
    const failed = buildMessageRecord(
      message({ type: "2fa_code", body: "Your code is 123456", to: "+14165550123" }),
      settings,
      lateEvening,
    );
    expect(failed.status).toBe("failed");
    expect(failed.body).toBe("[redacted]");
  });

  it("sends an email at once, even in quiet hours, with no segments, to the normalised address", () => {
    const email = message({
      channel: "email",
      to: " Ada@Example.COM ",
      timeZone: "America/New_York",
    });
    expect(buildMessageRecord(email, settings, lateEvening)).toMatchObject({
      status: "queued",
      channel: "email",
      to: "Ada@example.com",
      segments: 0,
      nextAttemptAt: expect.objectContaining({ seconds: lateEvening.getTime() / 1000 }),
      error: null,
    });
  });

  it("fails an email without a valid address, saying why", () => {
    const record = buildMessageRecord(
      message({ channel: "email", to: "ada" }),
      settings,
      lateEvening,
    );
    expect(record).toMatchObject({
      status: "failed",
      error: {
        code: "invalid_email",
        message: 'Invalid email address: "ada" is not an email address',
      },
    });
  });
});
