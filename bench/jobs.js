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

const ROOT = path.resolve(__dirname, "..");
const LIB = path.join(ROOT, "lib");
/** Where the benchmark data goes: no trigger listens to it. */
const BENCH_PROJECT = "demo-sms-bench";
/** The project `emulators:exec` runs, whose triggers must stay quiet. */
const TRIGGER_PROJECT = process.env.GCLOUD_PROJECT || "demo-sms-test";
const SIZES = [1_000, 20_000];
/** Due for each job, in both datasets. */
const DUE = 100;
/** Timed runs per job and dataset, after one untimed warm-up. */
const RUNS = 5;
/** 09:00 in New York; 23:00 in Tokyo, 17:00 in Istanbul, 14:00 in London, 06:00 in LA. */
const NOW = new Date("2026-11-24T14:00:00Z");
const DUE_ZONE = "America/New_York";
const OTHER_ZONES = ["Asia/Tokyo", "Europe/Istanbul", "Europe/London", "America/Los_Angeles"];
/** Writes per batch (Firestore's limit is 500) and batches in flight. */
const BATCH_SIZE = 500;
const PARALLEL_BATCHES = 8;
/** Lets a trigger that should not have fired show its work before the check. */
const TRIGGER_SETTLE_MS = 2_000;
const AREA_CODES = [
  201, 202, 203, 205, 206, 207, 208, 209, 210, 212, 213, 214, 215, 216, 217, 218, 219, 224, 225,
  228, 229, 231, 234, 239, 240,
];
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** Settings as readSettings() would build them (functions/params.ts). */
const SETTINGS = {
  provider: { mode: "console", twilio: {}, sns: {} },
  publicBaseUrl: "",
  defaultCountry: "US",
  defaultTimeZone: "America/New_York",
  defaultLanguage: "en",
  rateLimitPerHour: 100,
  quietHours: "",
  retentionDays: 90,
  maxAttempts: 5,
  senderRateLimitPerHour: 1000,
  adminRateLimitPerHour: 10000,
  allowedCountries: ["US", "TR"],
  dailySegmentLimit: 100000,
};

const JOBS = [
  { name: "overdue", label: "overdue" },
  { name: "dailyReminders", label: "09:00" },
];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const seconds = (value) => `${value.toFixed(2)} s`;
const size = (n) => `${n / 1000}k`;

/** A fictional US number, +1 <area> 555-01xx, distinct for i < 2,500. */
function phone(i) {
  const area = AREA_CODES[Math.floor(i / 100) % AREA_CODES.length];
  return `+1${area}55501${String(i % 100).padStart(2, "0")}`;
}

// ---------------------------------------------------------------- data

/**
 * The documents of one dataset with `total` tasks, as [collection, id, data] triples: users
 * (as the client apps write them), their `sms_recipients` rows (as onUserWritten would), tasks,
 * and the tasks' `sms_open_tasks` and `sms_deadlines` projections (as onTaskWritten would).
 */
function dataset(total, { Timestamp, recipientRow, projectionOf, formatInTimeZone }) {
  const docs = [];
  const others = Math.min(2_000, Math.max(500, Math.round(total / 10)));
  const student = (id, zone, i) => {
    const user = {
      name: `Bench Student ${i}`,
      email: `${id}@example.com`,
      role: "student",
      phone_number: phone(i),
      timezone: zone,
      language: i % 5 === 0 ? "tr" : "en",
      daily_streak: i % 9,
    };
    docs.push(["users", id, user]);
    docs.push([
      "sms_recipients",
      id,
      { ...recipientRow(user, SETTINGS), updatedAt: Timestamp.now() },
    ]);
  };
  const task = (id, assignedTo, i, fields) =>
    docs.push([
      "tasks",
      id,
      {
        title: `Bench task ${i}`,
        subjectId: "math",
        chapterId: `ch${i % 12}`,
        taskType: "chapter",
        completed: false,
        createdAt: new Date(NOW.getTime() - 30 * DAY_MS).toISOString(),
        assignedTo,
        createdBy: "bench-partner",
        ...fields,
      },
    ]);
  const farAhead = (i) => new Date(NOW.getTime() + (60 + (i % 120)) * DAY_MS);
  const longAgo = (i) => new Date(NOW.getTime() - (30 + (i % 120)) * DAY_MS);

  // 100 students at 09:00, each with one pending task (deadline months ahead, or none).
  for (let i = 0; i < DUE; i++) {
    const userId = `bench-nine-${i}`;
    student(userId, DUE_ZONE, 2_000 + i);
    const deadline = [Timestamp.fromDate(farAhead(i)), farAhead(i).toISOString(), undefined][i % 3];
    task(`bench-nine-task-${i}`, userId, i, deadline === undefined ? {} : { deadline });
  }

  const otherIds = Array.from({ length: others }, (_, i) => `bench-other-${i}`);
  otherIds.forEach((id, i) => student(id, OTHER_ZONES[i % OTHER_ZONES.length], i));

  // 100 open tasks whose deadline passed in the last hour, in every form the apps write.
  for (let i = 0; i < DUE; i++) {
    const owner = i % others;
    const zone = OTHER_ZONES[owner % OTHER_ZONES.length];
    const at = new Date(NOW.getTime() - (1 + (i % 55)) * MINUTE_MS);
    const deadline = [
      Timestamp.fromDate(at),
      at.toISOString(),
      formatInTimeZone(at, "+03:00", "yyyy-MM-dd'T'HH:mm:ssXXX"),
      formatInTimeZone(at, zone, "yyyy-MM-dd'T'HH:mm:ss"),
    ][i % 4];
    task(`bench-overdue-${i}`, otherIds[owner], i, { deadline });
  }

  // The rest: nothing due for either job.
  for (let i = 0; i < total - 2 * DUE; i++) {
    const assignedTo = otherIds[i % others];
    const kind = i % 10;
    const when = kind < 4 ? farAhead(i) : longAgo(i);
    const deadline = i % 2 === 0 ? Timestamp.fromDate(when) : when.toISOString();
    if (kind < 6) task(`bench-task-${i}`, assignedTo, i, { deadline });
    else if (kind < 9) {
      const completedAt = new Date(when.getTime() - DAY_MS);
      task(`bench-task-${i}`, assignedTo, i, {
        deadline,
        completed: true,
        completedAt: i % 2 === 0 ? Timestamp.fromDate(completedAt) : completedAt.toISOString(),
      });
    } else task(`bench-task-${i}`, assignedTo, i, {});
  }
  return [...docs, ...projections(docs, projectionOf)];
}

/** The projection documents of the dataset's tasks, each built from its tasks at once. */
function projections(docs, projectionOf) {
  const openTasks = new Map();
  const deadlines = new Map();
  for (const [collection, id, data] of docs) {
    if (collection !== "tasks") continue;
    const { assignedTo, openTask, deadline } = projectionOf(id, data);
    if (!openTask) continue;
    if (!openTasks.has(assignedTo)) openTasks.set(assignedTo, {});
    openTasks.get(assignedTo)[id] = openTask;
    if (!deadline) continue;
    if (!deadlines.has(deadline.docId)) {
      deadlines.set(deadline.docId, { tasks: {}, expireAt: deadline.expireAt });
    }
    deadlines.get(deadline.docId).tasks[id] = true;
  }
  return [
    ...[...openTasks].map(([userId, tasks]) => ["sms_open_tasks", userId, { tasks }]),
    ...[...deadlines].map(([docId, data]) => ["sms_deadlines", docId, data]),
  ];
}

/** Writes `docs` in batches of BATCH_SIZE, PARALLEL_BATCHES at a time. */
async function writeAll(db, docs) {
  const batches = [];
  for (let i = 0; i < docs.length; i += BATCH_SIZE) batches.push(docs.slice(i, i + BATCH_SIZE));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = db.batch();
      for (const [collection, id, data] of batches[next++]) {
        batch.set(db.collection(collection).doc(id), data);
      }
      await batch.commit();
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_BATCHES }, worker));
}

async function clearProject(projectId) {
  const host = process.env.FIRESTORE_EMULATOR_HOST;
  const url = `http://${host}/emulator/v1/projects/${projectId}/databases/(default)/documents`;
  const response = await fetch(url, { method: "DELETE" });
  if (!response.ok) throw new Error(`clearing ${projectId} failed: ${response.status}`);
}

/** Deletes what a job run leaves behind: its messages and its run record. */
async function clearOutputs(db) {
  const refs = [];
  for (const collection of ["sms_messages", "sms_job_runs"]) {
    const snapshot = await db.collection(collection).select().get();
    refs.push(...snapshot.docs.map((doc) => doc.ref));
  }
  for (let i = 0; i < refs.length; i += BATCH_SIZE) {
    const batch = db.batch();
    for (const ref of refs.slice(i, i + BATCH_SIZE)) batch.delete(ref);
    await batch.commit();
  }
}

async function countDocs(db, collection) {
  return (await db.collection(collection).select().get()).size;
}

/** Runs `work` with stdout muted (the backend's info logs); stderr still shows. */
async function withStdoutMuted(work) {
  const write = process.stdout.write;
  process.stdout.write = (_chunk, encoding, callback) => {
    const done = typeof encoding === "function" ? encoding : callback;
    if (typeof done === "function") done();
    return true;
  };
  try {
    return await work();
  } finally {
    process.stdout.write = write;
  }
}

/**
 * Milliseconds (median of 9) for a query on `tasks` that matches nothing: with an index it
 * costs nothing whatever the collection holds; the emulator answers it by scanning.
 */
async function scanProbe(db) {
  const probe = () => db.collection("tasks").where("assignedTo", "==", "bench-nobody").get();
  await probe();
  const times = [];
  for (let i = 0; i < 9; i++) {
    const start = performance.now();
    await probe();
    times.push(performance.now() - start);
  }
  return median(times);
}

/**
 * Counts what the process reads from Firestore: queries run, and documents they return or
 * getAll (and DocumentReference.get) looks up. What production bills, and, with an index
 * behind every query, what it costs. `restore()` undoes the wrapping.
 */
function countReads({ Firestore, Query }) {
  const counts = { queries: 0, documents: 0 };
  const { get } = Query.prototype;
  const { getAll } = Firestore.prototype;
  Query.prototype.get = async function (...args) {
    const snapshot = await get.apply(this, args);
    counts.queries++;
    counts.documents += snapshot.size;
    return snapshot;
  };
  Firestore.prototype.getAll = async function (...args) {
    const snapshots = await getAll.apply(this, args);
    counts.documents += snapshots.length;
    return snapshots;
  };
  counts.restore = () => {
    Query.prototype.get = get;
    Firestore.prototype.getAll = getAll;
  };
  return counts;
}

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
