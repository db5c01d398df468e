/** The Admin SDK, initialised on first use so that module scope stays cheap at cold start. */
import { getApps, initializeApp } from "firebase-admin/app";
import { getAuth, type Auth } from "firebase-admin/auth";
import {
  getFirestore,
  type DocumentData,
  type DocumentReference,
  type DocumentSnapshot,
  type Firestore,
  type FirestoreDataConverter,
  type QueryDocumentSnapshot,
  type Transaction,
} from "firebase-admin/firestore";

let firestore: Firestore | undefined;

/** Initialises the default app (once), for the Admin SDK services that need it. */
export function defaultApp(): void {
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

/**
 * Runs `work` in a read-write transaction (retried by the SDK on contention, so `work` must
 * only read and stage writes through `tx`).
 */
export function runTransaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
  return db().runTransaction(work);
}

/**
 * Reads these documents in one round trip, each through its reference's converter (the SDK
 * applies them; only its typing of `getAll` forgets them).
 */
export async function getAll<T extends DocumentData>(
  refs: readonly DocumentReference<T>[],
): Promise<DocumentSnapshot<T>[]> {
  if (refs.length === 0) return [];
  return (await db().getAll(...refs)) as DocumentSnapshot<T>[];
}

/**
 * The converter of a collection only the backend writes: its documents are read as `T`
 * without a cast at every read. Client-written collections are parsed with zod instead
 * (domain/clientDocs), since anything may be in them.
 */
export function backendConverter<T extends DocumentData>(): FirestoreDataConverter<T> {
  return {
    toFirestore: (value) => value as DocumentData,
    fromFirestore: (snapshot: QueryDocumentSnapshot) => snapshot.data() as T,
  };
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
  /** Per user, what the scheduled jobs filter on (time zone, role, language, number). */
  recipients: "sms_recipients",
  /** Per user, their open tasks (the 09:00 and weekly counts). */
  openTasks: "sms_open_tasks",
  /** Per UTC hour, the open tasks whose deadline falls in it (the overdue sweep). */
  deadlines: "sms_deadlines",
  /** Per scheduled run, its progress, so a redelivered run resumes instead of repeating. */
  jobRuns: "sms_job_runs",
  /** Every opt-out and opt-in, kept when a suppression is lifted. */
  consentEvents: "sms_consent_events",
  /** Per number, the sends of the last hour (SMS_RATE_LIMIT). */
  sendWindows: "sms_send_windows",
  /** The Trigger Email extension's queue: an email message is handed over as `mail/{messageId}`. */
  mail: "mail",
  /** Per provider, its circuit breaker's shared state (services/health/circuits). */
  providerHealth: "sms_provider_health",
  /** Per scheduled job, how its last invocation ended (getSystemHealth, the monitor job). */
  jobStatus: "sms_job_status",
  /** Per alert event and period, a marker so an alert is logged once (the monitor job). */
  alerts: "sms_alerts",
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
