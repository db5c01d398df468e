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

/** Collection names: the public interface of docs/contract.md §2. */
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

/** The gRPC statuses the backend acts on; every check of an error's code is here. */
const GRPC = { NOT_FOUND: 5, ALREADY_EXISTS: 6, FAILED_PRECONDITION: 9 } as const;

function hasCode(error: unknown, code: number): boolean {
  return (error as { code?: unknown } | null)?.code === code;
}

/** A `create()` found the document already there. */
export function isAlreadyExists(error: unknown): boolean {
  return hasCode(error, GRPC.ALREADY_EXISTS);
}

/** An `update()` or `delete()` found no document. */
export function isNotFound(error: unknown): boolean {
  return hasCode(error, GRPC.NOT_FOUND);
}

/** A write's precondition (`lastUpdateTime`, `exists`) no longer held. */
export function isFailedPrecondition(error: unknown): boolean {
  return hasCode(error, GRPC.FAILED_PRECONDITION);
}
