/**
 * Parts 5 and 6 of `npm run bench`: a campaign to 2,000 (`campaign`) or 10,000
 * (`campaign-10k`, opt-in) recipients, from calling `executeCampaign` to the stand-in Twilio
 * having received a request for every recipient, against a floor measured in the same run: as
 * many documents written (batched) to `bench_baseline_outbox`, each posted to the stand-in
 * Twilio by a bare trigger (`benchBaselineSend` in bench/baseline), timed until the last of them
 * arrives. Both sides end at the same place, the stand-in's request log. Then what each campaign
 * message cost, counted in the backend's workers (bench/callCounts.js).
 *
 * Untimed set-up, in the triggers' project (demo-sms-test), after clearing it (the other parts'
 * students would be recipients too): opted-in students with fictional numbers (bench/phones.js),
 * written in batches; onUserWritten builds their `sms_recipients` rows, waited for. Then an
 * admin, signed in through the Auth emulator with the web SDK, creates a campaign with a literal
 * body. Warm-ups, also untimed: 20 floor documents, and a campaign to the first recipients
 * (`userIds`), three batches of CAMPAIGN_SENDS_PER_SECOND, which starts the workers of
 * executeCampaign, campaignPlanner and campaignSend: the Functions emulator runs one request
 * per worker, and the send queue runs three batches at once, so three workers. Its recipients
 * get the main campaign's message too (another campaign, another message id; SMS_RATE_LIMIT
 * is 5).
 *
 * The send rate comes from .env.demo-sms-test (CAMPAIGN_SENDS_PER_SECOND: one batch of that
 * many a second); the info line prints it, since it bounds the campaign's time.
 */
const fs = require("node:fs");
const path = require("node:path");
const { performance } = require("node:perf_hooks");
const { perMessageLines } = require("./callCounts");
const { fictionalPhones } = require("./phones");
const { clearFirestore, seedStudents, writeBatched } = require("./seed");
const { startTwilioStandIn } = require("./twilioStandIn");

const ROOT = path.resolve(__dirname, "..");
/** Where .env.demo-sms-test points TWILIO_API_BASE_URL (and bench/baseline posts). */
const TWILIO_PORT = 4010;
const PROJECT_ID = process.env.GCLOUD_PROJECT || "demo-sms-test";
const REGION = "us-central1";
const USER_PREFIX = "bench-camp-";
const WARM_UP_DOCS = 20;
/** `campaignSend`'s maxConcurrentDispatches (functions/queues/campaigns.ts). */
const WARM_UP_BATCHES = 3;
/** For the user triggers, and for either side's sends: 10 minutes for 2,000, more for more. */
const timeoutMs = (recipients) => Math.max(600_000, recipients * 300);
const BODY = "Free tutoring this Saturday at 10:00! Reply STOP to opt out.";

/** CAMPAIGN_* from the env file the Functions emulator reads for this project. */
function envSetting(name) {
  const file = fs.readFileSync(path.join(ROOT, `.env.${PROJECT_ID}`), "utf8");
  const line = file.split("\n").find((l) => l.startsWith(`${name}=`));
  return line ? line.slice(name.length + 1).trim() : "(default)";
}

/** An admin through the web SDK, as the web app signs in (test/support/webClient.ts). */
async function adminClient(adminApp, uid) {
  const { deleteApp, initializeApp } = require("firebase/app");
  const { connectAuthEmulator, getAuth, signInWithEmailAndPassword } = require("firebase/auth");
  const { connectFunctionsEmulator, getFunctions, httpsCallable } = require("firebase/functions");
  const { getAuth: getAdminAuth } = require("firebase-admin/auth");
  const email = `${uid}@example.com`;
  const password = "bench-password";
  await getAdminAuth(adminApp)
    .createUser({ uid, email, password })
    .catch((error) => {
      if (error.code !== "auth/uid-already-exists") throw error;
    });
  await getAdminAuth(adminApp).setCustomUserClaims(uid, { role: "admin" });
  const app = initializeApp({ projectId: PROJECT_ID, apiKey: "demo-key" }, `${uid}-web`);
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

/** The floor: `docs` written in batches, until the last one's send reaches the stand-in. */
async function floorRun(db, twilio, phones, tag) {
  const outbox = db.collection("bench_baseline_outbox");
  const docs = phones.map((to, i) => [outbox.doc(`${tag}-${i}`), { to, body: BODY }]);
  const arrivals = twilio.arrivals(phones, timeoutMs(phones.length), `campaign floor (${tag})`);
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
  const arrivals = twilio.arrivals(phones, timeoutMs(phones.length), `campaign (${label})`);
  const start = performance.now();
  await client.call("executeCampaign", { campaignId });
  const times = (await arrivals).map((at) => (at - start) / 1000);
  return { campaignId, seconds: times.at(-1), first: times[0], half: times[times.length / 2] };
}

async function statusLine(client, campaignId) {
  const status = await client.call("getCampaignStatus", { campaignId });
  const counts = Object.entries(status.counts)
    .filter(([, n]) => n > 0)
    .map(([key, n]) => `${key} ${n}`)
    .join(", ");
  return `${status.status}, ${counts}`;
}

/** The part for `recipients` recipients; `calls` reads the backend's counts (callCounts.js). */
function campaignBench(recipients) {
  const label = `campaign ${recipients >= 10_000 ? `${recipients / 1000}k` : ""}`.trim();
  return async (calls) => {
    if (!process.env.FIRESTORE_EMULATOR_HOST) {
      return [`${label.padEnd(12)} skipped: needs the emulators (npm run bench starts them)`];
    }
    const { initializeApp } = require("firebase-admin/app");
    const { getFirestore } = require("firebase-admin/firestore");
    const adminApp = initializeApp({ projectId: PROJECT_ID }, `bench-campaign-${recipients}`);
    const db = getFirestore(adminApp);
    await clearFirestore(PROJECT_ID);
    const phones = fictionalPhones(recipients);
    const extra = { marketing_sms_opt_in: true };
    const seeded = await seedStudents(db, USER_PREFIX, phones, timeoutMs(recipients), extra);
    process.stderr.write(`bench: ${label}: users and rows in ${seeded.seconds.toFixed(1)} s\n`);
    // Two admins: the warm-up's sender is not the main campaign's, whose hourly allowance
    // (SMS_ADMIN_RATE_LIMIT, 10,000) stays whole for 10,000 recipients.
    const warmUpClient = await adminClient(adminApp, `bench-camp-warm-up-${recipients}`);
    const client = await adminClient(adminApp, `bench-camp-admin-${recipients}`);
    const twilio = await startTwilioStandIn(TWILIO_PORT);
    try {
      await floorRun(db, twilio, phones.slice(0, WARM_UP_DOCS), "warm-up");
      const floor = await floorRun(db, twilio, phones, "floor");
      const rate = Number(envSetting("CAMPAIGN_SENDS_PER_SECOND"));
      process.stderr.write(`bench: ${label}: floor ${floor.toFixed(1)} s\n`);
      // As many batches as the send queue runs at once, so each of its workers is started.
      const warmUpCount = Math.min(WARM_UP_BATCHES * rate, recipients);
      const warmUp = { userIds: seeded.ids.slice(0, warmUpCount) };
      await campaignRun(warmUpClient, twilio, phones.slice(0, warmUpCount), warmUp, "warm-up");
      const before = await calls.settled();
      const { campaignId, seconds, first, half } = await campaignRun(
        client,
        twilio,
        phones,
        { roles: ["student"] },
        `${recipients} recipients`,
      );
      const after = await calls.settled();
      return [
        `${label.padEnd(12)} ${recipients} recipients ${seconds.toFixed(1)} s   floor` +
          ` ${floor.toFixed(1)} s   ratio ${(seconds / floor).toFixed(2)}`,
        `  (info)     CAMPAIGN_SENDS_PER_SECOND=${rate} (at that rate alone ${recipients} sends` +
          ` take ${(recipients / rate).toFixed(1)} s); first message at ${first.toFixed(1)} s,` +
          ` ${recipients / 2}th at ${half.toFixed(1)} s; after the last arrival:` +
          ` ${await statusLine(client, campaignId)}; users+rows seeded in` +
          ` ${seeded.seconds.toFixed(1)} s`,
        ...perMessageLines("  campaign   ", before, after, recipients),
      ];
    } finally {
      await twilio.close();
      await client.close();
      await warmUpClient.close();
    }
  };
}

module.exports = { campaignBench };
