/**
 * The admins' opt-out callables through the web SDK: adding a number (and what is then sent to
 * it), lifting one (the recipient's own only on purpose), listing by source and page, importing
 * a do-not-contact list, the consent history each leaves, and who may call them.
 */
import { waitForMessage } from "../support/emulators";
import {
  consentCounts,
  consentEvents,
  failure,
  seedSuppression,
  suppression,
  useSuppressionsApiFixture,
} from "../support/suppressionsApi";

const { twilio, admin, partner, student } = useSuppressionsApiFixture();

const sentTo = (phone: string) => twilio.requests.filter((r) => r.form.To === phone);

describe("addSuppression", () => {
  it("suppresses the number: an admin's message to it is recorded suppressed, not sent", async () => {
    const phone = "+15555550120";
    await expect(
      admin.api("addSuppression", {
        phoneNumber: "(555) 555-0120",
        reason: "asked us by phone",
        channel: "whatsapp",
      }),
    ).resolves.toEqual({ phoneNumber: phone, created: true });
    expect(await suppression(phone)).toMatchObject({
      source: "admin",
      reason: "asked us by phone",
      channel: "whatsapp",
      createdBy: "api-dnc-admin",
      keyword: null,
    });

    const sent = await admin.api("sendSms", { phoneNumber: phone, message: "Hello" });
    const message = await waitForMessage(sent.messageId, (m) => m.status === "suppressed");
    expect(message.error.code).toBe("opted_out");
    expect(sentTo(phone)).toEqual([]);
  });

  it("is idempotent: adding the number again keeps its entry and records nothing", async () => {
    const phone = "+15555550120";
    const before = await suppression(phone);
    await expect(
      admin.api("addSuppression", { phoneNumber: phone, reason: "again" }),
    ).resolves.toEqual({ phoneNumber: phone, created: false });
    expect(await suppression(phone)).toEqual(before);
    const history = await consentEvents(phone);
    expect(history.map((e) => [e.action, e.source, e.by, e.reason])).toEqual([
      ["opted_out", "admin", "api-dnc-admin", "asked us by phone"],
    ]);
  });

  it("leaves a recipient's own opt-out as it is", async () => {
    const phone = "+15555550123";
    await seedSuppression(phone, { source: "keyword", reason: "STOP", keyword: "STOP" });
    await expect(
      admin.api("addSuppression", { phoneNumber: phone, reason: "do not contact" }),
    ).resolves.toEqual({ phoneNumber: phone, created: false });
    expect(await suppression(phone)).toMatchObject({ source: "keyword", keyword: "STOP" });
  });

  it("refuses an invalid number at phoneNumber and writes nothing", async () => {
    const before = await consentCounts();
    const error = await failure(
      admin.api("addSuppression", { phoneNumber: "555-0199", reason: "x" }),
    );
    expect(error.code).toBe("functions/invalid-argument");
    expect(error.details?.issues?.[0].path).toBe("phoneNumber");
    expect(await consentCounts()).toEqual(before);
  });
});

describe("who may call", () => {
  it.each([
    ["a partner", partner],
    ["a student", student],
  ])("answers %s permission-denied for each of the four, changing nothing", async (_, client) => {
    const before = await consentCounts();
    const calls = [
      () => client.api("addSuppression", { phoneNumber: "+15555550121", reason: "x" }),
      () =>
        client.api("removeSuppression", { phoneNumber: "+15555550120", reason: "x", force: true }),
      () => client.api("listSuppressions", {}),
      () => client.api("importSuppressions", { rows: ["+15555550122"], reason: "x" }),
    ];
    for (const call of calls) {
      await expect(failure(call())).resolves.toMatchObject({ code: "functions/permission-denied" });
    }
    expect(await consentCounts()).toEqual(before);
    expect(await suppression("+15555550120")).toMatchObject({ source: "admin" });
  });
});

describe("removeSuppression", () => {
  it("refuses to lift a recipient's STOP without force, and lifts it with force and a reason", async () => {
    const phone = "+15555550124";
    await seedSuppression(phone, { source: "keyword", reason: "STOP", keyword: "STOP" });
    const refused = await failure(
      admin.api("removeSuppression", { phoneNumber: phone, reason: "they asked again" }),
    );
    expect(refused).toMatchObject({ code: "functions/failed-precondition" });
    expect((refused as { message?: string }).message).toMatch(/must reply START.*force/);
    expect(await suppression(phone)).toMatchObject({ source: "keyword" });
    expect(await consentEvents(phone)).toEqual([]);

    await expect(
      admin.api("removeSuppression", {
        phoneNumber: phone,
        reason: "signed consent form on file",
        force: true,
      }),
    ).resolves.toEqual({ phoneNumber: phone, removed: true });
    expect(await suppression(phone)).toBeUndefined();
    expect(await consentEvents(phone)).toEqual([
      expect.objectContaining({
        action: "opted_in",
        source: "admin",
        by: "api-dnc-admin",
        reason: "signed consent form on file",
      }),
    ]);
  });

  it("lifts an admin's entry with a reason: the history shows both, and messages go out again", async () => {
    const phone = "+15555550120";
    await expect(
      admin.api("removeSuppression", { phoneNumber: phone, reason: "added by mistake" }),
    ).resolves.toEqual({ phoneNumber: phone, removed: true });
    const history = await consentEvents(phone);
    expect(history.map((e) => [e.action, e.source, e.by, e.reason])).toEqual([
      ["opted_out", "admin", "api-dnc-admin", "asked us by phone"],
      ["opted_in", "admin", "api-dnc-admin", "added by mistake"],
    ]);
    const sent = await admin.api("sendSms", { phoneNumber: phone, message: "Welcome back" });
    await waitForMessage(sent.messageId, (m) => m.status === "sent");
    expect(sentTo(phone).map((r) => r.form.Body)).toEqual(["Welcome back"]);
  });

  it("answers not-found for a number that is not on the list", async () => {
    const error = await failure(
      admin.api("removeSuppression", { phoneNumber: "+15555550125", reason: "x", force: true }),
    );
    expect(error.code).toBe("functions/not-found");
  });
});

describe("listSuppressions", () => {
  const day = (n: number) => new Date(Date.UTC(2020, 0, n));
  beforeAll(async () => {
    await seedSuppression("+15555550160", { source: "provider", reason: "21610" }, day(1));
    await seedSuppression("+15555550161", { source: "provider", reason: "21610" }, day(3));
    await seedSuppression("+15555550162", { source: "provider", reason: "21610" }, day(3));
    await seedSuppression("+15555550163", { source: "provider", reason: "21610" }, day(4));
    await seedSuppression("+15555550164", { source: "provider", reason: "21610" }, day(2));
    await seedSuppression("+15555550165", { source: "free_text", reason: "stop it" }, day(5));
  });

  it("pages one source newest first (then by number), by the last number of the page", async () => {
    const first = await admin.api("listSuppressions", { source: "provider", limit: 3 });
    expect(first.suppressions.map((s) => s.phoneNumber)).toEqual([
      "+15555550163",
      "+15555550162",
      "+15555550161",
    ]);
    expect(first.nextCursor).toBe("+15555550161");
    expect(first.suppressions[0]).toEqual({
      phoneNumber: "+15555550163",
      reason: "21610",
      source: "provider",
      keyword: null,
      channel: "sms",
      createdBy: null,
      createdAt: "2020-01-04T00:00:00.000Z",
    });
    const second = await admin.api("listSuppressions", {
      source: "provider",
      limit: 3,
      cursor: first.nextCursor!,
    });
    expect(second.suppressions.map((s) => s.phoneNumber)).toEqual(["+15555550164", "+15555550160"]);
    expect(second.nextCursor).toBeNull();
  });

  it("lists every source without a filter, and refuses a cursor that names no entry", async () => {
    const all = await admin.api("listSuppressions", {});
    expect(all.suppressions.map((s) => s.source)).toEqual(
      expect.arrayContaining(["keyword", "provider", "free_text"]),
    );
    const times = all.suppressions.map((s) => s.createdAt ?? "");
    expect(times).toEqual([...times].sort().reverse());
    const error = await failure(admin.api("listSuppressions", { cursor: "+15555550199" }));
    expect(error).toMatchObject({ code: "functions/invalid-argument" });
    expect(error.details?.issues?.[0].path).toBe("cursor");
  });
});

describe("importSuppressions", () => {
  const csv = [
    "\uFEFFPhone,Name",
    '"+1 (555) 555-0170","Doe, Jane"',
    "555.555.0171,Ann",
    "",
    "not a number,Bob",
    "+15555550170,Jane again",
    "+15555550123,already stopped",
    "+1 555 555 0200,out of range",
    "5555550172",
  ].join("\r\n");
  const imported = ["+15555550170", "+15555550171", "+15555550172"];

  it("reports bad lines and duplicates in a dry run, and writes nothing", async () => {
    const before = await consentCounts();
    await expect(
      admin.api("importSuppressions", { csv, reason: "old CRM list", dryRun: true }),
    ).resolves.toEqual({
      total: 7,
      added: 3,
      alreadySuppressed: 1,
      duplicates: 1,
      invalid: [
        { line: 5, value: "not a number", reason: "not a phone number" },
        { line: 8, value: "+1 555 555 0200", reason: "not a valid phone number" },
      ],
      dryRun: true,
    });
    expect(await consentCounts()).toEqual(before);
  });

  it("adds the rest with their consent events; a second run finds them suppressed already", async () => {
    const report = await admin.api("importSuppressions", { csv, reason: "old CRM list" });
    expect(report).toMatchObject({ total: 7, added: 3, alreadySuppressed: 1, duplicates: 1 });
    for (const phone of imported) {
      expect(await suppression(phone)).toMatchObject({
        source: "import",
        reason: "old CRM list",
        createdBy: "api-dnc-admin",
      });
      const history = await consentEvents(phone);
      expect(history.map((e) => [e.action, e.source, e.by])).toEqual([
        ["opted_out", "import", "api-dnc-admin"],
      ]);
    }
    expect(await suppression("+15555550123")).toMatchObject({ source: "keyword" });

    const before = await consentCounts();
    await expect(
      admin.api("importSuppressions", { rows: [...imported, "", "+15555550173"], reason: "again" }),
    ).resolves.toEqual({
      total: 4,
      added: 1,
      alreadySuppressed: 3,
      duplicates: 0,
      invalid: [],
      dryRun: false,
    });
    expect(await consentCounts()).toEqual({
      suppressions: before.suppressions + 1,
      events: before.events + 1,
    });
    const listed = await admin.api("listSuppressions", { source: "import" });
    expect(listed.suppressions.map((s) => s.phoneNumber).sort()).toEqual([
      ...imported,
      "+15555550173",
    ]);
  });

  it("refuses more than 10,000 numbers, and both csv and rows, writing nothing", async () => {
    const before = await consentCounts();
    const many = Array.from({ length: 10_001 }, () => "+15555550174").join("\n");
    const tooMany = await failure(admin.api("importSuppressions", { csv: many, reason: "x" }));
    expect(tooMany).toMatchObject({ code: "functions/invalid-argument" });
    expect(tooMany.details?.issues).toEqual([
      { path: "csv", message: "at most 10,000 numbers per import; this one has 10,001" },
    ]);
    const both = await failure(
      admin.api("importSuppressions", { csv: "+15555550174", rows: ["+15555550174"], reason: "x" }),
    );
    expect(both).toMatchObject({ code: "functions/invalid-argument" });
    expect(await consentCounts()).toEqual(before);
  });
});
