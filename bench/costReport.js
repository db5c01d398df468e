/**
 * Part of `npm run bench` ("cost-report"): `getCostReport` over a month of 1,000 and of 20,000
 * stored messages, by each grouping, run in this process (the compiled
 * lib/services/messages/costReport, as the callable calls it) against the Firestore emulator.
 *
 * What it shows: the report reads the same number of documents whatever the month holds. It
 * runs aggregation queries (count, sum of `price`), which production bills one read per 1,000
 * index entries they match and answers from the indexes in firestore.indexes.json, plus a few
 * small reads (the currencies, and the campaigns of the month). The line prints, per grouping,
 * the aggregations, queries and documents one report made at each size: they are equal. The
 * time is printed too, but the emulator has no indexes and answers each aggregation by scanning
 * the collection, so there the time grows with the messages; in production it does not.
 *
 * The data: messages created in March 2026 by twilio, sns (priced, `priceEstimated`), console
 * and email, of six types, to the US, Turkey and Germany, 20 campaigns (their documents too)
 * and one message in ten outside any campaign; prices in USD, a few in EUR. It goes to its own
 * project, demo-sms-bench (as in bench/jobs.js), cleared before and after; the totals are
 * checked against the sums of what was written.
 */
const path = require("node:path");
const { performance } = require("node:perf_hooks");
const { clearProject, countReads, median, writeAll } = require("./jobsFirestore");

const LIB = path.join(path.resolve(__dirname, ".."), "lib");
const BENCH_PROJECT = "demo-sms-bench";
const SIZES = [1_000, 20_000];
const RUNS = 5;
const GROUPINGS = ["provider", "type", "campaign", "country"];
const CAMPAIGNS = 20;
const MONTH = "2026-03";
const SETTINGS = { allowedCountries: ["US", "TR"] };

const PROVIDERS = ["twilio", "twilio", "twilio", "sns", "console", "email"];
const TYPES = ["task_created", "task_reminder", "motivational", "reminder", "manual", "campaign"];
const COUNTRIES = ["US", "US", "TR", "DE"];
const PRICES = { US: 0.0079, TR: 0.0505, DE: 0.08 };

const seconds = (value) => `${value.toFixed(3)} s`;
const size = (n) => `${n / 1000}k`;

/** The i-th message of a dataset, and what it adds to the USD totals. */
function message(i, Timestamp) {
  const provider = PROVIDERS[i % PROVIDERS.length];
  const country = provider === "email" ? null : COUNTRIES[i % COUNTRIES.length];
  const priced = provider === "twilio" || provider === "sns";
  const currency = i % 50 === 0 ? "EUR" : "USD";
  const price = priced ? PRICES[country] * (1 + (i % 3)) : null;
  const campaignId = i % 10 === 0 ? null : `bench-campaign-${i % CAMPAIGNS}`;
  // Spread over the month, away from its edges.
  const createdAt = Timestamp.fromMillis(Date.UTC(2026, 2, 1, 1) + (i % 29) * 86_400_000 + i);
  return {
    usd: priced && currency === "USD" ? price : 0,
    doc: {
      to: `+1555555${String(1000 + (i % 9000)).padStart(4, "0")}`,
      body: "Cost bench",
      channel: provider === "email" ? "email" : "sms",
      type: campaignId ? "campaign" : TYPES[i % TYPES.length],
      userId: null,
      campaignId,
      language: "en",
      status: "sent",
      provider,
      price,
      priceUnit: priced ? currency : null,
      ...(provider === "sns" ? { priceEstimated: true } : {}),
      country,
      segments: 1 + (i % 3),
      encoding: "GSM-7",
      attempts: 1,
      createdAt,
      updatedAt: createdAt,
    },
  };
}

/** The documents of a dataset as [collection, id, data], and the USD total they cost. */
function dataset(total, Timestamp) {
  const docs = [];
  let usd = 0;
  for (let i = 0; i < total; i++) {
    const m = message(i, Timestamp);
    usd += m.usd;
    docs.push(["sms_messages", `bench-cost-${i}`, m.doc]);
  }
  for (let c = 0; c < CAMPAIGNS; c++) {
    const startedAt = Timestamp.fromMillis(Date.UTC(2026, 1, 27 + c));
    docs.push([
      "sms_campaigns",
      `bench-campaign-${c}`,
      { name: `Bench ${c}`, status: "running", startedAt, completedAt: null, cancelledAt: null },
    ]);
  }
  return { docs, usd };
}

/** Counts aggregation queries (count, sum) as countReads counts queries and documents. */
function countAggregations(db) {
  const prototype = Object.getPrototypeOf(db.collection("sms_messages").count());
  const { get } = prototype;
  const counts = { aggregations: 0 };
  prototype.get = async function (...args) {
    counts.aggregations++;
    return get.apply(this, args);
  };
  counts.restore = () => {
    prototype.get = get;
  };
  return counts;
}

async function costReportBench() {
  if (!process.env.FIRESTORE_EMULATOR_HOST) {
    return ["cost report  skipped: needs the emulators (npm run bench starts them)"];
  }
  const { getApp, getApps, initializeApp } = require("firebase-admin/app");
  const { Firestore, getFirestore, Query, Timestamp } = require("firebase-admin/firestore");
  // The backend's db() uses the default app: it must be the bench project's (bench/jobs.js
  // may have made it already, with that project).
  const existing = getApps().find((app) => app.name === "[DEFAULT]");
  if (existing && existing.options.projectId !== BENCH_PROJECT) {
    throw new Error(`the default app is ${existing.options.projectId}'s, not ${BENCH_PROJECT}'s`);
  }
  const db = getFirestore(existing ? getApp() : initializeApp({ projectId: BENCH_PROJECT }));
  const { costReport } = require(path.join(LIB, "services", "messages", "costReport"));
  const { monthRange } = require(path.join(LIB, "domain", "costReport"));
  const { db: backendDb } = require(path.join(LIB, "data", "firestore"));
  if (backendDb() !== db) throw new Error("the backend's db() is not the bench project's");

  const range = monthRange(MONTH);
  const reads = countReads({ Firestore, Query });
  const aggregations = countAggregations(db);
  /** Size → grouping → { seconds, read }. */
  const results = new Map();
  const warnings = [];
  try {
    for (const total of SIZES) {
      await clearProject(BENCH_PROJECT);
      const { docs, usd } = dataset(total, Timestamp);
      await writeAll(db, docs);
      process.stderr.write(`bench: cost report: seeded ${size(total)}\n`);
      const byGrouping = new Map();
      for (const groupBy of GROUPINGS) {
        const times = [];
        let read = "";
        for (let run = 0; run <= RUNS; run++) {
          reads.queries = 0;
          reads.documents = 0;
          aggregations.aggregations = 0;
          const start = performance.now();
          const report = await costReport(range, groupBy, { settings: SETTINGS });
          const elapsed = (performance.now() - start) / 1000;
          if (report.count !== total || Math.abs(report.total - usd) > 1e-6) {
            warnings.push(
              `  WARNING    ${groupBy} over ${size(total)}: count ${report.count} (want ${total}),` +
                ` total ${report.total} (want ${usd.toFixed(6)})`,
            );
          }
          if (run === 0) continue; // warm-up
          times.push(elapsed);
          read =
            `${aggregations.aggregations} aggregations, ` +
            `${reads.queries} queries, ${reads.documents} docs`;
        }
        byGrouping.set(groupBy, { seconds: median(times), read });
      }
      results.set(total, byGrouping);
    }
  } finally {
    reads.restore();
    aggregations.restore();
    await clearProject(BENCH_PROJECT);
  }

  const [small, large] = SIZES;
  const lines = GROUPINGS.map((groupBy, index) => {
    const few = results.get(small).get(groupBy);
    const many = results.get(large).get(groupBy);
    const same = few.read === many.read ? "same reads" : "READS DIFFER";
    return (
      (index === 0 ? "cost report" : "").padEnd(13) +
      `${groupBy.padEnd(9)}${size(small)} ${seconds(few.seconds)}  ${size(large)} ` +
      `${seconds(many.seconds)} (ratio ${(many.seconds / few.seconds).toFixed(1)}, emulator scans)` +
      `  per report: ${size(small)} ${few.read}; ` +
      `${size(large)} ${many.read} (${same})`
    );
  });
  lines.push(
    `  (info)     medians of ${RUNS} after a warm-up; production bills an aggregation one read` +
      ` per 1,000 index entries and answers it from an index, the emulator scans the collection`,
    ...warnings,
  );
  return lines;
}

module.exports = { costReportBench };
