/**
 * Firestore helpers of the jobs bench (bench/jobs.js): batched writes, clearing a project or a
 * run's outputs, counting documents and reads, and what a query costs in the emulator.
 */
const { performance } = require("node:perf_hooks");
const { median } = require("./measure");

/** Writes per batch (Firestore's limit is 500) and batches in flight. */
const BATCH_SIZE = 500;
const PARALLEL_BATCHES = 8;

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

module.exports = { median, writeAll, clearProject, clearOutputs, countDocs, scanProbe, countReads };
