/**
 * The bench's side of bench/countCalls.js: turns the counting on in the backend's function
 * workers, and reads what they counted.
 *
 * How it gets there without a line in functions/: bench/firebase.json gives the backend's
 * codebase bench/env as its env folder ("configDir"), where .env and .env.demo-sms-test are
 * links to the repository's, so the functions see the configuration they always see. The
 * Functions emulator reads a codebase's env files each time it starts a worker, the emulator-only
 * `.env.local` last; the bench writes NODE_OPTIONS (preloading countCalls.js) and BENCH_CALLS_DIR
 * there before the first event of the run and removes it at the end (git ignores it). Workers
 * start on their function's first event, so every worker of the run counts.
 */
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { sleep } = require("./seed");

const ENV_LOCAL = path.join(__dirname, "env", ".env.local");
const QUIET_MS = 1_000;
const SETTLE_TIMEOUT_MS = 30_000;

/** Starts counting for the rest of the run; `stop()` removes the env file and the counts. */
function startCallCounts() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-calls-"));
  const preload = path.join(__dirname, "countCalls.js");
  fs.writeFileSync(
    ENV_LOCAL,
    [
      "# Written by bench/callCounts.js for the run in progress; removed when it ends.",
      `NODE_OPTIONS='--require "${preload}"'`,
      `BENCH_CALLS_DIR='${dir}'`,
      "",
    ].join("\n"),
  );
  return {
    stop() {
      fs.rmSync(ENV_LOCAL, { force: true });
      fs.rmSync(dir, { recursive: true, force: true });
    },
    /** Every worker's cumulative counts, keyed by its file (its pid). */
    snapshot() {
      const counts = {};
      for (const name of fs.readdirSync(dir)) {
        if (!name.endsWith(".json")) continue;
        try {
          counts[name] = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
        } catch {
          // Replaced while read; the next snapshot has it.
        }
      }
      return counts;
    },
    /** A snapshot once the counts have not moved for a second (what is left has finished). */
    async settled() {
      const deadline = Date.now() + SETTLE_TIMEOUT_MS;
      let last = JSON.stringify(this.snapshot());
      for (;;) {
        await sleep(QUIET_MS);
        const now = JSON.stringify(this.snapshot());
        if (now === last || Date.now() > deadline) return JSON.parse(now);
        last = now;
      }
    },
  };
}

const add = (into, key, n) => (into[key] = (into[key] ?? 0) + n);

/** What the workers counted between two snapshots, summed over workers. */
function difference(before, after) {
  const total = {
    invocations: {},
    rpcs: {},
    callsByFunction: {},
    transactionsByFunction: {},
    transactions: 0,
    attempts: 0,
    docsByKey: 0,
    writes: 0,
  };
  for (const [file, now] of Object.entries(after)) {
    const then = before[file] ?? { invocations: 0, transactions: 0, attempts: 0, rpcs: {} };
    add(total.invocations, now.target, now.invocations - then.invocations);
    for (const [method, n] of Object.entries(now.rpcs)) {
      add(total.rpcs, method, n - (then.rpcs[method] ?? 0));
      add(total.callsByFunction, now.target, n - (then.rpcs[method] ?? 0));
    }
    add(total.transactionsByFunction, now.target, now.transactions - then.transactions);
    for (const key of ["transactions", "attempts", "docsByKey", "writes"]) {
      total[key] += now[key] - (then[key] ?? 0);
    }
  }
  return total;
}

/** Per message, to two decimals; "<0.01" for what happened once or twice in a large run. */
const per = (n, messages) => {
  const value = Number((n / messages).toFixed(2));
  return value === 0 && n > 0 ? "<0.01" : String(value);
};
const sum = (counts) => Object.values(counts).reduce((a, b) => a + b, 0);

/** "2 (onTaskWritten 1, onMessageCreated 1)": the total per message and its parts, largest first. */
function breakdown(counts, messages) {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([name, n]) => `${name} ${per(n, messages)}`);
  return `${per(sum(counts), messages)} (${parts.join(", ")})`;
}

/** Lines describing what each of `messages` messages cost between two snapshots. */
function perMessageLines(label, before, after, messages) {
  const total = difference(before, after);
  return [
    `${label}per message (n=${messages}): invocations ${breakdown(total.invocations, messages)}`,
    `${" ".repeat(label.length)}Firestore calls ${breakdown(total.rpcs, messages)};` +
      ` read-write transactions ${per(total.transactions, messages)}` +
      ` (attempts ${per(total.attempts, messages)}); documents read by key` +
      ` ${per(total.docsByKey, messages)}, writes ${per(total.writes, messages)}`,
    `${" ".repeat(label.length)}by function: Firestore calls` +
      ` ${breakdown(total.callsByFunction, messages)}, transactions` +
      ` ${breakdown(total.transactionsByFunction, messages)}`,
  ];
}

module.exports = { perMessageLines, startCallCounts };
