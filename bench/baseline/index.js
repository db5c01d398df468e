/**
 * The benchmark's baseline: a bare v2 Firestore trigger in a codebase of its own ("bench", see
 * bench/firebase.json), so it is never part of the deployed backend. It copies each
 * `bench_baseline_in/{id}` document to `bench_baseline_out/{id}`: one trigger hop and one write,
 * the floor any Firestore-triggered work pays in the same emulator. firebase-functions and
 * firebase-admin resolve from the repository's node_modules.
 */
const { onDocumentCreated } = require("firebase-functions/v2/firestore");
const { getApps, initializeApp } = require("firebase-admin/app");
const { getFirestore } = require("firebase-admin/firestore");

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
