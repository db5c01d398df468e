/**
 * The trust decisions as tables: who may make the backend send (reminders, tasks), who is
 * charged, who is exempt from opt-outs, the sender allowance, destination countries, the
 * project's daily limit, and sensitive bodies.
 */
import { allowanceFor, reserve, usedInWindow } from "../../../functions/domain/allowance";
import {
  reminderAuthority,
  taskAuthority,
  type ReminderFacts,
} from "../../../functions/domain/authority";
import { isCountryAllowed, parseAllowedCountries } from "../../../functions/domain/countries";
import { destinationCountry } from "../../../functions/domain/phone";
import { isSensitive, redactedBody } from "../../../functions/domain/sensitive";
import { documentRole } from "../../../functions/errors";

const NOW = new Date("2026-11-28T14:30:20Z");
const MINUTE = 60_000;

describe("reminderAuthority", () => {
  const facts = (overrides: Partial<ReminderFacts>): ReminderFacts => ({
    authorIsPartnerOfUser: false,
    toProfileNumber: true,
    ...overrides,
  });

  it.each<[string, Partial<ReminderFacts>, ReturnType<typeof reminderAuthority>]>([
    [
      "own reminder, no createdBy: exempt, not charged",
      { userId: "s1" },
      { ok: true, optOutExempt: true },
    ],
    [
      "own reminder, createdBy = userId: exempt, not charged",
      { userId: "s1", createdBy: "s1" },
      { ok: true, optOutExempt: true },
    ],
    [
      "own reminder sent to the reminder's number, not the profile's: not exempt",
      { userId: "s1", toProfileNumber: false },
      { ok: true, optOutExempt: false },
    ],
    [
      "partner of the student: charged to the partner, not exempt",
      { userId: "s1", createdBy: "p1", authorRole: "partner", authorIsPartnerOfUser: true },
      { ok: true, sender: { uid: "p1", role: "partner" }, optOutExempt: false },
    ],
    [
      "admin for anyone: charged to the admin, not exempt",
      { userId: "s1", createdBy: "a1", authorRole: "admin" },
      { ok: true, sender: { uid: "a1", role: "admin" }, optOutExempt: false },
    ],
    [
      "admin to a bare phone number: allowed, never exempt",
      { createdBy: "a1", authorRole: "admin", toProfileNumber: false },
      { ok: true, sender: { uid: "a1", role: "admin" }, optOutExempt: false },
    ],
  ])("%s", (_, overrides, expected) => {
    expect(reminderAuthority(facts(overrides))).toEqual(expected);
  });

  it.each<[string, Partial<ReminderFacts>]>([
    ["phone-only reminder without an author", { toProfileNumber: false }],
    ["phone-only reminder by a student", { createdBy: "s2", authorRole: "student" }],
    ["phone-only reminder by a partner", { createdBy: "p1", authorRole: "partner" }],
    ["phone-only reminder by an account with no role", { createdBy: "x" }],
    [
      "partner who never assigned the student a task",
      { userId: "s1", createdBy: "p2", authorRole: "partner" },
    ],
    ["another student", { userId: "s1", createdBy: "s2", authorRole: "student" }],
    [
      "a linked account that is not a partner (role from a forged document is never admin)",
      { userId: "s1", createdBy: "x", authorRole: undefined, authorIsPartnerOfUser: true },
    ],
  ])("refuses: %s", (_, overrides) => {
    expect(reminderAuthority(facts(overrides))).toMatchObject({ ok: false });
  });
});

describe("taskAuthority", () => {
  it.each([
    ["a student's own task, charged to them", { assignedTo: "s1", createdBy: "s1" }, "s1"],
    ["a task without createdBy (written before it was required)", { assignedTo: "s1" }, "s1"],
    [
      "a partner's task",
      { assignedTo: "s1", createdBy: "p1", authorRole: "partner" as const },
      "p1",
    ],
    ["an admin's task", { assignedTo: "s1", createdBy: "a1", authorRole: "admin" as const }, "a1"],
  ])("allows %s", (_, facts, charged) => {
    const authority = taskAuthority(facts);
    expect(authority.ok && authority.sender?.uid).toBe(charged);
  });

  it.each([
    [
      "a student assigning another student",
      { assignedTo: "s1", createdBy: "s2", authorRole: "student" as const },
    ],
    ["an account with no role", { assignedTo: "s1", createdBy: "x" }],
  ])("refuses %s", (_, facts) => {
    expect(taskAuthority(facts)).toMatchObject({ ok: false });
  });
});

describe("sender allowance", () => {
  const limits = { senderRateLimitPerHour: 3, adminRateLimitPerHour: 10 };
  const minutesAgo = (m: number) => String(Math.floor(NOW.getTime() / MINUTE) - m);

  it("gives admins the higher limit", () => {
    expect(allowanceFor({ uid: "a", role: "admin" }, limits)).toBe(10);
    expect(allowanceFor({ uid: "p", role: "partner" }, limits)).toBe(3);
    expect(allowanceFor({ uid: "s", role: undefined }, limits)).toBe(3);
  });

  it("counts the last 60 minutes only, and ignores junk in the stored window", () => {
    const window = { [minutesAgo(0)]: 1, [minutesAgo(59)]: 2, [minutesAgo(60)]: 50, x: "y" };
    expect(usedInWindow(window, NOW)).toBe(3);
    expect(usedInWindow(undefined, NOW)).toBe(0);
    expect(usedInWindow("not a map", NOW)).toBe(0);
  });

  it.each([
    ["an empty window grants all", {}, 2, false, { ok: true, granted: 2 }],
    ["exactly up to the limit", { [minutesAgo(5)]: 1 }, 2, false, { ok: true, granted: 2 }],
    [
      "all or nothing past the limit",
      { [minutesAgo(5)]: 2 },
      2,
      false,
      { ok: false, granted: 0, used: 2 },
    ],
    [
      "partial: what still fits",
      { [minutesAgo(5)]: 2 },
      2,
      true,
      { ok: false, granted: 1, used: 2 },
    ],
    [
      "partial: nothing when full",
      { [minutesAgo(1)]: 3 },
      1,
      true,
      { ok: false, granted: 0, used: 3 },
    ],
    [
      "the hour slides: old charges free room",
      { [minutesAgo(61)]: 3 },
      3,
      false,
      { ok: true, granted: 3 },
    ],
  ])("%s", (_, window, count, partial, expected) => {
    expect(reserve(window, count, 3, NOW, partial)).toMatchObject(expected);
  });

  it("stores the grant in the current minute and drops expired minutes", () => {
    const result = reserve({ [minutesAgo(90)]: 5, [minutesAgo(0)]: 1 }, 2, 3, NOW);
    expect(result.window).toEqual({ [minutesAgo(0)]: 3 });
  });

  it("has no limit at 0", () => {
    expect(reserve({ [minutesAgo(1)]: 10_000 }, 5, 0, NOW)).toMatchObject({ ok: true, granted: 5 });
  });
});

describe("destination countries", () => {
  it.each([
    ["", "US", ["US", "TR"]],
    ["", "tr", ["TR"]],
    ["US, TR, de", "US", ["US", "TR", "DE"]],
    ["US;GB  CA", "US", ["US", "GB", "CA"]],
    ["*", "US", ["*"]],
    ["US,*", "US", ["*"]],
  ])("SMS_ALLOWED_COUNTRIES=%p (default %s) allows %j", (value, defaultCountry, expected) => {
    expect(parseAllowedCountries(value, defaultCountry)).toEqual(expected);
  });

  it.each([
    ["+15555550123", "US"],
    ["+12125550123", "US"],
    ["+14165550123", "CA"],
    ["+905321234567", "TR"],
    ["+447911123456", "GG"],
    ["+999123", undefined],
  ])("%s is in %s", (e164, country) => {
    expect(destinationCountry(e164)).toBe(country);
  });

  it.each([
    ["US", ["US", "TR"], true],
    ["tr", ["US", "TR"], true],
    ["CA", ["US", "TR"], false],
    [undefined, ["US", "TR"], false],
    [undefined, ["*"], true],
    ["BR", ["*"], true],
  ])("%s with %j: %s", (country, allowed, expected) => {
    expect(isCountryAllowed(country, allowed)).toBe(expected);
  });
});

describe("sensitive bodies", () => {
  it.each([
    ["2fa_code", "sent", true],
    ["2fa_code", "failed", true],
    ["2fa_code", "suppressed", true],
    ["2fa_code", "cancelled", true],
    ["2fa_code", "queued", false],
    ["2fa_code", "sending", false],
    ["password_reset", "delivered", true],
    ["password_reset", "deferred", false],
    ["manual", "sent", false],
    ["task_created", "failed", false],
  ] as const)("%s when %s: redacted %s", (type, status, redacted) => {
    expect(redactedBody(type, status)).toEqual(redacted ? { body: "[redacted]" } : {});
  });

  it("knows the sensitive types", () => {
    expect(isSensitive("2fa_code")).toBe(true);
    expect(isSensitive("password_reset")).toBe(true);
    expect(isSensitive("reminder")).toBe(false);
  });
});

describe("documentRole", () => {
  it.each([
    ["student", "student"],
    ["partner", "partner"],
    ["admin", undefined],
    ["Admin", undefined],
    [undefined, undefined],
    [42, undefined],
  ])("a users document saying %p grants %p", (value, expected) => {
    expect(documentRole(value)).toBe(expected);
  });
});
