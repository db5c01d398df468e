/**
 * Part 4 of `npm run bench`: a 2,000-recipient campaign, from calling `executeCampaign` to the
 * stand-in Twilio having received a request for every recipient, against a floor measured in
 * the same run: 2,000 documents written (batched) to `bench_baseline_outbox`, each posted to the
 * stand-in Twilio by a bare trigger (`benchBaselineSend` in bench/baseline), timed until the
 * last of them arrives. Both sides end at the same place, the stand-in's request log.
 *
 * Untimed set-up, in the triggers' project (demo-sms-test): 2,000 opted-in students with
 * fictional numbers +1 <20 US area codes> 555-01<00..99>, written in batches; onUserWritten builds their
 * `sms_recipients` rows, waited for. Then an admin, signed in through the Auth emulator with the
 * web SDK, creates a campaign with a literal body. Warm-ups, also untimed: 20 floor documents,
 * and a one-recipient campaign (`userIds`), which starts the workers of executeCampaign,
 * campaignPlanner, campaignSend and onMessageCreated. Its recipient gets the main campaign's
 * message too (another campaign, another message id; SMS_RATE_LIMIT is 5).
 *
 * The send rate comes from .env.demo-sms-test (CAMPAIGN_SENDS_PER_SECOND: one batch of that
 * many a second); the info line prints it, since it bounds the campaign's time.
 */
const fs = require("node:fs");
const path = require("node:path");
const { performance } = require("node:perf_hooks");
const { clearInterval } = require("node:timers");
const { startTwilioStandIn } = require("./twilioStandIn");

const ROOT = path.resolve(__dirname, "..");
/** Where .env.demo-sms-test points TWILIO_API_BASE_URL (and bench/baseline posts). */
const TWILIO_PORT = 4010;
const PROJECT_ID = process.env.GCLOUD_PROJECT || "demo-sms-test";
const REGION = "us-central1";
const RECIPIENTS = 2_000;
// US area codes only (204 is Manitoba): numbers outside SMS_ALLOWED_COUNTRIES are never sent.
const AREA_CODES = [201, 202, 203, 224, 205, 206, 207, 208, 209, 210].concat([
  211, 212, 213, 214, 215, 216, 217, 218, 219, 220,
]);
const USER_PREFIX = "bench-camp-";
const BATCH_SIZE = 500;
const WARM_UP_DOCS = 20;
/** For 2,000 user triggers, and for either side's 2,000 sends. */
const TIMEOUT_MS = 600_000;
const BODY = "Free tutoring this Saturday at 10:00! Reply STOP to opt out.";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const pad = (n) => String(n).padStart(2, "0");

/** The i-th fictional number, i < 2,000: +1 <AREA_CODES> 555-01<00..99>. */
const phone = (i) => `+1${AREA_CODES[Math.floor(i / 100)]}55501${pad(i % 100)}`;
const userId = (i) => `${USER_PREFIX}${String(i).padStart(4, "0")}`;

/** CAMPAIGN_* from the env file the Functions emulator reads for this project. */
function envSetting(name) {
  const file = fs.readFileSync(path.join(ROOT, `.env.${PROJECT_ID}`), "utf8");
  const line = file.split("\n").find((l) => l.startsWith(`${name}=`));
  return line ? line.slice(name.length + 1).trim() : "(default)";
}

async function count(query) {
  return (await query.count().get()).data().count;
}

async function writeBatched(db, docs) {
  for (let i = 0; i < docs.length; i += BATCH_SIZE) {
    const batch = db.batch();
    for (const [ref, data] of docs.slice(i, i + BATCH_SIZE)) batch.set(ref, data);
    await batch.commit();
  }
}

async function waitFor(description, check, timeoutMs = TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const last = await check();
    if (last === true) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${description} (${last})`);
    await sleep(500);
  }
}

/** performance.now() at which each of `phones` reached the stand-in, sorted; reports progress. */
async function lastArrival(twilio, phones, label) {
  let arrived = 0;
  const progress = setInterval(() => {
    process.stderr.write(`bench: ${label}: ${arrived}/${phones.length} at the stand-in\n`);
  }, 5_000);
  try {
    const times = await Promise.all(
      phones.map(async (to) => {
        const at = await twilio.arrival(to, TIMEOUT_MS);
        arrived += 1;
        return at;
      }),
    );
    return times.sort((a, b) => a - b);
  } finally {
    clearInterval(progress);
  }
}

/** An admin through the web SDK, as the web app signs in (test/support/webClient.ts). */
async function adminClient(adminApp) {
  const { deleteApp, initializeApp } = require("firebase/app");
  const { connectAuthEmulator, getAuth, signInWithEmailAndPassword } = require("firebase/auth");
  const { connectFunctionsEmulator, getFunctions, httpsCallable } = require("firebase/functions");
  const { getAuth: getAdminAuth } = require("firebase-admin/auth");
  const uid = "bench-camp-admin";
  const email = `${uid}@example.com`;
  const password = "bench-password";
  await getAdminAuth(adminApp)
    .createUser({ uid, email, password })
    .catch((error) => {
      if (error.code !== "auth/uid-already-exists") throw error;
    });
  await getAdminAuth(adminApp).setCustomUserClaims(uid, { role: "admin" });
  const app = initializeApp({ projectId: PROJECT_ID, apiKey: "demo-key" }, "bench-campaign-web");
  const auth = getAuth(app);
  connectAuthEmulator(auth, "http://127.0.0.1:9099", { disableWarnings: true });
  const credential = await signInWithEmailAndPassword(auth, email, password);
  await credential.user.getIdToken(true);
  const functions = getFunctions(app, REGION);
  connectFunctionsEmulator(functions, "127.0.0.1", 5001);
  return {
    call: async (name, data) => (await httpsCallable(functions, name)(data)).data,
    close: () => deleteApp(app),
  };
}

async function seedUsers(db) {
  const docs = Array.from({ length: RECIPIENTS }, (_, i) => [
    db.collection("users").doc(userId(i)),
    {
      name: `Bench Student ${i}`,
      email: `${userId(i)}@example.com`,
      role: "student",
      phone_number: phone(i),
      marketing_sms_opt_in: true,
      language: "en",
      last_activity_date: new Date().toISOString(),
    },
  ]);
  const start = performance.now();
  await writeBatched(db, docs);
  const rows = db
    .collection("sms_recipients")
    .where("__name__", ">=", db.collection("sms_recipients").doc(USER_PREFIX))
    .where("__name__", "<", db.collection("sms_recipients").doc("bench-camp."));
  await waitFor("2,000 sms_recipients rows", async () => {
    const n = await count(rows);
    return n >= RECIPIENTS || n;
  });
  return (performance.now() - start) / 1000;
}

/** The floor: `docs` written in batches, until the last one's send reaches the stand-in. */
async function floorRun(db, twilio, phones, tag) {
  const outbox = db.collection("bench_baseline_outbox");
  const docs = phones.map((to, i) => [outbox.doc(`${tag}-${i}`), { to, body: BODY }]);
  const arrivals = lastArrival(twilio, phones, `campaign floor (${tag})`);
  const start = performance.now();
  await writeBatched(db, docs);
  return ((await arrivals).at(-1) - start) / 1000;
}

async function campaignRun(client, twilio, phones, recipientFilters, label) {
  const { campaignId } = await client.call("createCampaign", {
    name: `Bench ${label}`,
    body: BODY,
    recipientFilters,
  });
  const arrivals = lastArrival(twilio, phones, `campaign (${label})`);
  const start = performance.now();
  await client.call("executeCampaign", { campaignId });
  const times = (await arrivals).map((at) => (at - start) / 1000);
  return { campaignId, seconds: times.at(-1), first: times[0], half: times[times.length / 2] };
}

async function campaignBench() {
  if (!process.env.FIRESTORE_EMULATOR_HOST) {
    return ["campaign     skipped: needs the emulators (npm run bench starts them)"];
  }
  const { initializeApp } = require("firebase-admin/app");
  const { getFirestore } = require("firebase-admin/firestore");
  const adminApp = initializeApp({ projectId: PROJECT_ID }, "bench-campaign");
  const db = getFirestore(adminApp);
  const phones = Array.from({ length: RECIPIENTS }, (_, i) => phone(i));
  if (new Set(phones).size !== RECIPIENTS) throw new Error("the bench numbers are not distinct");

  const seeded = await seedUsers(db);
  process.stderr.write(`bench: campaign: ${RECIPIENTS} users and rows in ${seeded.toFixed(1)} s\n`);
  const client = await adminClient(adminApp);
  const twilio = await startTwilioStandIn(TWILIO_PORT);
  try {
    await floorRun(db, twilio, phones.slice(0, WARM_UP_DOCS), "warm-up");
    const floor = await floorRun(db, twilio, phones, "floor");
    process.stderr.write(`bench: campaign: floor ${floor.toFixed(1)} s\n`);
    await campaignRun(client, twilio, [phones[0]], { userIds: [userId(0)] }, "warm-up");
    const { campaignId, seconds, first, half } = await campaignRun(
      client,
      twilio,
      phones,
      { roles: ["student"] },
      `${RECIPIENTS} recipients`,
    );
    const status = await client.call("getCampaignStatus", { campaignId });
    const counts = Object.entries(status.counts)
      .filter(([, n]) => n > 0)
      .map(([key, n]) => `${key} ${n}`)
      .join(", ");
    return [
      `campaign     ${RECIPIENTS} recipients ${seconds.toFixed(1)} s   floor ${floor.toFixed(1)} s` +
        `   ratio ${(seconds / floor).toFixed(2)} (target ≤ 2)`,
      `  (info)     CAMPAIGN_SENDS_PER_SECOND=${envSetting("CAMPAIGN_SENDS_PER_SECOND")}` +
        ` (at that rate alone ${RECIPIENTS} sends take` +
        ` ${(RECIPIENTS / Number(envSetting("CAMPAIGN_SENDS_PER_SECOND"))).toFixed(1)} s);` +
        ` first message at ${first.toFixed(1)} s, ${RECIPIENTS / 2}th at ${half.toFixed(1)} s;` +
        ` after the last arrival: ${status.status}, ${counts}; users+rows seeded in` +
        ` ${seeded.toFixed(1)} s`,
    ];
  } finally {
    await twilio.close();
    await client.close();
  }
}

module.exports = { campaignBench };
