/**
 * `npm run bench`: three ratios, each against a baseline measured in the same run. No thresholds;
 * it reports, it does not judge.
 *
 * 1. Cold start: median time to require the compiled entry point (lib/index.js) in a fresh
 *    `node` process, against requiring firebase-functions + firebase-admin alone.
 * 2. Task write → SMS: in the Functions emulator, median time from writing `tasks/{id}` (for a
 *    user with a phone) to the stand-in Twilio receiving the send, against a bare trigger (the
 *    "bench" codebase in bench/baseline) copying one document to another, seen by a listener.
 * 3. Scheduled jobs (bench/jobs.js): median run time of the overdue sweep and of the 09:00
 *    reminders over 20,000 stored tasks against 1,000, the same 100 due in both.
 *
 * 4. Campaign (bench/campaign.js): a 2,000-recipient campaign from executeCampaign to the last
 *    message at the stand-in Twilio, against 2,000 documents sent by a bare trigger.
 *
 * 5. Reconciliation (bench/reconcile.js): median run time of the `reconcile` job over 20,000
 *    stored messages against 1,000, the same 100 due for a check in both.
 *
 * 6. Cost report (bench/costReport.js): getCostReport over 20,000 messages against 1,000: the
 *    reads per report (the same at both sizes) and the time.
 *
 * Parts 2 to 6 need the emulators with bench/firebase.json (both codebases), which
 * `npm run bench` starts; run alone, this script does part 1 and says why it skips the others.
 *
 * bench/firebase.json has no "firestore" block: firebase-tools takes the config file's folder as
 * the project directory and refuses rules or index files outside it ("../firestore.rules is
 * outside of project directory"), while a functions "source" of ".." is accepted. Without rules
 * the Firestore emulator allows everything, which changes nothing here: the bench and the
 * functions use the Admin SDK, which bypasses rules.
 *
 * The Functions emulator watches the whole repository (the default codebase's source): a build
 * or an edit during the run reloads the backend's functions and makes the next run cold again.
 */
const { performance } = require("node:perf_hooks");
const { campaignBench } = require("./campaign");
const { coldStart } = require("./coldStart");
const { jobsBench } = require("./jobs");
const { median, range, seconds } = require("./measure");
const { reconcileBench } = require("./reconcile");
const { costReportBench } = require("./costReport");
const { startTwilioStandIn } = require("./twilioStandIn");

const PIPELINE_RUNS = 15;
/** Where .env.demo-sms-test points TWILIO_API_BASE_URL. */
const TWILIO_PORT = 4010;
/** Per step; a cold worker with the Twilio SDK to load takes a few seconds at most. */
const TIMEOUT_MS = 30_000;
/** Lets the previous run's function finish and its worker go idle before the next write. */
const SETTLE_MS = 250;
/** Fictional numbers +1 555 555 0120..0199 (SMS_RATE_LIMIT is per recipient: one run each). */
const FIRST_PHONE = 20;
const LAST_PHONE = 99;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------- 2. task write → SMS

/**
 * Listens to a document or query. `ready` resolves once the listener has its first snapshot
 * (so it is live before the timed write); `done` with performance.now() at the first snapshot
 * for which `predicate` holds.
 */
function listen(target, predicate, description) {
  let markReady;
  const ready = new Promise((resolve) => (markReady = resolve));
  let unsubscribe = () => {};
  const done = new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out after ${TIMEOUT_MS} ms waiting for ${description}`));
    }, TIMEOUT_MS);
    unsubscribe = target.onSnapshot(
      (snapshot) => {
        const at = performance.now();
        markReady();
        if (!predicate(snapshot)) return;
        clearTimeout(timer);
        unsubscribe();
        resolve(at);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
  done.catch(() => markReady());
  return { ready, done };
}

/** One bare-trigger run: write `bench_baseline_in/{id}`, see `bench_baseline_out/{id}`. */
async function baselineRun(db, id) {
  const out = listen(
    db.collection("bench_baseline_out").doc(id),
    (snapshot) => snapshot.exists,
    `bench_baseline_out/${id}`,
  );
  await out.ready;
  const start = performance.now();
  await db.collection("bench_baseline_in").doc(id).set({ createdAt: new Date() });
  return ((await out.done) - start) / 1000;
}

const PENDING = new Set(["queued", "scheduled", "deferred", "sending"]);

async function describeMessages(db, taskId) {
  const snapshot = await db.collection("sms_messages").where("taskId", "==", taskId).get();
  if (snapshot.empty) return "no sms_messages document was queued for it";
  return snapshot.docs
    .map((doc) => `${doc.id}: ${doc.get("status")} ${JSON.stringify(doc.get("error") ?? null)}`)
    .join("; ");
}

/**
 * One pipeline run: a user with a phone (untimed), then write `tasks/{id}` assigned to them and
 * time until the stand-in Twilio receives the send. Waits for the message to settle afterwards
 * so the next run starts with idle workers.
 */
async function taskRun(db, twilio, number) {
  const phone = `+155555501${number}`; // number is 20..99
  const userId = `bench-user-${number}`;
  const taskId = `bench-task-${number}`;
  await db
    .collection("users")
    .doc(userId)
    .set({
      name: "Bench Student",
      email: `${userId}@example.com`,
      role: "student",
      phone_number: phone,
      timezone: "America/New_York",
      language: "en",
      last_activity_date: new Date().toISOString(),
    });
  const settled = listen(
    db.collection("sms_messages").where("taskId", "==", taskId),
    (snapshot) => !snapshot.empty && snapshot.docs.every((doc) => !PENDING.has(doc.get("status"))),
    `the message for tasks/${taskId} to settle`,
  );
  await settled.ready;
  const start = performance.now();
  await db.collection("tasks").doc(taskId).set({
    title: "Chapter 3 exercises",
    subjectId: "math",
    chapterId: "ch3",
    taskType: "chapter",
    completed: false,
    createdAt: new Date().toISOString(),
    assignedTo: userId,
    createdBy: "bench-partner",
    deadline: "2026-11-25T17:00:00Z",
  });
  let arrivedAt;
  try {
    arrivedAt = await twilio.arrival(phone, TIMEOUT_MS);
  } catch (error) {
    throw new Error(`${error.message} (tasks/${taskId}: ${await describeMessages(db, taskId)})`);
  }
  await settled.done;
  return (arrivedAt - start) / 1000;
}

async function clearFirestore(projectId) {
  const host = process.env.FIRESTORE_EMULATOR_HOST;
  const url = `http://${host}/emulator/v1/projects/${projectId}/databases/(default)/documents`;
  const response = await fetch(url, { method: "DELETE" });
  if (!response.ok) throw new Error(`clearing the Firestore emulator failed: ${response.status}`);
}

async function taskToSms() {
  if (!process.env.FIRESTORE_EMULATOR_HOST) {
    return ["task→sms     skipped: needs the emulators (npm run bench starts them)"];
  }
  if (PIPELINE_RUNS + 1 > LAST_PHONE - FIRST_PHONE + 1) throw new Error("not enough phone numbers");
  const { initializeApp } = require("firebase-admin/app");
  const { getFirestore } = require("firebase-admin/firestore");
  const projectId = process.env.GCLOUD_PROJECT ?? "demo-sms-test";
  const db = getFirestore(initializeApp({ projectId }, "bench"));
  await clearFirestore(projectId);
  // The tasks' author: only a partner (or admin) may assign a task that notifies someone else.
  await db.collection("users").doc("bench-partner").set({ name: "Bench Partner", role: "partner" });
  const twilio = await startTwilioStandIn(TWILIO_PORT);
  try {
    let number = FIRST_PHONE;
    // Untimed warm-up: the first run of each function starts its worker and loads its modules.
    const coldBaseline = await baselineRun(db, "warm-up");
    await sleep(SETTLE_MS);
    const coldTask = await taskRun(db, twilio, number++);
    const task = [];
    const baseline = [];
    for (let i = 0; i < PIPELINE_RUNS; i++) {
      const runs = [
        async () => baseline.push(await baselineRun(db, `run-${i}`)),
        async () => task.push(await taskRun(db, twilio, number++)),
      ];
      // Alternate the order, as for the cold start.
      for (const run of i % 2 === 0 ? runs : runs.reverse()) {
        await sleep(SETTLE_MS);
        await run();
      }
      process.stderr.write(`bench: task→sms run ${i + 1}/${PIPELINE_RUNS}\n`);
    }
    const taskMedian = median(task);
    const baselineMedian = median(baseline);
    return [
      `task→sms     median ${seconds(taskMedian, 3)}   bare trigger ${seconds(baselineMedian, 3)}` +
        `   ratio ${(taskMedian / baselineMedian).toFixed(1)}   (n=${PIPELINE_RUNS})`,
      `  (info)     range task→sms ${range(task)}, bare trigger ${range(baseline)};` +
        ` first (cold) runs: task→sms ${seconds(coldTask)}, bare trigger ${seconds(coldBaseline)}`,
    ];
  } finally {
    await twilio.close();
  }
}

const PARTS = {
  "cold-start": async () => coldStart(),
  "task-sms": taskToSms,
  jobs: jobsBench,
  campaign: campaignBench,
  reconcile: reconcileBench,
  "cost-report": costReportBench,
};

/** `npm run bench` runs every part; `npm run bench -- campaign jobs` only those named. */
async function main() {
  const named = process.argv.slice(2);
  const unknown = named.filter((name) => !(name in PARTS));
  if (unknown.length > 0) {
    throw new Error(
      `unknown part ${unknown.join(", ")}; the parts: ${Object.keys(PARTS).join(", ")}`,
    );
  }
  const lines = [];
  for (const [name, part] of Object.entries(PARTS)) {
    if (named.length > 0 && !named.includes(name)) continue;
    const partLines = await part();
    process.stderr.write(`bench: ${partLines[0]}\n`);
    lines.push(...partLines);
  }
  // Together at the end: the emulators' own output interleaves with anything printed earlier.
  console.log(["", "── bench ──", ...lines, ""].join("\n"));
  // The Admin SDK keeps gRPC channels open; the results are out, so do not wait for them.
  process.exit(0);
}

main().catch((error) => {
  console.error(`bench: ${error.stack || error.message}`);
  process.exit(1);
});
