/**
 * Part 5 of `npm run bench`: the reconciliation job's cost against the number of messages
 * stored.
 *
 * The job (the compiled lib/services/messages/reconcile, with the real Twilio adapter and SDK)
 * runs in this process against the Firestore emulator and a minimal Twilio stand-in that
 * answers every fetch with a delivered, priced message. Two datasets differ only in what the
 * job should never read: 1,000 and 20,000 stored messages, in both exactly 100 due for a check
 * (sent through Twilio over 10 minutes ago, never called back). The rest are settled (delivered
 * with a price), went through SNS, failed before sending, were closed as `deliveryUnknown`, or
 * are due only later. The ratio of the median run times, 20k over 1k, is near 1 when the query
 * reads only what needs work (`reconcileAfter`, which nothing else carries).
 *
 * Before each run the 100 are put back as due (untimed); each run must record 100 deliveries.
 * The data goes to the demo-sms-bench project, which no trigger watches (see bench/jobs.js: the
 * default app is initialised with it before the backend's db() runs, or reused when the jobs
 * part made it already).
 */
const http = require("node:http");
const path = require("node:path");
const { performance } = require("node:perf_hooks");
const { clearProject, countReads, median, writeAll } = require("./jobsFirestore");
const { seconds, size, withStdoutMuted } = require("./measure");

const LIB = path.join(path.resolve(__dirname, ".."), "lib");
const BENCH_PROJECT = "demo-sms-bench";
const SIZES = [1_000, 20_000];
const DUE = 100;
const RUNS = 5;
const NOW = new Date("2026-11-24T15:00:00Z");
const MINUTE_MS = 60_000;
const ACCOUNT_SID = "AC00000000000000000000000000000000";
const FETCH = /^\/2010-04-01\/Accounts\/AC\w+\/Messages\/(SM[0-9a-f]{32})\.json$/;

const sid = (i) => `SM${i.toString(16).padStart(32, "0")}`;

/** A Twilio that knows every message as delivered and priced; counts the fetches. */
async function startFetchStandIn() {
  let fetches = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const match = FETCH.exec((req.url ?? "").split("?")[0]);
      if (req.method !== "GET" || !match) {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ code: 20404, message: "Not found", status: 404 }));
        return;
      }
      fetches += 1;
      const now = new Date().toUTCString().replace("GMT", "+0000");
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          sid: match[1],
          account_sid: ACCOUNT_SID,
          status: "delivered",
          error_code: null,
          error_message: null,
          num_segments: "1",
          price: "-0.00790",
          price_unit: "USD",
          date_updated: now,
        }),
      );
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    baseUrl: `http://127.0.0.1:${server.address().port}`,
    get fetches() {
      return fetches;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A message of the dataset; `i` < DUE are the ones due for a check. */
function messageDoc(i, Timestamp) {
  const at = (minutes) => Timestamp.fromMillis(NOW.getTime() + minutes * MINUTE_MS);
  const base = {
    to: `+1555555${String(i % 10_000).padStart(4, "0")}`,
    body: "Your tutor session starts at 5 PM.",
    channel: "sms",
    type: "task_reminder",
    status: "delivered",
    provider: "twilio",
    providerMessageId: sid(i),
    segments: 1,
    price: 0.0079,
    priceUnit: "USD",
    error: null,
    createdAt: at(-120 - (i % 5000)),
    sentAt: at(-120 - (i % 5000)),
    expireAt: at(90 * 24 * 60),
  };
  if (i < DUE) return { ...base, status: "sent", price: null, reconcileAfter: at(-100 + i / 100) };
  switch (i % 10) {
    case 0:
      return { ...base, status: "sent", provider: "sns", price: 0.00645 };
    case 1:
      return { ...base, status: "failed", provider: null, providerMessageId: null, price: null };
    case 2:
      return { ...base, status: "sent", price: null, deliveryUnknown: true };
    case 3: // sent minutes ago: its first check is still ahead
      return { ...base, status: "sent", price: null, sentAt: at(-2), reconcileAfter: at(8) };
    default:
      return base;
  }
}

/** Puts the DUE messages back as due (they were delivered by the previous run). */
async function resetDue(db, Timestamp) {
  const batch = db.batch();
  for (let i = 0; i < DUE; i++) {
    batch.set(db.collection("sms_messages").doc(`bench-msg-${i}`), messageDoc(i, Timestamp));
  }
  await batch.commit();
}

async function reconcileBench() {
  if (!process.env.FIRESTORE_EMULATOR_HOST) {
    return ["reconcile    skipped: needs the emulators (npm run bench starts them)"];
  }
  const { getApps, initializeApp } = require("firebase-admin/app");
  const { Firestore, getFirestore, Query, Timestamp } = require("firebase-admin/firestore");
  const existing = getApps().find((app) => app.name === "[DEFAULT]");
  if (existing && existing.options.projectId !== BENCH_PROJECT) {
    throw new Error(`the default app is ${existing.options.projectId}'s, not ${BENCH_PROJECT}'s`);
  }
  const db = getFirestore(existing ?? initializeApp({ projectId: BENCH_PROJECT }));
  const { reconcileMessages } = require(path.join(LIB, "services", "messages", "reconcile"));
  const { createTwilioProvider } = require(path.join(LIB, "messaging", "twilio", "provider"));
  const { db: backendDb } = require(path.join(LIB, "data", "firestore"));
  if (backendDb() !== db) throw new Error("the backend's db() is not the bench project's");

  const twilio = await startFetchStandIn();
  const source = createTwilioProvider({
    accountSid: ACCOUNT_SID,
    authToken: "bench",
    apiBaseUrl: twilio.baseUrl,
  });
  const reads = countReads({ Firestore, Query });
  const results = new Map();
  const warnings = [];
  try {
    for (const total of SIZES) {
      await clearProject(BENCH_PROJECT);
      const docs = Array.from({ length: total }, (_, i) => [
        "sms_messages",
        `bench-msg-${i}`,
        messageDoc(i, Timestamp),
      ]);
      await writeAll(db, docs);
      process.stderr.write(`bench: reconcile: seeded ${size(total)}\n`);
      const times = [];
      const readSet = new Set();
      for (let run = 0; run <= RUNS; run++) {
        await resetDue(db, Timestamp);
        reads.queries = 0;
        reads.documents = 0;
        const fetchesBefore = twilio.fetches;
        const start = performance.now();
        const report = await withStdoutMuted(() => reconcileMessages({ now: NOW, source }));
        const elapsed = (performance.now() - start) / 1000;
        const fetched = twilio.fetches - fetchesBefore;
        if (report.delivered !== DUE || fetched !== DUE) {
          warnings.push(
            `  WARNING    reconcile over ${size(total)} run ${run} delivered ${report.delivered}` +
              ` after ${fetched} fetches, not ${DUE}: ${JSON.stringify(report)}`,
          );
        }
        if (run === 0) continue; // warm-up
        times.push(elapsed);
        readSet.add(`${reads.queries} queries returning ${reads.documents} docs`);
      }
      results.set(total, { times, reads: [...readSet].join(" or ") });
    }
  } finally {
    reads.restore();
    await twilio.close();
    await clearProject(BENCH_PROJECT);
  }
  const [small, large] = SIZES.map((total) => results.get(total));
  const few = median(small.times);
  const many = median(large.times);
  const range = ({ times }) =>
    `${Math.min(...times).toFixed(2)}–${Math.max(...times).toFixed(2)} s`;
  return [
    `reconcile (${DUE} due)  ${size(SIZES[0])} ${seconds(few)}  ${size(SIZES[1])} ${seconds(many)}` +
      `  ratio ${(many / few).toFixed(2)} (target ≤ 1.5)`,
    `  (info)     ranges ${size(SIZES[0])} ${range(small)}, ${size(SIZES[1])} ${range(large)}` +
      ` (n=${RUNS} after a warm-up); read per run: ${size(SIZES[0])} ${small.reads},` +
      ` ${size(SIZES[1])} ${large.reads} (plus one transaction read per message checked)`,
    ...warnings,
  ];
}

module.exports = { reconcileBench };
