/**
 * The admins' opt-out list on an in-memory store: what each call leaves in the suppressions and
 * the consent history, what it answers, and what it refuses without writing anything.
 */
import * as logger from "firebase-functions/logger";
import * as errors from "../../../../functions/errors";
import {
  addSuppression,
  importSuppressions,
  listSuppressions,
  removeSuppression,
  type AddSuppressionRequest,
  type ImportSuppressionsRequest,
  type RemoveSuppressionRequest,
} from "../../../../functions/services/consent/admin";
import type { SuppressionSource } from "../../../../functions/data/suppressions";
import { MemorySuppressionStore, type SeededSuppression } from "../../fakes/memorySuppressions";
import { testSettings } from "../../fakes/settings";

const { NotFoundError, PreconditionError, RequestError } = errors;
const ADMIN: errors.Caller = { uid: "admin-1", role: "admin" };
const US = testSettings();
const PHONE = "+15555550120";
const STOPPED = "+15555550123";
const PROVIDER = { source: "provider", reason: "21610", channel: "sms" };
const STOP = { source: "keyword", reason: "STOP", keyword: "STOP", userId: "u1" };

let store: MemorySuppressionStore;
beforeEach(() => {
  store = new MemorySuppressionStore();
  jest.spyOn(logger, "info").mockImplementation(() => undefined);
});

const add = (request: AddSuppressionRequest, settings = US) =>
  addSuppression(request, ADMIN, settings, store);
const remove = (request: RemoveSuppressionRequest) => removeSuppression(request, ADMIN, US, store);
const list = (query: { source?: SuppressionSource; limit: number; cursor?: string }) =>
  listSuppressions(query, store);
const importList = (request: ImportSuppressionsRequest) =>
  importSuppressions(request, ADMIN, US, store);

/** The number's consent history, oldest first: action, source, reason, admin, user. */
const trail = (phone: string) =>
  store.history(phone).map((e) => [e.action, e.source, e.reason, e.by, e.userId]);

/** Expects `promise` to be refused with a `type` error, and answers that error. */
async function refused(promise: Promise<unknown>, type: new (...args: never[]) => Error) {
  const error: unknown = await promise.then(
    () => Promise.reject(new Error("expected a refusal")),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(type);
  return error as Error & { path?: string };
}

describe("addSuppression", () => {
  it.each([
    ["(555) 555-0120", "US", PHONE],
    ["555.555.0120", "US", PHONE],
    ["0532 123 45 67", "TR", "+905321234567"],
    ["0090 532 123 45 67", "US", "+905321234567"],
  ])("suppresses %s (in %s) as %s, with the admin's event", async (input, country, e164) => {
    const request = { phoneNumber: input, reason: "asked us", channel: "whatsapp" as const };
    const settings = testSettings({ defaultCountry: country });

    expect(await add(request, settings)).toEqual({ phoneNumber: e164, created: true });
    expect(store.numbers()).toEqual([e164]);
    expect(store.suppression(e164)).toEqual({
      reason: "asked us",
      source: "admin",
      keyword: null,
      channel: "whatsapp",
      createdBy: ADMIN.uid,
      provider: null,
      userId: null,
      createdAt: expect.any(Date),
    });
    expect(trail(e164)).toEqual([["opted_out", "admin", "asked us", ADMIN.uid, null]]);
  });

  it("is idempotent: a second add answers created false and writes nothing", async () => {
    await add({ phoneNumber: "(555) 555-0120", reason: "first" });
    const before = store.state();

    const again = await add({ phoneNumber: "+1 555 555 0120", reason: "again" });
    expect(again).toEqual({ phoneNumber: PHONE, created: false });
    expect(store.state()).toEqual(before);
    expect(trail(PHONE)).toEqual([["opted_out", "admin", "first", ADMIN.uid, null]]);
  });

  it("keeps a recipient's STOP entry as it is and records nothing", async () => {
    store.seed(STOPPED, STOP);
    const before = store.state();

    const answer = await add({ phoneNumber: STOPPED, reason: "do not contact" });
    expect(answer).toEqual({ phoneNumber: STOPPED, created: false });
    expect(store.state()).toEqual(before);
    expect(store.suppression(STOPPED)).toMatchObject({ source: "keyword", keyword: "STOP" });
  });

  it.each(["555-0199", "+1 555 555 0200", "call me", ""])(
    "refuses %j as a RequestError at phoneNumber and writes nothing",
    async (phoneNumber) => {
      const error = await refused(add({ phoneNumber, reason: "x" }), RequestError);
      expect(error.path).toBe("phoneNumber");
      expect(store.state()).toEqual({ suppressions: [], events: [] });
    },
  );
});

describe("removeSuppression", () => {
  const reason = "added by mistake";

  it.each(["admin", "import"])("lifts an %s entry with the admin's opt-in", async (source) => {
    store.seed(PHONE, { source, reason: "old list", createdBy: "admin-0", userId: "u1" });
    const answer = await remove({ phoneNumber: "(555) 555-0120", reason });
    expect(answer).toEqual({ phoneNumber: PHONE, removed: true });
    expect(store.numbers()).toEqual([]);
    expect(trail(PHONE)).toEqual([["opted_in", "admin", reason, ADMIN.uid, "u1"]]);
    expect(store.history(PHONE)[0]).toMatchObject({ phone: PHONE, keyword: null, channel: null });
  });

  it("answers a repeated remove (a retried call) NotFoundError: one opt-in recorded", async () => {
    store.seed(PHONE, { source: "admin", reason: "old list" });
    await remove({ phoneNumber: PHONE, reason });
    const after = store.state();
    await refused(remove({ phoneNumber: PHONE, reason, force: true }), NotFoundError);
    expect(store.state()).toEqual(after);
    expect(trail(PHONE)).toHaveLength(1);
  });

  const recipientOwn: SeededSuppression[] = [
    STOP,
    { source: "free_text", reason: "please stop texting me", channel: "whatsapp" },
    { ...PROVIDER, provider: "twilio" },
    // Written before sources were told apart: still the recipient's own.
    { source: "inbound", reason: "STOP", keyword: "STOP" },
  ];

  it.each(recipientOwn)("refuses to lift the $source opt-out without force", async (entry) => {
    store.seed(PHONE, entry);
    const before = store.state();

    for (const force of [undefined, false]) {
      const request = { phoneNumber: PHONE, reason: "asked again", force };
      const error = await refused(remove(request), PreconditionError);
      expect(error.message).toMatch(/must reply START.*force: true/);
    }
    expect(store.state()).toEqual(before);
  });

  it.each(recipientOwn)("lifts the $source opt-out with force and a reason", async (entry) => {
    store.seed(PHONE, entry);
    const request = { phoneNumber: PHONE, reason: "consent form on file", force: true };
    await expect(remove(request)).resolves.toEqual({ phoneNumber: PHONE, removed: true });
    expect(store.suppression(PHONE)).toBeUndefined();
    expect(trail(PHONE)).toEqual([
      ["opted_in", "admin", "consent form on file", ADMIN.uid, entry.userId ?? null],
    ]);
  });

  it("answers NotFoundError for a number not on the list, even with force", async () => {
    store.seed(STOPPED, STOP);
    const before = store.state();

    await refused(remove({ phoneNumber: PHONE, reason, force: true }), NotFoundError);
    expect(store.state()).toEqual(before);
  });
});

describe("listSuppressions", () => {
  const day = (n: number) => new Date(Date.UTC(2020, 0, n));
  const provider = (n: number) => ({ ...PROVIDER, createdAt: day(n) });
  const phones = (page: { suppressions: { phoneNumber: string }[] }) =>
    page.suppressions.map((entry) => entry.phoneNumber);

  beforeEach(() => {
    store.seed("+15555550160", provider(1));
    store.seed("+15555550161", provider(3));
    store.seed("+15555550162", provider(3));
    store.seed("+15555550163", provider(4));
    store.seed("+15555550164", provider(2));
    store.seed("+15555550165", { source: "free_text", reason: "stop it", createdAt: day(5) });
    store.seed("+15555550166", { source: "admin", reason: "x", createdAt: day(6) });
    store.seed("+15555550167", { source: "inbound", reason: "STOP", createdAt: null });
  });

  it("pages one source newest first, then by number: two pages, no overlap", async () => {
    const first = await list({ source: "provider", limit: 3 });
    expect(phones(first)).toEqual(["+15555550163", "+15555550162", "+15555550161"]);
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

    const second = await list({ source: "provider", limit: 3, cursor: first.nextCursor! });
    expect(phones(second)).toEqual(["+15555550164", "+15555550160"]);
    expect(second.nextCursor).toBeNull();
  });

  it("answers nextCursor null when a page ends exactly at the last entry", async () => {
    const page = await list({ source: "provider", limit: 5 });
    expect(phones(page)).toHaveLength(5);
    expect(page.nextCursor).toBeNull();
  });

  it("lists every source without a filter, newest first, an undated entry last", async () => {
    const page = await list({ limit: 50 });
    expect(page.suppressions.map((entry) => entry.source)).toEqual([
      "admin",
      "free_text",
      ...Array.from({ length: 5 }, () => "provider"),
      "inbound",
    ]);
    expect(page.suppressions[7]).toMatchObject({ phoneNumber: "+15555550167", createdAt: null });
  });

  it.each([
    ["made up", "+15555550199", false],
    ["lifted since", "+15555550161", true],
  ])("refuses a cursor %s as a RequestError at cursor", async (_, cursor, lifted) => {
    if (lifted) await remove({ phoneNumber: cursor, reason: "x", force: true });
    const error = await refused(list({ source: "provider", limit: 3, cursor }), RequestError);
    expect(error.path).toBe("cursor");
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
    `${STOPPED},already stopped`,
    "+1 555 555 0200,out of range",
    "5555550172",
  ].join("\r\n");
  const imported = ["+15555550170", "+15555550171", "+15555550172"];
  const invalid = [
    { line: 5, value: "not a number", reason: "not a phone number" },
    { line: 8, value: "+1 555 555 0200", reason: "not a valid phone number" },
  ];
  const report = { total: 7, added: 3, alreadySuppressed: 1, duplicates: 1, invalid };
  const request = { csv, reason: "old CRM list" };
  const importedEntry = { source: "import", reason: request.reason, createdBy: ADMIN.uid };

  beforeEach(() => store.seed(STOPPED, STOP));

  it("adds the new numbers with their events and reports exact counts and lines", async () => {
    await expect(importList(request)).resolves.toEqual({ ...report, dryRun: false });
    expect(store.numbers()).toEqual([STOPPED, ...imported]);
    for (const phone of imported) {
      expect(store.suppression(phone)).toMatchObject(importedEntry);
      expect(trail(phone)).toEqual([["opted_out", "import", "old CRM list", ADMIN.uid, null]]);
    }
  });

  it("leaves a number suppressed by a STOP with its STOP entry and no new event", async () => {
    const stop = store.suppression(STOPPED);
    await importList(request);
    expect(store.suppression(STOPPED)).toEqual(stop);
    expect(trail(STOPPED)).toEqual([]);
  });

  it("reports the same in a dry run and writes nothing", async () => {
    const before = store.state();

    const dryRun = await importList({ ...request, dryRun: true });
    expect(dryRun).toEqual({ ...report, dryRun: true });
    expect(store.state()).toEqual(before);
  });

  it("counts everything as already suppressed on a second run, writing nothing more", async () => {
    await importList(request);
    const after = store.state();
    const again = await importList(request);
    expect(again).toEqual({ ...report, added: 0, alreadySuppressed: 4, dryRun: false });
    expect(store.state()).toEqual(after);
  });

  it.each([
    ["csv", (lines: string[]) => ({ csv: lines.join("\n"), reason: "x" })],
    ["rows", (lines: string[]) => ({ rows: lines, reason: "x" })],
  ])("refuses more than 10,000 numbers at %s, writing nothing", async (path, requestOf) => {
    const before = store.state();
    const lines = Array.from({ length: 10_001 }, () => "+15555550174");
    const error = await refused(importList(requestOf(lines)), RequestError);
    expect(error.path).toBe(path);
    expect(error.message).toBe("at most 10,000 numbers per import; this one has 10,001");
    expect(store.state()).toEqual(before);
  });
});
