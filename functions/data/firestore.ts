/** The Admin SDK, initialised on first use so that module scope stays cheap at cold start. */
import { getApps, initializeApp } from "firebase-admin/app";
import { getAuth, type Auth } from "firebase-admin/auth";
import { getFirestore, type Firestore } from "firebase-admin/firestore";

let firestore: Firestore | undefined;

function defaultApp(): void {
  // Other named apps may exist (the emulator's runtime makes one); we want the default.
  if (!getApps().some((app) => app.name === "[DEFAULT]")) initializeApp();
}

/** The default Firestore database. */
export function db(): Firestore {
  if (!firestore) {
    defaultApp();
    firestore = getFirestore();
  }
  return firestore;
}

/** Firebase Auth: accounts and their custom claims (the roles). */
export function auth(): Auth {
  defaultApp();
  return getAuth();
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
  /** Per account, the messages it caused in the last hour (the sender allowance). */
  senderAllowances: "sms_sender_allowances",
  /** Per UTC day, the project's segments, in a few shards (SMS_DAILY_LIMIT). */
  dailyUsage: "sms_daily_usage",
  /** `{partner}/students/{student}` while the partner has a task assigned to the student. */
  partnerStudents: "sms_partner_students",
} as const;

/** gRPC status of a `create()` on a document that already exists. */
export const ALREADY_EXISTS = 6;

/** True when a Firestore error is `ALREADY_EXISTS`. */
export function isAlreadyExists(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === ALREADY_EXISTS;
}
