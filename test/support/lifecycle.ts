/**
 * What an integration test file starts for itself and stops after its last test: the stand-in
 * providers and the web clients it signs in. Jest runs the hooks only after the file's top level,
 * so these hand back late-bound handles: declared at the top, used in any test or later hook,
 * they reach the instance the file's own beforeAll made.
 */
import { Timestamp } from "firebase-admin/firestore";
import { adminDb, sleep, SNS_STAND_IN_PORT, TWILIO_STAND_IN_PORT } from "./emulators";
import { startSnsStandIn, type SnsStandIn } from "./snsStandIn";
import { startTwilioStandIn, type TwilioStandIn } from "./twilioStandIn";
import { signedInClient, type WebClient } from "./webClient";

/** Stands for the object `current()` returns once a hook has made it. */
export function lateBound<T extends object>(what: string, current: () => T | undefined): T {
  return new Proxy({} as T, {
    get(_target, key) {
      const target = current();
      if (target === undefined) throw new Error(`${what} is used before the beforeAll making it`);
      const value: unknown = Reflect.get(target, key);
      return typeof value === "function"
        ? (value as (...args: unknown[]) => unknown).bind(target)
        : value;
    },
  });
}

interface StandIn {
  respondWith(handler: null): void;
  close(): Promise<void>;
}

/** How long a file's end waits for the sends its last test started. */
const SETTLE_TIMEOUT_MS = 10_000;
/** No send in flight for this long: the file's triggers are done sending. */
const SETTLED_FOR_MS = 500;

/**
 * Waits (at most SETTLE_TIMEOUT_MS, never failing) until no message holds a live claim for a
 * provider send. A stand-in closed under a send in flight makes the emulator's worker count a
 * refused connection as a provider failure, and enough of them open its circuit for the next
 * file's first sends.
 */
async function settleSends(): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    const sending = await adminDb()
      .collection("sms_messages")
      .where("status", "==", "sending")
      .get();
    const inFlight = sending.docs.some((doc) => {
      const lease: unknown = doc.get("leaseExpiresAt");
      return lease instanceof Timestamp && lease.toMillis() > Date.now();
    });
    if (inFlight) quietSince = Date.now();
    else if (Date.now() - quietSince >= SETTLED_FOR_MS) return;
    await sleep(100);
  }
}

/** A stand-in server for this file; a handler one test scripts does not outlive that test. */
function useStandIn<T extends StandIn>(what: string, start: () => Promise<T>): T {
  let standIn: T | undefined;
  beforeAll(async () => {
    standIn = await start();
  });
  afterEach(() => standIn?.respondWith(null));
  afterAll(async () => {
    if (standIn) await settleSends();
    await standIn?.close();
  });
  return lateBound(what, () => standIn);
}

/** The stand-in Twilio, on the port the functions reach it on, for this file. */
export function useTwilioStandIn(): TwilioStandIn {
  return useStandIn("the stand-in Twilio", () => startTwilioStandIn(TWILIO_STAND_IN_PORT));
}

/** The stand-in SNS, on the port the functions reach it on, for this file. */
export function useSnsStandIn(): SnsStandIn {
  return useStandIn("the stand-in SNS", () => startSnsStandIn(SNS_STAND_IN_PORT));
}

export interface WebClients {
  /** Every client this file opened; a test may add one it made itself (an anonymous one). */
  clients: WebClient[];
  /** Signs in as `uid`, with the `role` claim when given. */
  as(uid: string, role?: string): Promise<WebClient>;
  /** A client signed in as `uid` before the file's first test. */
  signedIn(uid: string, role?: string): WebClient;
}

/** The web clients of this file, all closed after its last test. */
export function useWebClients(): WebClients {
  const clients: WebClient[] = [];
  async function as(uid: string, role?: string): Promise<WebClient> {
    const client = await signedInClient(uid, role);
    clients.push(client);
    return client;
  }
  function signedIn(uid: string, role?: string): WebClient {
    let client: WebClient | undefined;
    beforeAll(async () => {
      client = await as(uid, role);
    });
    return lateBound(`the web client of ${uid}`, () => client);
  }
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
  });
  return { clients, as, signedIn };
}
