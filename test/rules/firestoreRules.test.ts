/**
 * firestore.rules as an allow/deny matrix: every collection × every actor × get, list, create,
 * update (each protected field on its own) and delete, against the Firestore emulator alone
 * (`npm run test:rules`). The legitimate client flows are cases of their own, and so are the
 * attacks the rules exist to stop. The rows live beside this file, one module per collection
 * (rulesMatrix*.ts); this file runs all of them against one seed.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  assertFails,
  assertSucceeds,
  initializeTestEnvironment,
  type RulesTestEnvironment,
} from "@firebase/rules-unit-testing";
import firebase from "firebase/compat/app";
import "firebase/compat/firestore";
import { ACTORS, MAIN_ACTORS, SEED, type Actor, type Row } from "./rulesMatrix";
import { backend, messages, READ_ONLY, unmatched } from "./rulesMatrixBackend";
import { reminders } from "./rulesMatrixReminders";
import { tasks } from "./rulesMatrixTasks";
import { users } from "./rulesMatrixUsers";

type Firestore = firebase.firestore.Firestore;

const PROJECT_ID = process.env.GCLOUD_PROJECT ?? "demo-sms-rules";
const [HOST, PORT] = (process.env.FIRESTORE_EMULATOR_HOST ?? "127.0.0.1:8080").split(":");

const ROWS: Row[] = [...users, ...tasks, ...reminders, ...messages, ...backend, ...unmatched];

let env: RulesTestEnvironment;
const clients = new Map<Actor, Firestore>();
/** Set when a write went through: the next case starts from a fresh seed. */
let dirty = true;

async function seed(): Promise<void> {
  await env.clearFirestore();
  await env.withSecurityRulesDisabled(async (context) => {
    const db = context.firestore();
    const batch = db.batch();
    for (const [docPath, data] of Object.entries(SEED)) batch.set(db.doc(docPath), data);
    await batch.commit();
  });
}

function client(actor: Actor): Firestore {
  let db = clients.get(actor);
  if (!db) {
    const claims = ACTORS[actor];
    const context =
      claims === null ? env.unauthenticatedContext() : env.authenticatedContext(actor, claims);
    db = context.firestore();
    clients.set(actor, db);
  }
  return db;
}

async function perform(db: Firestore, { op, path: target, data = {} }: Row): Promise<unknown> {
  switch (op) {
    case "get":
      return db.doc(target).get();
    case "list": {
      let query: firebase.firestore.Query = db.collection(target);
      for (const [field, value] of Object.entries(data)) query = query.where(field, "==", value);
      return query.get();
    }
    case "create":
      return db.doc(target).set(data);
    case "update":
      return db.doc(target).update(data);
    case "delete":
      return db.doc(target).delete();
  }
}

beforeAll(async () => {
  // Denied requests are the point here; the SDK would log each one.
  firebase.firestore.setLogLevel("silent");
  env = await initializeTestEnvironment({
    projectId: PROJECT_ID,
    firestore: {
      rules: readFileSync(path.join(__dirname, "../../firestore.rules"), "utf8"),
      host: HOST,
      port: Number(PORT),
    },
  });
});

beforeEach(async () => {
  if (!dirty) return;
  await seed();
  dirty = false;
});

afterAll(async () => {
  await env?.cleanup();
});

const collectionOf = (r: Row) => (r.op === "list" ? r.path : r.path.replace(/\/[^/]+$/, ""));

it("has a case for every collection × main actor × operation", () => {
  const collections = ["users", "tasks", "reminders", "sms_messages"];
  for (const { doc } of READ_ONLY) collections.push(doc.replace(/\/[^/]+$/, ""));
  const missing = collections.flatMap((collection) =>
    MAIN_ACTORS.flatMap((actor) =>
      (["get", "list", "create", "update", "delete"] as const)
        .filter(
          (op) =>
            !ROWS.some((r) => r.actor === actor && r.op === op && collectionOf(r) === collection),
        )
        .map((op) => `${actor} ${op} ${collection}`),
    ),
  );
  expect(missing).toEqual([]);
});

it.each(ROWS)("$name", async (testCase) => {
  const request = perform(client(testCase.actor), testCase);
  if (testCase.op !== "get" && testCase.op !== "list") {
    request.then(
      () => (dirty = true),
      () => undefined,
    );
  }
  if (testCase.expect === "allow") await assertSucceeds(request);
  else await assertFails(request);
});
