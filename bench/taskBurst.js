/**
 * Part 3 of `npm run bench`: a burst of 500 task writes in one batch, each task assigned to
 * another student, timed until the last of their messages reaches the stand-in Twilio, against
 * the send floor (`benchBaselineTwilio`, bench/baseline) given 500 documents in one batch, timed
 * until its last send arrives. Then what each task message cost, counted in the backend's
 * workers (bench/callCounts.js).
 *
 * The tasks come from 20 partners, 25 each: SMS_SENDER_RATE_LIMIT is 30 an hour in
 * .env.demo-sms-test, and a partner assigning work to a class is the burst we expect. Untimed
 * set-up: 500 students with fictional numbers (bench/phones.js, from the 10,000th on, apart
 * from the campaign's), their `sms_recipients` rows, and one warm-up document on either side so
 * both start with running workers. One run of each, the floor first.
 */
const { performance } = require("node:perf_hooks");
const { perMessageLines } = require("./callCounts");
const { fictionalPhones } = require("./phones");
const { benchTask, seedStudents, sleep, writeBatched, benchFirestore } = require("./seed");
const { startTwilioStandIn } = require("./twilioStandIn");

const TASKS = 500;
const PARTNERS = 20;
/** Where .env.demo-sms-test points TWILIO_API_BASE_URL. */
const TWILIO_PORT = 4010;
const PHONE_OFFSET = 10_000;
const TIMEOUT_MS = 300_000;
const SETTLE_MS = 1_000;
const PREFIX = "bench-burst-";
const BODY = "Chapter 3 exercises: new task, due Nov 25 at 12:00 PM.";

const partnerId = (i) => `${PREFIX}partner-${String(i % PARTNERS).padStart(2, "0")}`;

/** `count` send-floor documents in one batch, until the last send reaches the stand-in. */
async function floorBurst(db, twilio, phones, tag) {
  const outbox = db.collection("bench_baseline_sms");
  const arrivals = twilio.arrivals(phones, TIMEOUT_MS, `task burst floor (${tag})`);
  const start = performance.now();
  await writeBatched(
    db,
    phones.map((to, i) => [outbox.doc(`${tag}-${i}`), { to, body: BODY }]),
  );
  return ((await arrivals).at(-1) - start) / 1000;
}

async function statusCounts(db, tag) {
  const messages = await db
    .collection("sms_messages")
    .where("taskId", ">=", `${PREFIX}${tag}-`)
    .where("taskId", "<", `${PREFIX}${tag}-\uf8ff`)
    .get();
  const counts = {};
  for (const doc of messages.docs) counts[doc.get("status")] = (counts[doc.get("status")] ?? 0) + 1;
  return JSON.stringify(counts);
}

/** A task for each student in one batch, until the last message reaches the stand-in. */
async function taskBurst(db, twilio, students, tag) {
  const tasks = db.collection("tasks");
  const docs = students.map((student, i) => [
    tasks.doc(`${PREFIX}${tag}-${i}`),
    benchTask(student.id, partnerId(i)),
  ]);
  const phones = students.map((student) => student.phone);
  const arrivals = twilio.arrivals(phones, TIMEOUT_MS, `task burst (${tag})`);
  const start = performance.now();
  await writeBatched(db, docs);
  try {
    return ((await arrivals).at(-1) - start) / 1000;
  } catch (error) {
    throw new Error(`${error.message} (messages by status: ${await statusCounts(db, tag)})`);
  }
}

async function taskBurstBench(calls) {
  if (!process.env.FIRESTORE_EMULATOR_HOST) {
    return ["task burst   skipped: needs the emulators (npm run bench starts them)"];
  }
  const { db } = benchFirestore();
  await writeBatched(
    db,
    Array.from({ length: PARTNERS }, (_, i) => [
      db.collection("users").doc(partnerId(i)),
      { name: `Bench Partner ${i}`, role: "partner" },
    ]),
  );
  const phones = fictionalPhones(TASKS + 1, PHONE_OFFSET);
  const seeded = await seedStudents(db, `${PREFIX}student-`, phones, TIMEOUT_MS);
  const students = seeded.ids.map((id, i) => ({ id, phone: phones[i] }));
  process.stderr.write(
    `bench: task burst: ${phones.length} students in ${seeded.seconds.toFixed(1)} s\n`,
  );
  const twilio = await startTwilioStandIn(TWILIO_PORT);
  try {
    const warmUp = students.slice(TASKS);
    await floorBurst(db, twilio, phones.slice(TASKS), "warm-up");
    await taskBurst(db, twilio, warmUp, "warm-up");
    await sleep(SETTLE_MS);
    const floor = await floorBurst(db, twilio, phones.slice(0, TASKS), "burst");
    process.stderr.write(`bench: task burst: floor ${floor.toFixed(1)} s\n`);
    await sleep(SETTLE_MS);
    const before = await calls.settled();
    const burst = await taskBurst(db, twilio, students.slice(0, TASKS), "burst");
    const after = await calls.settled();
    return [
      `task burst   ${TASKS} tasks in one batch ${burst.toFixed(1)} s   send floor` +
        ` ${floor.toFixed(1)} s   ratio ${(burst / floor).toFixed(2)}` +
        `   (${PARTNERS} partners, ${TASKS / PARTNERS} tasks each)`,
      ...perMessageLines("  burst      ", before, after, TASKS),
    ];
  } finally {
    await twilio.close();
  }
}

module.exports = { taskBurstBench };
