/**
 * Preloaded into the backend's function workers in the emulator, by the benchmark only: the
 * bench writes `NODE_OPTIONS=--require <this file>` and BENCH_CALLS_DIR into the emulator-only
 * env file of bench/env, the env folder bench/firebase.json gives the backend's codebase (see
 * bench/callCounts.js). Nothing in functions/ knows of it and a deployment never loads it.
 *
 * Each worker (one per function in the emulator, FUNCTION_TARGET names it) counts, cumulatively:
 * - invocations: requests the emulator sends to the worker's HTTP server (its health probes
 *   under /__/ aside); the emulator runs each event or call as one such request;
 * - Firestore calls: every RPC of the Admin SDK (@google-cloud/firestore funnels them all
 *   through Firestore#request and #requestStream), by method: one call is one round trip, so a
 *   getAll of three documents is one call and a transaction's buffered writes ride its commit;
 * - read-write transactions: Firestore#runTransaction calls, and their attempts (each read-write
 *   transaction the SDK starts, retries after contention included);
 * - documents fetched by key (batchGetDocuments) and writes committed (commit, batchWrite).
 * It writes them, at most every 100 ms after a change, to BENCH_CALLS_DIR/<pid>.json, which
 * the bench diffs around the runs it measures. @google-cloud/firestore is patched when the
 * function code first loads it, so this adds nothing to a worker's start but a module hook.
 */
const fs = require("node:fs");
const http = require("node:http");
const Module = require("node:module");
const path = require("node:path");

const WRITE_DELAY_MS = 100;

function install(dir, target) {
  const counts = {
    target,
    invocations: 0,
    transactions: 0,
    attempts: 0,
    docsByKey: 0,
    writes: 0,
    rpcs: {},
  };
  const file = path.join(dir, `${process.pid}.json`);
  let pending;
  const changed = () => {
    if (pending) return;
    pending = setTimeout(() => {
      pending = undefined;
      try {
        fs.writeFileSync(`${file}.tmp`, JSON.stringify(counts));
        fs.renameSync(`${file}.tmp`, file);
      } catch {
        // The bench has finished and removed the folder; nobody is reading any more.
      }
    }, WRITE_DELAY_MS);
    pending.unref();
  };

  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function countInvocation(event, request, ...rest) {
    if (event === "request" && !String(request.url).startsWith("/__/")) {
      counts.invocations += 1;
      changed();
    }
    return emit.call(this, event, request, ...rest);
  };

  const countRpc = (method, request) => {
    counts.rpcs[method] = (counts.rpcs[method] ?? 0) + 1;
    if (method === "beginTransaction" || request?.newTransaction?.readWrite) counts.attempts += 1;
    if (method === "batchGetDocuments") counts.docsByKey += request?.documents?.length ?? 0;
    if (method === "commit" || method === "batchWrite")
      counts.writes += request?.writes?.length ?? 0;
    changed();
  };

  const patch = (firestore) => {
    const { request, requestStream, runTransaction } = firestore.prototype;
    firestore.prototype.request = function countRequest(method, body, ...rest) {
      countRpc(method, body);
      return request.call(this, method, body, ...rest);
    };
    firestore.prototype.requestStream = function countStream(method, bidi, body, ...rest) {
      countRpc(method, body);
      return requestStream.call(this, method, bidi, body, ...rest);
    };
    firestore.prototype.runTransaction = function countTransaction(...args) {
      counts.transactions += 1;
      changed();
      return runTransaction.apply(this, args);
    };
  };

  const load = Module._load;
  Module._load = function loadAndPatch(request, ...rest) {
    const exported = load.call(this, request, ...rest);
    if (request === "@google-cloud/firestore" && typeof exported?.Firestore === "function") {
      Module._load = load;
      patch(exported.Firestore);
    }
    return exported;
  };
}

// Only function workers: the emulator's trigger discovery runs the code without a target.
if (process.env.BENCH_CALLS_DIR && process.env.FUNCTION_TARGET) {
  install(process.env.BENCH_CALLS_DIR, process.env.FUNCTION_TARGET);
}
