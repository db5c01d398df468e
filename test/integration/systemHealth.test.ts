/**
 * `getSystemHealth`, `healthz` and the `monitor` job over documents seeded with the Admin SDK:
 * a stuck message, a job run that never completed, a failing minute job, today's priced and
 * failed messages. What an admin sees, what the world sees, and what others are refused.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Timestamp } from "firebase-admin/firestore";
import { adminDb, waitFor } from "../support/emulators";
import { useWebClients } from "../support/lifecycle";
import { anonymousClient } from "../support/webClient";
import type { GetSystemHealthResponse } from "../../functions/api/types";

const { clients, as, signedIn } = useWebClients();
const admin = signedIn("health-admin", "admin");

const HEALTHZ = "http://127.0.0.1:5001/demo-sms-test/us-central1/healthz";
const MINUTE = 60_000;
const now = Date.now();
const ago = (ms: number) => Timestamp.fromMillis(now - ms);
const runTime = new Date(Math.floor((now - 3 * 60 * MINUTE) / 3_600_000) * 3_600_000);
const RUN_ID = `overdue_${runTime.toISOString()}`;

/** A message document as the outbox writes it, created in a status no trigger acts on. */
async function seedMessage(id: string, fields: Record<string, unknown>) {
  const ref = adminDb().collection("sms_messages").doc(id);
  const { status, ...rest } = fields;
  await ref.create({
    to: "+15555550230",
    body: "Health fixture",
    channel: "sms",
    type: "manual",
    userId: null,
    language: "en",
    status: "cancelled",
    provider: null,
    price: null,
    priceUnit: null,
    segments: 1,
    encoding: "GSM-7",
    attempts: 0,
    nextAttemptAt: null,
    leaseExpiresAt: null,
    createdAt: ago(30 * MINUTE),
    updatedAt: ago(30 * MINUTE),
    ...rest,
  });
  // Created `cancelled` so the outbox trigger leaves it; then put in its real status.
  if (status !== "cancelled") await ref.update({ status });
}

async function healthz(method = "GET"): Promise<{ status: number; body: string }> {
  const response = await fetch(HEALTHZ, { method });
  return { status: response.status, body: await response.text() };
}

beforeAll(async () => {
  await Promise.all([
    seedMessage("health-stuck-sending", {
      status: "sending",
      attempts: 1,
      leaseExpiresAt: ago(20 * MINUTE),
    }),
    seedMessage("health-stuck-queued", { status: "queued", nextAttemptAt: ago(25 * MINUTE) }),
    ...[0.5, 0.25, 0.5].map((price, i) =>
      seedMessage(`health-delivered-${i}`, {
        status: "delivered",
        provider: "twilio",
        price,
        priceUnit: "USD",
        createdAt: ago(i * MINUTE),
      }),
    ),
    // 21 failures in the last hour: over SMS_ALERT_FAILURE_RATE (0.2) and the minimum of 20.
    ...Array.from({ length: 21 }, (_, i) =>
      seedMessage(`health-failed-${i}`, { status: "failed", provider: "twilio" }),
    ),
    // Two days old: outside the last 24 hours.
    seedMessage("health-old", { status: "delivered", createdAt: ago(48 * 60 * MINUTE) }),
    adminDb()
      .collection("sms_job_runs")
      .doc(RUN_ID)
      .set({
        job: "overdue",
        scheduleTime: Timestamp.fromDate(runTime),
        cursor: { zone: 3 },
        report: { recipients: 40, queued: 12, alreadyQueued: 0, skipped: 1 },
        invocations: 4,
        startedAt: Timestamp.fromDate(runTime),
        updatedAt: Timestamp.fromDate(runTime),
        completedAt: null,
        expireAt: Timestamp.fromMillis(now + 30 * 86_400_000),
      }),
    adminDb()
      .collection("sms_job_status")
      .doc("dueReminders")
      .set({
        job: "dueReminders",
        lastScheduleTime: ago(MINUTE),
        lastFinishedAt: ago(MINUTE - 2000),
        lastOutcome: "failed",
        lastError: "deadline exceeded",
        lastDurationMs: 2000,
        lastCompletedScheduleTime: ago(40 * MINUTE),
      }),
  ]);
});

it("shows an admin the stuck messages, the failed runs, the last 24 hours and the spend", async () => {
  const health: GetSystemHealthResponse = await admin.api("getSystemHealth", {});

  expect(health.status).toBe("degraded");
  expect(health.problems).toContain("2 message(s) are stuck past their due time or lease.");
  expect(health.stuck).toEqual({ pending: 1, sending: 1, total: 2, afterMinutes: 10 });
  expect(health.oldestQueued).toMatchObject({ messageId: "health-stuck-queued" });
  expect(health.oldestQueued?.waitingSeconds).toBeGreaterThanOrEqual(25 * 60);

  expect(health.incompleteRuns).toEqual([
    expect.objectContaining({ runId: RUN_ID, job: "overdue", scheduleTime: runTime.toISOString() }),
  ]);
  const job = (name: string) => health.jobs.find((j) => j.job === name);
  expect(job("overdue")).toMatchObject({
    functionName: "overdueJob",
    lastRun: { scheduleTime: runTime.toISOString(), outcome: "incomplete", finishedAt: null },
  });
  expect(job("dueReminders")?.lastRun).toMatchObject({
    outcome: "failed",
    error: "deadline exceeded",
  });
  expect(job("monitor")).toMatchObject({
    functionName: "monitorJob",
    schedule: "every 15 minutes",
  });
  // Every scheduled function of the registry is listed; jobs run only by hand are not.
  expect(health.jobs.map((j) => j.job)).toEqual(
    expect.arrayContaining(["retries", "dueCampaigns"]),
  );
  expect(health.jobs.map((j) => j.job)).not.toContain("syncTasks");

  expect(health.last24h.byStatus).toMatchObject({
    delivered: 3,
    failed: 21,
    sending: 1,
    queued: 1,
  });
  expect(health.last24h.total).toBe(26);
  expect(health.last24h.deliveryRate).toBeCloseTo(3 / 24, 4);
  expect(health.spend).toMatchObject({ currency: "USD", total: 1.25, budget: 1, overBudget: true });

  expect(health.providers).toMatchObject({
    mode: "auto",
    sending: ["twilio", "sns"],
    configurationError: null,
  });
  expect(health.providers.health.map((p) => [p.provider, p.configured, p.role])).toEqual([
    ["twilio", true, "primary"],
    ["sns", true, "fallback"],
  ]);
});

it("never answers with a secret", async () => {
  const text = JSON.stringify(await admin.api("getSystemHealth", {}));
  const secrets = readFileSync(join(__dirname, "../../.secret.local"), "utf8")
    .split("\n")
    .map((line) => /^[A-Z_]+=(.+)$/.exec(line.trim())?.[1])
    .filter((value): value is string => Boolean(value));
  expect(secrets.length).toBeGreaterThan(0);
  for (const secret of secrets) expect(text).not.toContain(secret);
});

it("refuses everyone but admins, and a request with anything in it", async () => {
  for (const role of ["partner", "student"]) {
    const user = await as(`health-${role}`, role);
    await expect(user.api("getSystemHealth", {})).rejects.toMatchObject({
      code: "functions/permission-denied",
    });
  }
  // An admin claim in a users document grants nothing.
  await adminDb().collection("users").doc("health-doc-admin").set({ role: "admin" });
  const forged = await as("health-doc-admin");
  await expect(forged.api("getSystemHealth", {})).rejects.toMatchObject({
    code: "functions/permission-denied",
  });
  const anonymous = anonymousClient();
  clients.push(anonymous);
  await expect(anonymous.api("getSystemHealth", {})).rejects.toMatchObject({
    code: "functions/unauthenticated",
  });
  await expect(admin.call("getSystemHealth", { verbose: true })).rejects.toMatchObject({
    code: "functions/invalid-argument",
  });
});

it("tells the world only degraded while messages are stuck, then ok", async () => {
  // An answer is cached a few seconds per instance: one from an earlier file may still be served.
  const answered = (body: string) =>
    waitFor(`healthz to answer ${body}`, async () => {
      const answer = await healthz();
      return answer.body === body ? answer : undefined;
    });
  expect(await answered("degraded")).toEqual({ status: 503, body: "degraded" });
  expect(await healthz("POST")).toEqual({ status: 503, body: "degraded" });
  await adminDb().collection("sms_messages").doc("health-stuck-sending").delete();
  await adminDb().collection("sms_messages").doc("health-stuck-queued").delete();
  expect(await answered("ok")).toEqual({ status: 200, body: "ok" });
});

describe("the monitor job", () => {
  it("logs each alert once per period: a rerun raises nothing new", async () => {
    await seedMessage("health-stuck-again", {
      status: "sending",
      attempts: 1,
      leaseExpiresAt: ago(20 * MINUTE),
    });
    const first = await admin.api("runJob", { job: "monitor" });
    const hour = new Date().toISOString().slice(0, 13);
    const day = hour.slice(0, 10);
    expect(first.report).toMatchObject({
      lastHour: { outcomes: 24, failed: 21 },
      spendToday: 1.25,
      stuck: { pending: 0, sending: 1 },
      incompleteRuns: 2,
    });
    expect((first.report.raised as string[]).sort()).toEqual(
      [
        `sms_daily_budget_exceeded_${day}`,
        `sms_failure_rate_high_${hour}`,
        `sms_job_incomplete_${RUN_ID}`,
        `sms_job_incomplete_dueReminders_after_${ago(40 * MINUTE)
          .toDate()
          .toISOString()}`,
        `sms_messages_stuck_${hour}`,
      ].sort(),
    );
    const marker = await adminDb()
      .collection("sms_alerts")
      .doc(`sms_job_incomplete_${RUN_ID}`)
      .get();
    expect(marker.data()).toMatchObject({ event: "sms_job_incomplete" });

    const again = await admin.api("runJob", { job: "monitor" });
    expect(again.report).toMatchObject({ raised: [], alreadyRaised: 5 });
  });
});
