/**
 * The benchmark's baseline: a bare v2 Firestore trigger in a codebase of its own ("bench", see
 * bench/firebase.json), so it is never part of the deployed backend. It copies each
 * `bench_baseline_in/{id}` document to `bench_baseline_out/{id}`: one trigger hop and one write,
 * the floor any Firestore-triggered work pays in the same emulator. `benchBaselineSend` (the
 * campaign bench's floor, bench/campaign.js) posts each `bench_baseline_outbox/{id}` document to
 * the stand-in Twilio: one trigger hop and one HTTP send, no SDK, no policy, no status writes.
 * `benchBaselineTwilio` (the task→sms floor, bench/taskSms.js and bench/taskBurst.js) sends each
 * `bench_baseline_sms/{id}` document through the Twilio SDK, loaded on first use and pointed at
 * the stand-in as functions/messaging/twilio/provider.ts does: one hop and one send, the least a
 * task's message can cost.
 * firebase-functions, firebase-admin and twilio resolve from the repository's node_modules.
 */
const { onDocumentCreated } = require("firebase-functions/v2/firestore");
const { getApps, initializeApp } = require("firebase-admin/app");
const { getFirestore } = require("firebase-admin/firestore");
const { URLSearchParams } = require("node:url");

let firestore;

/** Like the backend's db(): the default app, initialised on first use. */
function db() {
  if (!firestore) {
    if (!getApps().some((app) => app.name === "[DEFAULT]")) initializeApp();
    firestore = getFirestore();
  }
  return firestore;
}

exports.benchBaselineCopy = onDocumentCreated("bench_baseline_in/{id}", async (event) => {
  await db()
    .collection("bench_baseline_out")
    .doc(event.params.id)
    .set({ copiedFrom: event.document, at: new Date() });
});

/** Where the bench serves its stand-in Twilio (.env.demo-sms-test's TWILIO_API_BASE_URL). */
const TWILIO_MESSAGES =
  "http://127.0.0.1:4010/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages.json";

exports.benchBaselineSend = onDocumentCreated("bench_baseline_outbox/{id}", async (event) => {
  const message = event.data.data();
  const response = await fetch(TWILIO_MESSAGES, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ To: message.to, From: "+15555550100", Body: message.body }),
  });
  if (!response.ok) throw new Error(`the stand-in Twilio answered ${response.status}`);
});

const TWILIO_ACCOUNT = "AC00000000000000000000000000000000";
const TWILIO_BASE_URL = "http://127.0.0.1:4010";

let twilioClient;

/** Like provider.ts: the SDK on first use, its requests rewritten to the stand-in, no retries. */
function twilio() {
  if (!twilioClient) {
    const sdk = require("twilio");
    class StandInRequestClient extends sdk.RequestClient {
      request(options) {
        const uri = options.uri.replace(/^https:\/\/[a-z0-9.-]+\.twilio\.com/i, TWILIO_BASE_URL);
        return super.request({ ...options, uri });
      }
    }
    const httpClient = new StandInRequestClient({ timeout: 10_000, autoRetry: false });
    twilioClient = new sdk.Twilio(TWILIO_ACCOUNT, "bench-token", { httpClient, autoRetry: false });
  }
  return twilioClient;
}

exports.benchBaselineTwilio = onDocumentCreated("bench_baseline_sms/{id}", async (event) => {
  const { to, body } = event.data.data();
  await twilio().messages.create({ to, from: "+15555550100", body });
});
