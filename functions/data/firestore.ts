/** The Admin SDK, initialised on first use so that module scope stays cheap at cold start. */
import { getApps, initializeApp } from "firebase-admin/app";
import { getFirestore, type Firestore } from "firebase-admin/firestore";

let firestore: Firestore | undefined;

/** The default Firestore database. */
export function db(): Firestore {
  if (!firestore) {
    // Other named apps may exist (the emulator's runtime makes one); we want the default.
    if (!getApps().some((app) => app.name === "[DEFAULT]")) initializeApp();
    firestore = getFirestore();
  }
  return firestore;
}

/** Collection names: the public interface of DESIGN §2. */
export const COLLECTIONS = {
  users: "users",
  tasks: "tasks",
  reminders: "reminders",
  messages: "sms_messages",
  templates: "sms_templates",
  campaigns: "sms_campaigns",
  suppressions: "sms_suppressions",
  inbound: "sms_inbound",
} as const;

/** gRPC status of a `create()` on a document that already exists. */
export const ALREADY_EXISTS = 6;

/** True when a Firestore error is `ALREADY_EXISTS`. */
export function isAlreadyExists(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === ALREADY_EXISTS;
}
