/** The Admin SDK, initialised on first use so that module scope stays cheap at cold start. */
import { getApps, initializeApp } from "firebase-admin/app";
import { getAuth, type Auth } from "firebase-admin/auth";
import {
  DocumentReference,
  getFirestore,
  type DocumentData,
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

type Load = (ref: DocumentReference) => Promise<DocumentSnapshot>;

/**
 * Document reads asked for in the same turn of the event loop, by code that cannot see each
 * other (a user, a template, a window), go to Firestore as one `getAll`: one round trip
 * instead of one each. Reads that depend on an earlier one still wait for it.
 */
export function coalescedReads<Ref, Snapshot>(
  getAll: (refs: Ref[]) => Promise<Snapshot[]>,
): (ref: Ref) => Promise<Snapshot> {
  let batch: { ref: Ref; settle: (read: Promise<Snapshot>) => void }[] = [];
  const flush = () => {
    const requests = batch;
    batch = [];
    const snapshots = getAll(requests.map((request) => request.ref));
    requests.forEach(({ settle }, i) => settle(snapshots.then((all) => all[i])));
  };
  return (ref) =>
    new Promise((resolve) => {
      // setImmediate runs after every pending promise callback: reads started by code that
      // awaited only settled promises still join the batch.
      if (batch.length === 0) setImmediate(flush);
      batch.push({ ref, settle: resolve });
    });
}

let loadOutsideTransactions: Load | undefined;

/** Reads one document, in one round trip with the reads asked for alongside it. */
export function readDoc<T extends DocumentData>(
  ref: DocumentReference<T>,
): Promise<DocumentSnapshot<T>> {
  loadOutsideTransactions ??= coalescedReads((refs: DocumentReference[]) => db().getAll(...refs));
  return loadOutsideTransactions(ref as DocumentReference) as Promise<DocumentSnapshot<T>>;
}

/** The transaction, with its document reads coalesced as `readDoc` does. */
function coalescing(tx: Transaction): Transaction {
  const load: Load = coalescedReads((refs: DocumentReference[]) => tx.getAll(...refs));
  const get = ((target: unknown) =>
    target instanceof DocumentReference
      ? load(target)
      : tx.get(target as Parameters<Transaction["get"]>[0])) as Transaction["get"];
  // A getAll with read options (a field mask) goes out as asked.
  const getAll = ((...targets: unknown[]) =>
    targets.every((target) => target instanceof DocumentReference)
      ? Promise.all(targets.map((target) => load(target as DocumentReference)))
      : tx.getAll(...(targets as Parameters<Transaction["getAll"]>))) as Transaction["getAll"];
  return new Proxy(tx, {
    get(target, property) {
      if (property === "get") return get;
      if (property === "getAll") return getAll;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/**
 * Runs `work` in a read-write transaction (retried by the SDK on contention, so `work` must
 * only read and stage writes through `tx`). Reads started together share one round trip.
 */
export function runTransaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
  return db().runTransaction((tx) => work(coalescing(tx)));
}

/** How often an optimistic transaction runs again after a document it read changed. */
const OPTIMISTIC_ATTEMPTS = 5;

/**
 * Runs `work` as an optimistic transaction: its reads go out together (as `readDoc`'s do), and
 * its writes are committed as one batch on condition that every document it read and then
 * writes is unchanged since (its update time; still missing, for one it creates); when one
 * changed, `work` runs again. No transaction is begun and nothing is locked: for writes whose
 * documents rarely change under them, such as a message's outcome recorded by the worker whose
 * claim holds it. Documents read but not written are not checked.
 *
 * `work` may read documents by reference and stage `create`, `update`, `delete`, and `set` on
 * a document it did not read or read as missing; anything else throws.
 */
export async function runOptimistic<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const seen = new Map<string, DocumentSnapshot>();
    const load: Load = coalescedReads(async (refs: DocumentReference[]) => {
      const snapshots = await db().getAll(...refs);
      for (const snapshot of snapshots) seen.set(snapshot.ref.path, snapshot);
      return snapshots;
    });
    const batch = db().batch();
    const unchanged = (ref: DocumentReference) => {
      const read = seen.get(ref.path);
      return read?.updateTime ? { lastUpdateTime: read.updateTime } : undefined;
    };
    const staged = {
      get(target: unknown) {
        if (target instanceof DocumentReference) return load(target);
        throw new Error("An optimistic transaction reads documents by reference only");
      },
      getAll: (...refs: DocumentReference[]) => Promise.all(refs.map(load)),
      create(ref: DocumentReference, data: DocumentData) {
        batch.create(ref, data);
        return staged;
      },
      update(ref: DocumentReference, data: DocumentData) {
        batch.update(ref, data, unchanged(ref) ?? { exists: true });
        return staged;
      },
      delete(ref: DocumentReference) {
        batch.delete(ref, unchanged(ref));
        return staged;
      },
      set(ref: DocumentReference, data: DocumentData, options?: { merge?: boolean }) {
        const read = seen.get(ref.path);
        if (read?.exists) throw new Error(`Use update() for ${ref.path}, which this work read`);
        if (read) batch.create(ref, data);
        else if (options) batch.set(ref, data, options);
        else batch.set(ref, data);
        return staged;
      },
    };
    // The part of Transaction the data helpers use, with the same signatures; a helper that
    // reached for more would throw at its first call, in every test that runs it.
    const result = await work(staged as unknown as Transaction);
    try {
      await batch.commit();
      return result;
    } catch (error) {
      const changed = isFailedPrecondition(error) || isAlreadyExists(error);
      if (!changed || attempt >= OPTIMISTIC_ATTEMPTS) throw error;
    }
  }
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
  /**
   * `{messageId}` for a message created `queued` that its writer does not send itself (a
   * scheduled job's): its creation fires the outbox trigger. A message sent where it is born
   * has none, so it costs no second invocation.
   */
  outboxQueue: "sms_outbox_queue",
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
