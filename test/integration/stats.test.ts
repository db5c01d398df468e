/**
 * `getSmsStats` through the web SDK: exact counts, delivery rate and cost over messages seeded
 * in March 2021 (no other test writes messages dated then), and its range boundaries.
 */
import { Timestamp } from "firebase-admin/firestore";
import { adminDb } from "../support/emulators";
import { anonymousClient, signedInClient, type WebClient } from "../support/webClient";
import type { GetSmsStatsRequest, GetSmsStatsResponse } from "../../functions/api/types";

const clients: WebClient[] = [];

async function as(uid: string, role?: string) {
  const c = await signedInClient(uid, role);
  clients.push(c);
  return c;
}

interface Seed {
  status: string;
  type: string;
  provider: string | null;
  price?: number;
  priceUnit?: string;
  createdAt?: string;
}

const START = "2021-03-01T00:00:00.000Z";
const END = "2021-04-01T00:00:00.000Z";
const MID = "2021-03-15T12:00:00.000Z";

/** A message of `type` in `status`, sent by `provider`; `extra` adds a price or a date. */
function m(status: string, type: string, provider: string | null, extra: Partial<Seed> = {}): Seed {
  return { status, type, provider, ...extra };
}
const usd = (price: number, createdAt?: string) => ({ price, priceUnit: "USD", createdAt });

const IN_RANGE: Seed[] = [
  m("delivered", "task_created", "twilio", usd(0.0079, START)), // at the start: included
  m("delivered", "task_created", "twilio", usd(0.0079)),
  m("delivered", "task_reminder", "twilio", usd(0.0079)),
  m("delivered", "campaign", "twilio", usd(0.0158)),
  m("delivered", "campaign", "twilio", { price: 0.05, priceUnit: "EUR" }),
  m("undelivered", "campaign", "twilio", usd(0.0079)),
  m("failed", "manual", "twilio"),
  m("failed", "manual", "sns"),
  m("sent", "daily_summary", "twilio", usd(0.0079)),
  m("sent", "daily_summary", "sns"),
  m("sent", "reminder", "console"),
  m("suppressed", "task_overdue", null),
  m("cancelled", "manual", null),
  m("scheduled", "reminder", null),
  m("deferred", "motivational", null),
  m("sending", "progress_update", null),
  m("queued", "task_updated", null, { createdAt: "2021-03-31T23:59:59.999Z" }), // last ms
];

const OUT_OF_RANGE: Seed[] = [
  m("delivered", "campaign", "twilio", usd(1, "2021-02-28T23:59:59.999Z")),
  m("delivered", "campaign", "twilio", usd(1, END)), // at the end: excluded
  m("failed", "manual", "sns", { createdAt: "2020-03-15T00:00:00.000Z" }),
  m("sent", "manual", "twilio", { price: 2, priceUnit: "GBP", createdAt: "2021-05-01T00:00:00Z" }),
];

const seededIds: string[] = [];

async function seed(seeds: Seed[], prefix: string) {
  await Promise.all(
    seeds.map(async (s, i) => {
      const id = `api-stats-${prefix}-${i}`;
      seededIds.push(id);
      const ref = adminDb().collection("sms_messages").doc(id);
      const createdAt = Timestamp.fromDate(new Date(s.createdAt ?? MID));
      // The outbox trigger delivers a message created `queued`; created otherwise, it leaves it.
      await ref.create({
        to: `+155555501${80 + (i % 10)}`,
        body: "Stats fixture",
        channel: "sms",
        type: s.type,
        userId: null,
        language: "en",
        status: s.status === "queued" ? "cancelled" : s.status,
        provider: s.provider,
        price: s.price ?? null,
        priceUnit: s.priceUnit ?? null,
        segments: 1,
        encoding: "GSM-7",
        attempts: 0,
        createdAt,
        updatedAt: createdAt,
      });
      if (s.status === "queued") await ref.update({ status: "queued" });
    }),
  );
}

beforeAll(async () => {
  await seed(IN_RANGE, "in");
  await seed(OUT_OF_RANGE, "out");
});

afterAll(async () => {
  await Promise.all(seededIds.map((id) => adminDb().collection("sms_messages").doc(id).delete()));
  await Promise.all(clients.map((c) => c.close()));
});

function stats(client: WebClient, request: GetSmsStatsRequest) {
  return client.call<GetSmsStatsRequest, GetSmsStatsResponse>("getSmsStats", request);
}

async function messageCount(): Promise<number> {
  return (await adminDb().collection("sms_messages").count().get()).data().count;
}

it("counts March 2021 by status, type and provider, with delivery rate and cost", async () => {
  const admin = await as("api-stats-admin", "admin");
  const result = await stats(admin, { startDate: START, endDate: END });
  expect(result).toEqual({
    total: 17,
    byStatus: {
      queued: 1,
      scheduled: 1,
      deferred: 1,
      sending: 1,
      sent: 3,
      delivered: 5,
      undelivered: 1,
      failed: 2,
      suppressed: 1,
      cancelled: 1,
    },
    byType: {
      task_created: 2,
      task_updated: 1,
      task_completed: 0,
      task_reminder: 1,
      motivational: 1,
      progress_update: 1,
      task_overdue: 1,
      daily_summary: 2,
      reminder_created: 0,
      reminder_updated: 0,
      reminder_completed: 0,
      reminder: 2,
      manual: 3,
      campaign: 3,
      appointment_reminder: 0,
      assessment_notification: 0,
      password_reset: 0,
      "2fa_code": 0,
    },
    byProvider: { twilio: 8, sns: 2, console: 1 },
    // 5 delivered of 5 + 1 undelivered + 2 failed.
    deliveryRate: 0.625,
    cost: {
      // 0.0079 × 4 + 0.0158 + 0.0079 (undelivered is billed too); the EUR price is kept apart.
      total: 0.0553,
      currency: "USD",
      // No SNS message of the range is priced: nothing is estimated.
      estimated: 0,
      otherCurrencies: [{ currency: "EUR", total: 0.05, estimated: 0 }],
    },
  });
});

it("takes zone offsets, and is [start, end): the last millisecond before the start only", async () => {
  const admin = await as("api-stats-admin", "admin");
  const result = await stats(admin, {
    startDate: "2021-02-28T20:00:00-03:00",
    endDate: "2021-03-01T03:00:00+03:00",
  });
  expect(result).toMatchObject({
    total: 1,
    byStatus: { delivered: 1, failed: 0 },
    byProvider: { twilio: 1, sns: 0, console: 0 },
    deliveryRate: 1,
    cost: { total: 1, currency: "USD" },
  });
  expect(result.cost.otherCurrencies).toBeUndefined();
});

it("answers zeros for a range without messages", async () => {
  const admin = await as("api-stats-admin", "admin");
  const result = await stats(admin, {
    startDate: "2019-01-01T00:00:00Z",
    endDate: "2020-01-01T00:00:00Z",
  });
  expect(result.total).toBe(0);
  expect(Object.values(result.byStatus).every((n) => n === 0)).toBe(true);
  expect(Object.values(result.byType).every((n) => n === 0)).toBe(true);
  expect(result.byProvider).toEqual({ twilio: 0, sns: 0, console: 0 });
  expect(result.deliveryRate).toBe(0);
  expect(result.cost).toEqual({ total: 0, currency: null, estimated: 0 });
});

it("refuses callers who are not signed in, or are not admins", async () => {
  const request = { startDate: START, endDate: END };
  const anonymous = anonymousClient();
  clients.push(anonymous);
  await expect(stats(anonymous, request)).rejects.toMatchObject({
    code: "functions/unauthenticated",
  });
  for (const [uid, role] of [
    ["api-stats-partner", "partner"],
    ["api-stats-student", "student"],
    ["api-stats-norole", undefined],
  ]) {
    await expect(stats(await as(uid as string, role), request)).rejects.toMatchObject({
      code: "functions/permission-denied",
    });
  }
});

const MALFORMED: [string, unknown][] = [
  ["no fields", {}],
  ["no endDate", { startDate: START }],
  ["no startDate", { endDate: END }],
  ["empty startDate", { startDate: "", endDate: END }],
  ["a word for a date", { startDate: "yesterday", endDate: END }],
  ["a date without a time", { startDate: "2021-03-01", endDate: END }],
  ["a date-time without a zone", { startDate: "2021-03-01T00:00:00", endDate: END }],
  ["February 30th", { startDate: "2021-02-30T00:00:00Z", endDate: END }],
  ["month 13", { startDate: "2021-13-01T00:00:00Z", endDate: END }],
  ["hour 25", { startDate: "2021-03-01T25:00:00Z", endDate: END }],
  ["an offset of +25:00", { startDate: START, endDate: "2021-04-01T00:00:00+25:00" }],
  ["milliseconds since 1970", { startDate: 1614556800000, endDate: END }],
  ["a null date", { startDate: null, endDate: END }],
  ["a Timestamp-like object", { startDate: { seconds: 1614556800, nanoseconds: 0 }, endDate: END }],
  ["an array for a date", { startDate: [START], endDate: END }],
  ["a very long string", { startDate: `${START}${"0".repeat(1000)}`, endDate: END }],
  ["end equal to start", { startDate: START, endDate: START }],
  ["end before start", { startDate: END, endDate: START }],
  ["367 days", { startDate: "2021-01-01T00:00:00Z", endDate: "2022-01-03T00:00:00Z" }],
  ["an extra field", { startDate: START, endDate: END, provider: "twilio" }],
  ["an array instead of an object", [START, END]],
  ["a string instead of an object", `${START}/${END}`],
  ["null instead of an object", null],
  ["a boolean instead of an object", true],
];

it.each(MALFORMED)(
  "answers invalid-argument with issues to %s, and writes nothing",
  async (_name, request) => {
    const admin = await as("api-stats-admin", "admin");
    const before = await messageCount();
    const error = (await admin.call("getSmsStats", request).catch((e: unknown) => e)) as {
      code: string;
      details?: { issues?: { path: string }[] };
    };
    expect(error).toMatchObject({ code: "functions/invalid-argument" });
    expect(error.details?.issues?.length).toBeGreaterThan(0);
    expect(await messageCount()).toBe(before);
  },
);

it("names endDate when the range is wrong", async () => {
  const admin = await as("api-stats-admin", "admin");
  const error = (await admin
    .call("getSmsStats", { startDate: END, endDate: START })
    .catch((e: unknown) => e)) as { details: { issues: unknown[] } };
  expect(error.details.issues).toEqual([{ path: "endDate", message: "must be after startDate" }]);
});
