#!/usr/bin/env node
/**
 * With `npm start` running: fires one scheduled function now, as Cloud Scheduler would, and
 * prints what it did.
 *
 *   npm run job -- dailyReminders                          as of now
 *   npm run job -- dailyReminders 2026-11-24T06:00:00Z     as of a chosen time (09:00 in Istanbul)
 *
 * The jobs take "now" from the schedule time, so a chosen time makes it 09:00 (18:00, Sunday
 * 20:00, 21:00) somewhere. The messages the run created (and any delivered meanwhile) are
 * listed by status. A message held by quiet hours (`deferred`) waits for the sweep:
 * `npm run job -- retries <a later time>` delivers it.
 */
process.env.FIRESTORE_EMULATOR_HOST ??= "127.0.0.1:8080";
const { initializeApp } = require("firebase-admin/app");
const { getFirestore, Timestamp } = require("firebase-admin/firestore");

const PROJECT = process.env.GCLOUD_PROJECT || "demo-sms-backend";
const FUNCTIONS = `http://127.0.0.1:5001/${PROJECT}/us-central1`;
/** Job names (as the runJob callable knows them) → scheduled functions: functions/jobs.ts. */
function scheduledFunctions() {
  let registry;
  try {
    ({ JOB_REGISTRY: registry } = require("../lib/jobs"));
  } catch {
    throw new Error("The backend is not built: run `npm start` (it builds) first.");
  }
  return Object.fromEntries(
    Object.entries(registry)
      .filter(([, entry]) => entry.functionName)
      .map(([job, entry]) => [job, entry.functionName]),
  );
}
const FUNCTION_OF = scheduledFunctions();
const IN_FLIGHT = new Set(["queued", "sending"]);

function usage(message) {
  if (message) console.error(message);
  console.error(
    `usage: npm run job -- <${Object.keys(FUNCTION_OF).join(" | ")}> [ISO time, default now]`,
  );
  process.exit(1);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function fire(name, scheduleTime) {
  const url = `${FUNCTIONS}/${name}-0`;
  let response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: {
        "X-CloudScheduler-JobName": name,
        "X-CloudScheduler-ScheduleTime": scheduleTime.toISOString(),
      },
    });
  } catch {
    throw new Error(
      `The Functions emulator does not answer at ${FUNCTIONS}: is \`npm start\` running?`,
    );
  }
  const text = await response.text();
  return { ok: response.ok, status: response.status, text };
}

/** The messages `find` returns once deliveries that are due have settled (at most ~10 s). */
async function settled(find) {
  let docs = [];
  for (let i = 0; i < 20; i++) {
    docs = await find();
    const now = Date.now();
    const busy = docs.some((doc) => {
      const m = doc.data();
      return IN_FLIGHT.has(m.status) && (!m.nextAttemptAt || m.nextAttemptAt.toMillis() <= now);
    });
    if (!busy) break;
    await sleep(500);
  }
  return docs;
}

function printByStatus(docs) {
  const byStatus = new Map();
  for (const doc of docs) {
    const list = byStatus.get(doc.get("status")) ?? [];
    list.push(doc);
    byStatus.set(doc.get("status"), list);
  }
  for (const [status, list] of [...byStatus].sort()) {
    console.log(`  ${status} (${list.length})`);
    for (const doc of list) {
      const m = doc.data();
      const reason = m.error ? `  [${m.error.code}]` : "";
      console.log(`    ${doc.id} -> ${m.to}${reason}`);
      console.log(`      ${m.body}`);
    }
  }
}

async function main() {
  const [job, time] = process.argv.slice(2);
  if (!job) usage();
  const name = FUNCTION_OF[job];
  if (!name) usage(`Unknown job "${job}".`);
  const scheduleTime = time ? new Date(time) : new Date();
  if (isNaN(scheduleTime.getTime())) usage(`Not a date: "${time}".`);

  initializeApp({ projectId: PROJECT });
  const db = getFirestore();
  const firedAt = Timestamp.now();
  const started = Date.now();
  const result = await fire(name, scheduleTime);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `${job} (${name}) as of ${scheduleTime.toISOString()}: HTTP ${result.status} in ${seconds} s`,
  );
  if (!result.ok) console.log(`  ${result.text.trim()}`);

  const run = await db.collection("sms_job_runs").doc(`${job}_${scheduleTime.toISOString()}`).get();
  if (run.exists) {
    const { report, completedAt, invocations } = run.data();
    const state = completedAt ? "completed" : "incomplete (a retry resumes it)";
    console.log(
      `Run ${run.id}: ${state} after ${invocations} invocation(s); ${report.recipients} ` +
        `considered, ${report.queued} queued, ${report.alreadyQueued} already queued, ` +
        `${report.skipped} skipped`,
    );
  }
  // Jobs create their messages with the schedule time as `createdAt`; deliveries (by the
  // outbox trigger, or the sweep for "retries") stamp `updatedAt` with the real time.
  const messages = db.collection("sms_messages");
  const docs = await settled(async () => {
    const [created, changed] = await Promise.all([
      messages.where("createdAt", "==", Timestamp.fromDate(scheduleTime)).get(),
      // Up to the real clock: messages queued for a later time carry that time, not a change.
      messages.where("updatedAt", ">=", firedAt).where("updatedAt", "<=", Timestamp.now()).get(),
    ]);
    const byId = new Map([...created.docs, ...changed.docs].map((doc) => [doc.id, doc]));
    return [...byId.values()];
  });
  console.log(`${docs.length} message(s) created by this run or changed since it was fired:`);
  printByStatus(docs);
  if (docs.length === 0 && job === "overdue") {
    console.log("  (none: no open task's deadline passed in the 26 hours before that time)");
  } else if (docs.length === 0 && job !== "retries" && job !== "dueReminders") {
    console.log(
      "  (none: is it the job's local hour anywhere at that time? e.g. dailyReminders " +
        "2026-11-24T14:00:00Z is 09:00 in New York, 06:00Z in Istanbul, 00:00Z in Tokyo)",
    );
  }
}

main()
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
