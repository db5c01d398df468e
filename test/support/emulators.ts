/**
 * Helpers for integration tests, which run inside `firebase emulators:exec` (see
 * scripts/emulators.js): the Admin SDK pointed at the emulators, clean state between tests,
 * polling for asynchronous trigger results, and firing scheduled functions by hand.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { getApps, initializeApp } from "firebase-admin/app";
import { getFirestore, type Firestore } from "firebase-admin/firestore";

/** The project the test run's emulators use (`.env.demo-sms-test` configures its functions). */
export const PROJECT_ID = process.env.GCLOUD_PROJECT ?? "demo-sms-test";
export const REGION = "us-central1";
/** Fixed ports the functions reach the stand-ins on (see `.env.demo-sms-test`). */
export const TWILIO_STAND_IN_PORT = 4010;
export const SNS_STAND_IN_PORT = 4011;

const FIRESTORE_HOST = process.env.FIRESTORE_EMULATOR_HOST ?? "127.0.0.1:8080";
const FUNCTIONS_HOST = "127.0.0.1:5001";

if (!process.env.FIRESTORE_EMULATOR_HOST) {
  throw new Error("Integration tests run inside the emulators: use `npm run test:integration`.");
}

/** The Admin SDK's Firestore, talking to the emulator. */
export function adminDb(): Firestore {
  if (getApps().length === 0) initializeApp({ projectId: PROJECT_ID });
  return getFirestore();
}

/** Deletes every document in the emulator's database. */
export async function clearFirestore(): Promise<void> {
  const url = `http://${FIRESTORE_HOST}/emulator/v1/projects/${PROJECT_ID}/databases/(default)/documents`;
  const response = await fetch(url, { method: "DELETE" });
  if (!response.ok) throw new Error(`clearing Firestore failed: ${response.status}`);
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(
  description: string,
  probe: () => Promise<T | undefined>,
  // Generous: right after a heavy suite (a 500-recipient campaign) the emulator is still busy.
  timeoutMs = 45_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${description}`);
    await sleep(200);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Fires a scheduled function in the Functions emulator as Cloud Scheduler would, with a chosen
 * schedule time (the jobs take "now" from it).
 */
export async function runSchedule(name: string, scheduleTime: Date): Promise<void> {
  const url = `http://${FUNCTIONS_HOST}/${PROJECT_ID}/${REGION}/${name}-0`;
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "X-CloudScheduler-JobName": name,
      "X-CloudScheduler-ScheduleTime": scheduleTime.toISOString(),
    },
  });
  if (!response.ok) {
    throw new Error(`running ${name} failed: ${response.status} ${await response.text()}`);
  }
}

/** A message document's data once `predicate` holds for it. */
export async function waitForMessage(
  messageId: string,
  predicate: (data: FirebaseFirestore.DocumentData) => boolean,
  timeoutMs?: number,
): Promise<FirebaseFirestore.DocumentData> {
  return waitFor(
    `sms_messages/${messageId}`,
    async () => {
      const data = (await adminDb().collection("sms_messages").doc(messageId).get()).data();
      return data && predicate(data) ? data : undefined;
    },
    timeoutMs,
  );
}

/** Every message document, optionally only those about one task. */
export async function messagesFor(taskId?: string): Promise<FirebaseFirestore.DocumentData[]> {
  const collection = adminDb().collection("sms_messages");
  const snapshot = await (taskId ? collection.where("taskId", "==", taskId) : collection).get();
  return snapshot.docs.map((doc) => ({ id: doc.id, ...doc.data() }));
}

/**
 * Puts the functions' settings (`.env`, `.env.<project>`, `.secret.local`) into this process's environment,
 * as the Functions emulator does for deployed code, for tests that run a handler in-process.
 * Params read `process.env` at run time; only the CLI fills in their defaults.
 */
export function loadFunctionEnv(): void {
  for (const file of [".env", `.env.${PROJECT_ID}`, ".secret.local"]) {
    const path = join(__dirname, "../..", file);
    if (!existsSync(path)) continue;
    const text = readFileSync(path, "utf8");
    for (const line of text.split("\n")) {
      const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
      if (match) process.env[match[1]] = match[2];
    }
  }
}
