/**
 * Part 3 of `npm run bench`: the scheduled jobs' cost against the number of tasks stored.
 *
 * The overdue sweep and the 09:00 reminders run in this process (the compiled
 * lib/services/jobs, as the scheduled functions call them) against the Firestore emulator, over
 * two datasets that differ only in what the jobs should never read: 1,000 and 20,000 tasks, in
 * both exactly 100 due for each job. The ratio of the median run times, 20k over 1k, is near 1
 * when every query is driven by an index (docs/jobs.md, "Scheduled notifications").
 *
 * - Overdue: 100 open tasks whose deadline passed in the hour before NOW (Timestamps, ISO
 *   strings with `Z`, with an offset, and naive local ones), assigned to students elsewhere.
 * - 09:00: 100 students in America/New_York, where NOW is 09:00, each with one pending task.
 * - The rest (N − 200 tasks) belong to 500 (1k) or 2,000 (20k) students in zones where it is
 *   not 09:00, with deadlines months away (ahead or behind), or none, some completed.
 *
 * The data goes to its own project, demo-sms-bench, never to the one whose triggers the
 * Functions emulator runs (demo-sms-test): 20,000 task writes there would each start the task
 * trigger. The backend's db() initialises the default app with no options, which would take
 * the project from FIREBASE_CONFIG (set by `emulators:exec`, and read before GCLOUD_PROJECT),
 * so this file initialises the default app itself, with the bench project, before db() runs.
 * It checks that no sms_messages appear in the triggers' project meanwhile.
 *
 * Each run starts from no sms_messages and no sms_job_runs (cleared, untimed), so the jobs'
 * deterministic ids and run records never short-circuit a run. The backend's info logs (one
 * per message queued) are muted while a job runs; warnings still show.
 *
 * The Firestore emulator has no indexes: it answers every query by scanning the collection (a
 * subcollection query scans every collection of that name), so a job's time would grow with
 * any query on `tasks` even where production reads an index. The jobs read the projections by
 * document id instead (services/tasks/projections). An info line shows what a `tasks` query that
 * matches nothing costs in each dataset.
 */
const path = require("node:path");
const { performance } = require("node:perf_hooks");
const { DUE, NOW, SETTINGS, dataset } = require("./jobsData");
const { seconds, size, withStdoutMuted } = require("./measure");
const {
  clearOutputs,
  clearProject,
  countDocs,
  countReads,
  median,
  scanProbe,
  writeAll,
} = require("./jobsFirestore");

const ROOT = path.resolve(__dirname, "..");
const LIB = path.join(ROOT, "lib");
/** Where the benchmark data goes: no trigger listens to it. */
const BENCH_PROJECT = "demo-sms-bench";
/** The project `emulators:exec` runs, whose triggers must stay quiet. */
const TRIGGER_PROJECT = process.env.GCLOUD_PROJECT || "demo-sms-test";
const SIZES = [1_000, 20_000];
/** Timed runs per job and dataset, after one untimed warm-up. */
const RUNS = 5;
/** Lets a trigger that should not have fired show its work before the check. */
const TRIGGER_SETTLE_MS = 2_000;

const JOBS = [
  { name: "overdue", label: "overdue" },
  { name: "dailyReminders", label: "09:00" },
];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One timed run of `job` on clean outputs: seconds, what it reported, what it read. */
async function timedRun(db, jobs, job, reads) {
  await clearOutputs(db);
  return withStdoutMuted(async () => {
    reads.queries = 0;
    reads.documents = 0;
    const start = performance.now();
    const report = await jobs.runScheduledJob(job, SETTINGS, NOW);
    const seconds = (performance.now() - start) / 1000;
    return { seconds, report, read: `${reads.queries} queries, ${reads.documents} docs` };
  });
}

// ---------------------------------------------------------------- the measurement

/** The timed runs of both jobs over one dataset: seconds, and what each run read. */
async function measureDataset(db, jobs, reads, total, warnings) {
  const results = new Map(JOBS.map((job) => [job.name, { seconds: [], reads: new Set() }]));
  for (let i = 0; i <= RUNS; i++) {
    // Alternate the order, as for the other parts; run 0 is the untimed warm-up.
    for (const job of i % 2 === 0 ? JOBS : [...JOBS].reverse()) {
      const run = await timedRun(db, jobs, job.name, reads);
      if (run.report.queued !== DUE) {
        warnings.push(
          `  WARNING    ${job.label} over ${size(total)} run ${i} queued ${run.report.queued}, ` +
            `not ${DUE}: ${JSON.stringify(run.report)}`,
        );
      }
      if (i === 0) continue;
      results.get(job.name).seconds.push(run.seconds);
      results.get(job.name).reads.add(run.read);
    }
  }
  return results;
}

async function jobsBench() {
  if (!process.env.FIRESTORE_EMULATOR_HOST) {
    return ["jobs         skipped: needs the emulators (npm run bench starts them)"];
  }
  const { getApps, initializeApp } = require("firebase-admin/app");
  const { Firestore, getFirestore, Query, Timestamp } = require("firebase-admin/firestore");
  const { formatInTimeZone } = require("date-fns-tz");
  // The default app, with the bench project, before the backend's db() would make one.
  if (getApps().some((app) => app.name === "[DEFAULT]")) {
    throw new Error("the default app exists already: the jobs' data would go to its project");
  }
  const db = getFirestore(initializeApp({ projectId: BENCH_PROJECT }));
  const jobs = require(path.join(LIB, "services", "jobs"));
  const { recipientRow } = require(path.join(LIB, "services", "recipients", "rows"));
  const { projectionOf } = require(path.join(LIB, "services", "tasks", "projections"));
  const { db: backendDb } = require(path.join(LIB, "data", "firestore"));
  if (backendDb() !== db) throw new Error("the backend's db() is not the bench project's");
  const triggerDb = getFirestore(initializeApp({ projectId: TRIGGER_PROJECT }, "bench-jobs"));
  const triggerCounts = async () => ({
    tasks: await countDocs(triggerDb, "tasks"),
    messages: await countDocs(triggerDb, "sms_messages"),
  });

  const before = await triggerCounts();
  /** Total → job name → { seconds, reads }. */
  const results = new Map();
  const warnings = [];
  const seeded = [];
  const probes = [];
  const reads = countReads({ Firestore, Query });
  try {
    for (const total of SIZES) {
      await clearProject(BENCH_PROJECT);
      const docs = dataset(total, { Timestamp, recipientRow, projectionOf, formatInTimeZone });
      const seedStart = performance.now();
      await writeAll(db, docs);
      const seedSeconds = (performance.now() - seedStart) / 1000;
      seeded.push(`${size(total)} (${docs.length} docs) in ${seconds(seedSeconds)}`);
      process.stderr.write(`bench: jobs: seeded ${seeded[seeded.length - 1]}\n`);
      probes.push(`${size(total)} ${(await scanProbe(db)).toFixed(0)} ms`);
      results.set(total, await measureDataset(db, jobs, reads, total, warnings));
      process.stderr.write(`bench: jobs: ${size(total)} done\n`);
    }
  } finally {
    reads.restore();
  }
  await clearProject(BENCH_PROJECT);
  await sleep(TRIGGER_SETTLE_MS);
  const after = await triggerCounts();
  if (after.tasks !== before.tasks || after.messages !== before.messages) {
    warnings.push(
      `  WARNING    ${TRIGGER_PROJECT} went from ${before.tasks} tasks and ${before.messages} ` +
        `sms_messages to ${after.tasks} and ${after.messages}: the bench data reached its triggers`,
    );
  }

  const [small, large] = SIZES;
  const of = (total, job) => results.get(total).get(job.name);
  const lines = JOBS.map((job, index) => {
    const few = median(of(small, job).seconds);
    const many = median(of(large, job).seconds);
    return (
      (index === 0 ? `jobs (${DUE} due)` : "").padEnd(16) +
      `${job.label.padEnd(9)}${size(small)} ${seconds(few)}  ${size(large)} ${seconds(many)}` +
      `  ratio ${(many / few).toFixed(2)} (target ≤ 1.5)`
    );
  });
  const describe = (format) =>
    JOBS.map((job) => {
      const perSize = SIZES.map((total) => `${size(total)} ${format(of(total, job))}`);
      return `${job.label} ${perSize.join(", ")}`;
    }).join("; ");
  const range = ({ seconds: values }) =>
    `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)} s`;
  lines.push(
    `  (info)     ranges ${describe(range)} (n=${RUNS} after a warm-up)`,
    `  (info)     read per run ${describe((result) => [...result.reads].join(" or "))}`,
    `  (info)     a tasks query matching nothing: ${probes.join(", ")} (the emulator scans the` +
      ` collection for every query; the jobs read the task projections by id instead)`,
    `  (info)     seeded ${seeded.join(", ")} into ${BENCH_PROJECT};` +
      ` ${TRIGGER_PROJECT}: tasks ${before.tasks}→${after.tasks},` +
      ` sms_messages ${before.messages}→${after.messages}`,
    ...warnings,
  );
  return lines;
}

module.exports = { jobsBench };
