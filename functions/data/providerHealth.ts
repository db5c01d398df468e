/**
 * `sms_provider_health/{provider}`: each provider's circuit as the instances share it. Written
 * only when an instance moves the circuit (a transition, rare) and read by each instance at most
 * every ~30 s, so a send on the happy path costs no read of it.
 */
import { Timestamp } from "firebase-admin/firestore";
import type { CircuitSnapshot, CircuitState } from "../domain/circuitBreaker";
import type { ProviderName } from "../messaging/provider";
import { backendConverter, db, getAll, runTransaction, COLLECTIONS } from "./firestore";

/** The shared circuit of one provider. */
export interface ProviderHealthRecord {
  provider: ProviderName;
  state: CircuitState;
  since: Timestamp;
  openUntil: Timestamp | null;
  reason: string | null;
  updatedAt: Timestamp;
}

function healthRef(provider: ProviderName) {
  return db()
    .collection(COLLECTIONS.providerHealth)
    .withConverter(backendConverter<ProviderHealthRecord>())
    .doc(provider);
}

function snapshotOf(record: ProviderHealthRecord | undefined): CircuitSnapshot | undefined {
  if (!record) return undefined;
  return {
    state: record.state,
    since: record.since.toMillis(),
    openUntil: record.openUntil?.toMillis() ?? null,
    reason: record.reason,
  };
}

/** The shared circuit of `provider`; undefined before any transition was published. */
export async function readProviderHealth(
  provider: ProviderName,
): Promise<CircuitSnapshot | undefined> {
  return snapshotOf((await healthRef(provider).get()).data());
}

/** The shared circuits of these providers, in one round trip. */
export async function readProviderHealths(
  providers: readonly ProviderName[],
): Promise<Map<ProviderName, CircuitSnapshot>> {
  const snapshots = await getAll(providers.map(healthRef));
  const found = new Map<ProviderName, CircuitSnapshot>();
  snapshots.forEach((snapshot, i) => {
    const circuit = snapshotOf(snapshot.data());
    if (circuit) found.set(providers[i], circuit);
  });
  return found;
}

/**
 * Publishes `circuit` unless the document already holds a newer state (another instance moved
 * the circuit later): two transitions racing must not leave the older one on top.
 * Returns whether it was written.
 */
export async function publishProviderHealth(
  provider: ProviderName,
  circuit: CircuitSnapshot,
): Promise<boolean> {
  const ref = healthRef(provider);
  return runTransaction(async (tx) => {
    const current = (await tx.get(ref)).data();
    if (current && current.since.toMillis() > circuit.since) return false;
    tx.set(ref, {
      provider,
      state: circuit.state,
      since: Timestamp.fromMillis(circuit.since),
      openUntil: circuit.openUntil === null ? null : Timestamp.fromMillis(circuit.openUntil),
      reason: circuit.reason,
      updatedAt: Timestamp.now(),
    });
    return true;
  });
}
