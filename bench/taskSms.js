/**
 * Part 2 of `npm run bench`: task write → SMS. Median time (15 runs) from writing `tasks/{id}`
 * for a student with a phone to the stand-in Twilio receiving the send, and the first (cold)
 * run, each against two floors measured in the same run (bench/baseline):
 * - the send floor, `benchBaselineTwilio`: a document written to `bench_baseline_sms`, sent to
 *   the stand-in by a bare trigger through the Twilio SDK (one hop, one send);
 * - the copy floor, `benchBaselineCopy`: a document copied to another by a bare trigger, seen by
 *   a listener (one hop, one write).
 * Then what each of the 15 timed task messages cost, counted inside the backend's workers
 * (bench/callCounts.js): the floors run in the other codebase, which is not counted.
 *
 * The students are written, and onUserWritten has built their `sms_recipients` rows, before
 * anything is timed or counted, so the counts are the task path's alone.
 */
const { performance } = require("node:perf_hooks");
const { perMessageLines } = require("./callCounts");
const { median, range, seconds } = require("./measure");
const { benchTask, clearFirestore, seedStudents, sleep, benchFirestore } = require("./seed");
const { startTwilioStandIn } = require("./twilioStandIn");

const PIPELINE_RUNS = 15;
/** Where .env.demo-sms-test points TWILIO_API_BASE_URL. */
const TWILIO_PORT = 4010;
/** Per step; a cold worker with the Twilio SDK to load takes a few seconds at most. */
const TIMEOUT_MS = 30_000;
/** Lets the previous run's function finish and its worker go idle before the next write. */
const SETTLE_MS = 250;
/** The send floor's recipient, outside the students' range. */
const FLOOR_PHONE = "+15555550110";
const BODY = "Chapter 3 exercises: new task, due Nov 25 at 12:00 PM.";
const PENDING = new Set(["queued", "scheduled", "deferred", "sending"]);

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

/** The copy floor: write `bench_baseline_in/{id}`, see `bench_baseline_out/{id}`. */
async function copyFloorRun(db, id) {
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

/** The send floor: write `bench_baseline_sms/{id}`, until the stand-in receives its send. */
async function sendFloorRun(db, twilio, id) {
  const start = performance.now();
  await db.collection("bench_baseline_sms").doc(id).set({ to: FLOOR_PHONE, body: BODY });
  return ((await twilio.arrival(FLOOR_PHONE, TIMEOUT_MS)) - start) / 1000;
}

async function describeMessages(db, taskId) {
  const snapshot = await db.collection("sms_messages").where("taskId", "==", taskId).get();
  if (snapshot.empty) return "no sms_messages document was queued for it";
  return snapshot.docs
    .map((doc) => `${doc.id}: ${doc.get("status")} ${JSON.stringify(doc.get("error") ?? null)}`)
    .join("; ");
}

/**
 * One pipeline run: write `tasks/{id}` assigned to a seeded student and time until the stand-in
 * Twilio receives the send. Waits for the message to settle afterwards so the next run starts
 * with idle workers.
 */
async function taskRun(db, twilio, student) {
  const taskId = `bench-task-${student.id}`;
  const settled = listen(
    db.collection("sms_messages").where("taskId", "==", taskId),
    (snapshot) => !snapshot.empty && snapshot.docs.every((doc) => !PENDING.has(doc.get("status"))),
    `the message for tasks/${taskId} to settle`,
  );
  await settled.ready;
  const start = performance.now();
  await db.collection("tasks").doc(taskId).set(benchTask(student.id, "bench-partner"));
  let arrivedAt;
  try {
    arrivedAt = await twilio.arrival(student.phone, TIMEOUT_MS);
  } catch (error) {
    throw new Error(`${error.message} (tasks/${taskId}: ${await describeMessages(db, taskId)})`);
  }
  await settled.done;
  return (arrivedAt - start) / 1000;
}

const ratio = (value, floor) => (value / floor).toFixed(1);

async function taskToSms(calls) {
  if (!process.env.FIRESTORE_EMULATOR_HOST) {
    return ["task→sms     skipped: needs the emulators (npm run bench starts them)"];
  }
  const { projectId, db } = benchFirestore();
  await clearFirestore(projectId);
  // The tasks' author: only a partner (or admin) may assign a task that notifies someone else.
  await db.collection("users").doc("bench-partner").set({ name: "Bench Partner", role: "partner" });
  // Fictional +1 555 555 0120..; SMS_RATE_LIMIT is per recipient, so one run each.
  const phones = Array.from({ length: PIPELINE_RUNS + 1 }, (_, i) => `+15555550${120 + i}`);
  const { ids } = await seedStudents(db, "bench-user-", phones, TIMEOUT_MS);
  const students = ids.map((id, i) => ({ id, phone: phones[i] }));
  const twilio = await startTwilioStandIn(TWILIO_PORT);
  try {
    // The first run of each function starts its worker and loads its modules.
    const coldCopy = await copyFloorRun(db, "cold");
    await sleep(SETTLE_MS);
    const coldSend = await sendFloorRun(db, twilio, "cold");
    await sleep(SETTLE_MS);
    const coldTask = await taskRun(db, twilio, students[0]);
    await sleep(SETTLE_MS);
    const before = await calls.settled();
    const task = [];
    const send = [];
    const copy = [];
    for (let i = 0; i < PIPELINE_RUNS; i++) {
      const runs = [
        async () => copy.push(await copyFloorRun(db, `run-${i}`)),
        async () => send.push(await sendFloorRun(db, twilio, `run-${i}`)),
        async () => task.push(await taskRun(db, twilio, students[i + 1])),
      ];
      // Rotate the order, so no side always runs right after another.
      for (const run of [...runs.slice(i % 3), ...runs.slice(0, i % 3)]) {
        await sleep(SETTLE_MS);
        await run();
      }
      process.stderr.write(`bench: task→sms run ${i + 1}/${PIPELINE_RUNS}\n`);
    }
    const after = await calls.settled();
    const [taskMedian, sendMedian, copyMedian] = [task, send, copy].map(median);
    return [
      `task→sms     median ${seconds(taskMedian, 3)}   send floor ${seconds(sendMedian, 3)}` +
        ` ratio ${ratio(taskMedian, sendMedian)}   copy floor ${seconds(copyMedian, 3)}` +
        ` ratio ${ratio(taskMedian, copyMedian)}   (n=${PIPELINE_RUNS})`,
      `  cold       first task→sms ${seconds(coldTask, 3)}   send floor ${seconds(coldSend, 3)}` +
        ` ratio ${ratio(coldTask, coldSend)}   copy floor ${seconds(coldCopy, 3)}` +
        ` ratio ${ratio(coldTask, coldCopy)}`,
      `  (info)     range task→sms ${range(task)}, send floor ${range(send)},` +
        ` copy floor ${range(copy)}`,
      ...perMessageLines("  task path  ", before, after, PIPELINE_RUNS),
    ];
  } finally {
    await twilio.close();
  }
}

module.exports = { taskToSms };
