/**
 * What the emulator parts of the benchmark share to set up: batched writes, polling, a clean
 * Firestore emulator, and students whose `sms_recipients` rows onUserWritten has built.
 */
const { performance } = require("node:perf_hooks");

const BATCH_SIZE = 500;
const POLL_MS = 500;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes `[ref, data]` pairs in batches of 500 (the most one batch takes). */
async function writeBatched(db, docs) {
  for (let i = 0; i < docs.length; i += BATCH_SIZE) {
    const batch = db.batch();
    for (const [ref, data] of docs.slice(i, i + BATCH_SIZE)) batch.set(ref, data);
    await batch.commit();
  }
}

/** Polls `check` until it returns true; anything else it returns is shown on a timeout. */
async function waitFor(description, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const last = await check();
    if (last === true) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${description} (${last})`);
    await sleep(POLL_MS);
  }
}

/** Deletes every document of `projectId` in the emulator; no trigger sees it. */
async function clearFirestore(projectId) {
  const host = process.env.FIRESTORE_EMULATOR_HOST;
  const url = `http://${host}/emulator/v1/projects/${projectId}/databases/(default)/documents`;
  // The emulator answers 409 while a transaction is open: the previous part's functions may
  // still be recording their last outcomes. Give them a few seconds.
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(url, { method: "DELETE" });
    if (response.ok) return;
    if (response.status !== 409 || attempt >= 10) {
      throw new Error(`clearing the Firestore emulator failed: ${response.status}`);
    }
    await sleep(1000);
  }
}

/**
 * Writes a student per phone, `users/<prefix><i>` (i zero-padded to the width of the count),
 * and waits until onUserWritten has built their `sms_recipients` rows; the seconds it took.
 */
async function seedStudents(db, prefix, phones, timeoutMs, extra = {}) {
  const width = String(phones.length - 1).length;
  const ids = phones.map((_, i) => `${prefix}${String(i).padStart(width, "0")}`);
  const start = performance.now();
  await writeBatched(
    db,
    phones.map((phone, i) => [
      db.collection("users").doc(ids[i]),
      {
        name: `Bench Student ${i}`,
        email: `${ids[i]}@example.com`,
        role: "student",
        phone_number: phone,
        timezone: "America/New_York",
        language: "en",
        last_activity_date: new Date().toISOString(),
        ...extra,
      },
    ]),
  );
  const rows = db
    .collection("sms_recipients")
    .where("__name__", ">=", db.collection("sms_recipients").doc(prefix))
    .where("__name__", "<", db.collection("sms_recipients").doc(`${prefix}\uf8ff`));
  await waitFor(
    `${phones.length} sms_recipients rows for users/${prefix}*`,
    async () => {
      const n = (await rows.count().get()).data().count;
      return n >= phones.length || n;
    },
    timeoutMs,
  );
  return { ids, seconds: (performance.now() - start) / 1000 };
}

/** The emulator project the bench runs in, and the bench's own Admin SDK app on it. */
function benchFirestore() {
  const { getApps, initializeApp } = require("firebase-admin/app");
  const { getFirestore } = require("firebase-admin/firestore");
  const projectId = process.env.GCLOUD_PROJECT ?? "demo-sms-test";
  const app = getApps().find((a) => a.name === "bench") ?? initializeApp({ projectId }, "bench");
  return { projectId, db: getFirestore(app) };
}

/** A task as the apps write it (camelCase, ISO-string dates), assigned by a partner. */
function benchTask(assignedTo, createdBy) {
  return {
    title: "Chapter 3 exercises",
    subjectId: "math",
    chapterId: "ch3",
    taskType: "chapter",
    completed: false,
    createdAt: new Date().toISOString(),
    assignedTo,
    createdBy,
    deadline: "2026-11-25T17:00:00Z",
  };
}

module.exports = {
  benchFirestore,
  benchTask,
  clearFirestore,
  seedStudents,
  sleep,
  waitFor,
  writeBatched,
};
