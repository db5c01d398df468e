#!/usr/bin/env node
/**
 * Runs the Firebase Emulator Suite with whatever emulator binaries this machine has.
 *
 *   node scripts/emulators.js start            local backend with demo data (project demo-sms-backend)
 *   node scripts/emulators.js exec "<cmd>"     run <cmd> inside the emulators (project demo-sms-test)
 *   node scripts/emulators.js exec --config bench/firebase.json "<cmd>"
 *   node scripts/emulators.js exec --config test/rules/firebase.json --only firestore \
 *     --project demo-sms-rules "<cmd>"
 *
 * firebase-tools downloads its Firestore and Pub/Sub emulators on first use. Where the Google
 * Cloud CLI emulators are installed (offline machines, CI) we point firebase-tools at them
 * instead; elsewhere firebase-tools is left to download its own.
 */
const { spawn, spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const CACHE = path.join(ROOT, ".emulators");
const EMULATORS = "auth,firestore,functions,pubsub,tasks";
const FIRESTORE_MAIN_CLASS = "com.google.cloud.datastore.emulator.firestore.CloudFirestore";

function fail(message) {
  console.error(`emulators: ${message}`);
  process.exit(1);
}

function requireJava() {
  const java = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (java.error || java.status !== 0) {
    fail(
      "Java 17 or later is needed by the Firebase emulators; install a JDK (e.g. apt install openjdk-17-jdk-headless) and try again.",
    );
  }
}

function cloudSdkRoot() {
  const gcloud = spawnSync("gcloud", ["info", "--format=value(installation.sdk_root)"], {
    encoding: "utf8",
  });
  const candidates = [
    gcloud.status === 0 ? gcloud.stdout.trim() : "",
    "/usr/lib/google-cloud-sdk",
    "/usr/share/google-cloud-sdk",
  ];
  return candidates.find((dir) => dir && fs.existsSync(path.join(dir, "platform")));
}

/**
 * The Cloud CLI's Firestore jar has no Main-Class, and firebase-tools starts it with `java -jar`:
 * a tiny wrapper jar whose manifest names the main class and puts the real jar on the class path.
 */
function firestoreWrapperJar(realJar) {
  const wrapper = path.join(CACHE, "cloud-firestore-emulator-wrapper.jar");
  const stamp = `${realJar}:${fs.statSync(realJar).mtimeMs}`;
  const stampFile = `${wrapper}.source`;
  if (fs.existsSync(wrapper) && fs.readFileSync(stampFile, "utf8") === stamp) return wrapper;
  fs.mkdirSync(CACHE, { recursive: true });
  const manifest = path.join(CACHE, "MANIFEST.MF");
  fs.writeFileSync(
    manifest,
    `Manifest-Version: 1.0\nMain-Class: ${FIRESTORE_MAIN_CLASS}\nClass-Path: file:${realJar}\n`,
  );
  const jar = spawnSync("jar", ["cfm", wrapper, manifest], { cwd: CACHE, encoding: "utf8" });
  if (jar.status !== 0)
    fail(`could not build the Firestore wrapper jar: ${jar.stderr || jar.error}`);
  fs.writeFileSync(stampFile, stamp);
  return wrapper;
}

/** Environment for firebase-tools: local emulator binaries when the Cloud CLI has them. */
function emulatorEnv() {
  const env = { ...process.env };
  const sdk = cloudSdkRoot();
  if (!sdk) return env;
  const firestoreJar = path.join(
    sdk,
    "platform/cloud-firestore-emulator/cloud-firestore-emulator.jar",
  );
  const pubsubBin = path.join(sdk, "platform/pubsub-emulator/bin/cloud-pubsub-emulator");
  if (fs.existsSync(firestoreJar) && !env.FIRESTORE_EMULATOR_BINARY_PATH) {
    env.FIRESTORE_EMULATOR_BINARY_PATH = firestoreWrapperJar(firestoreJar);
  }
  if (fs.existsSync(pubsubBin) && !env.PUBSUB_EMULATOR_BINARY_PATH) {
    env.PUBSUB_EMULATOR_BINARY_PATH = pubsubBin;
  }
  return env;
}

/**
 * The functions bind their secrets, and the Functions emulator looks for them in .secret.local
 * (or asks Secret Manager, which a demo project cannot reach). Placeholders keep the local run
 * quiet; put real credentials there to send through Twilio or SNS from the emulators.
 */
function ensureLocalSecrets() {
  const file = path.join(ROOT, ".secret.local");
  if (fs.existsSync(file)) return;
  fs.writeFileSync(
    file,
    [
      "# Secrets for the Functions emulator (created by scripts/emulators.js; git ignores it).",
      "# Replace the placeholders with real credentials to send through Twilio or SNS locally.",
      "TWILIO_AUTH_TOKEN=local-placeholder",
      "AWS_SECRET_ACCESS_KEY=local-placeholder",
      "",
    ].join("\n"),
  );
}

function firebase(args, env) {
  const bin = path.join(ROOT, "node_modules/.bin/firebase");
  return spawn(bin, args, { cwd: ROOT, env, stdio: "inherit" });
}

function exitWith(child) {
  child.on("exit", (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
}

async function waitForFunctions(timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      // Lists each codebase with its triggers once the code has been loaded.
      const response = await fetch("http://127.0.0.1:5001/backends");
      const { backends } = await response.json();
      if (backends?.some((backend) => backend.functionTriggers?.length > 0)) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the emulators did not start in time");
}

/**
 * Cloud Scheduler is not emulated: fire the scheduled functions on their cadence so scheduled
 * sends and retries happen locally as they would deployed.
 */
function runSchedulesLocally(projectId) {
  const fire = async (name) => {
    const url = `http://127.0.0.1:5001/${projectId}/us-central1/${name}-0`;
    const headers = {
      "X-CloudScheduler-JobName": name,
      "X-CloudScheduler-ScheduleTime": new Date().toISOString(),
    };
    await fetch(url, { method: "POST", headers }).catch(() => undefined);
  };
  // The scheduled jobs and their cadence: functions/jobs.ts (`start` builds before this runs).
  const { JOB_REGISTRY } = require("../lib/jobs");
  for (const { functionName, cadence } of Object.values(JOB_REGISTRY)) {
    if (functionName && cadence) setInterval(() => void fire(functionName), cadence.everyMs);
  }
}

const EXEC_OPTIONS = "[--config <file>] [--only <emulators>] [--project <demo-id>]";

/**
 * Options of `exec`, before its command: `--config <firebase.json>` runs another configuration
 * (the benchmark adds a codebase), `--only` a subset of the emulators and `--project` another
 * demo project (the rules tests run the Firestore emulator alone).
 */
function execOptions(rest) {
  const options = { config: [], only: EMULATORS, project: "demo-sms-test" };
  let i = 0;
  for (; ["--config", "--only", "--project"].includes(rest[i]); i += 2) {
    const value = rest[i + 1];
    if (!value) fail(`${rest[i]} needs a value`);
    if (rest[i] === "--config") options.config = ["--config", value];
    if (rest[i] === "--only") options.only = value;
    if (rest[i] === "--project") options.project = value;
  }
  return { ...options, script: rest.slice(i).join(" ") };
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  requireJava();
  ensureLocalSecrets();
  const env = emulatorEnv();
  if (command === "exec") {
    const { config, only, project, script } = execOptions(rest);
    if (!script) fail(`usage: node scripts/emulators.js exec ${EXEC_OPTIONS} "<command>"`);
    const args = ["emulators:exec", ...config, "--only", only, "--project", project];
    exitWith(firebase([...args, script], env));
    return;
  }
  if (command === "start") {
    const project = "demo-sms-backend";
    const child = firebase(
      ["emulators:start", "--only", EMULATORS, "--project", project, ...rest],
      env,
    );
    exitWith(child);
    await waitForFunctions(180_000);
    const seed = spawnSync(process.execPath, [path.join(__dirname, "seed.js")], {
      cwd: ROOT,
      env: { ...env, GCLOUD_PROJECT: project },
      stdio: "inherit",
    });
    if (seed.status !== 0) console.error("emulators: seeding demo data failed (see above)");
    runSchedulesLocally(project);
    return;
  }
  fail('usage: node scripts/emulators.js start | exec "<command>"');
}

main().catch((error) => fail(error.message));
