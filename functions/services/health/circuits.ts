/**
 * The circuit breakers of this instance, one per provider, and how instances share them.
 *
 * Each instance decides from its own in-memory circuit, so a send on the happy path costs
 * nothing. What one instance learns is shared through `sms_provider_health/{provider}`: it
 * publishes each transition it makes (rare), and reads the document at most every
 * SYNC_EVERY_MS, adopting a newer state. So when one instance opens Twilio's circuit, the
 * others stop calling Twilio within ~30 s, at the cost of one read per instance per 30 s —
 * not a read per message, and not a Firestore write per failure.
 */
import {
  admit,
  adopt,
  newCircuit,
  recordOutcome,
  snapshotOf,
  type Admission,
  type BreakerConfig,
  type Circuit,
  type CircuitSnapshot,
  type CircuitTransition,
} from "../../domain/circuitBreaker";
import { guardWithCircuit, type CircuitPort } from "../../messaging/circuitGuard";
import type { ProviderName, SmsProvider } from "../../messaging/provider";
import * as logs from "../../operationsLogs";

/** How often an instance reads the shared circuit of a provider it sends with. */
export const SYNC_EVERY_MS = 30_000;

/** Where circuits are shared; Firestore unless a test passes a fake. */
export interface CircuitStore {
  read(provider: ProviderName): Promise<CircuitSnapshot | undefined>;
  publish(provider: ProviderName, circuit: CircuitSnapshot): Promise<unknown>;
}

function logTransition(provider: ProviderName, transition: CircuitTransition): void {
  if (transition.to === "open") {
    logs.providerCircuitOpened(provider, transition.reason, new Date(transition.openUntil ?? 0));
  } else if (transition.to === "half_open") {
    logs.providerCircuitHalfOpen(provider, transition.reason);
  } else {
    logs.providerCircuitClosed(provider, transition.reason);
  }
}

/** One provider's circuit on this instance. */
export class ProviderCircuit implements CircuitPort {
  private circuit: Circuit = newCircuit();
  private syncedAt = Number.NEGATIVE_INFINITY;
  private syncing: Promise<void> | undefined;

  constructor(
    readonly provider: ProviderName,
    public config: BreakerConfig,
    private readonly store: CircuitStore,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The circuit as this instance sees it now. */
  snapshot(): CircuitSnapshot {
    return snapshotOf(this.circuit);
  }

  async admit(): Promise<Admission> {
    if (this.config.failureThreshold <= 0) return "call";
    await this.sync();
    const step = admit(this.circuit, this.clock(), this.config);
    this.circuit = step.circuit;
    if (step.transition) await this.announce(step.transition);
    return step.admission;
  }

  openUntil(): Date | undefined {
    const { state, openUntil } = this.circuit;
    return state === "open" && openUntil !== null ? new Date(openUntil) : undefined;
  }

  async settle(admission: Admission, ok: boolean, code?: string): Promise<void> {
    const step = recordOutcome(this.circuit, { ok, admission, code }, this.clock(), this.config);
    this.circuit = step.circuit;
    if (step.transition) await this.announce(step.transition);
  }

  /** Adopts a newer shared state, at most every SYNC_EVERY_MS; concurrent sends share one read. */
  private sync(): Promise<void> {
    if (this.clock() - this.syncedAt < SYNC_EVERY_MS) return Promise.resolve();
    this.syncing ??= (async () => {
      try {
        const shared = await this.store.read(this.provider);
        // Adopted against the circuit as it is now: a send may have moved it meanwhile.
        this.circuit = adopt(this.circuit, shared);
      } catch (error) {
        logs.providerHealthUnshared(this.provider, error);
      } finally {
        // Also after a failed read: a Firestore outage must not cost a read per message.
        this.syncedAt = this.clock();
        this.syncing = undefined;
      }
    })();
    return this.syncing;
  }

  private async announce(transition: CircuitTransition): Promise<void> {
    logTransition(this.provider, transition);
    try {
      await this.store.publish(this.provider, snapshotOf(this.circuit));
    } catch (error) {
      // The message must not wait on the bookkeeping: this instance still acts on its circuit.
      logs.providerHealthUnshared(this.provider, error);
    }
  }
}

let firestoreStore: CircuitStore | undefined;

/** The Firestore store, loaded with the first circuit rather than at cold start. */
function defaultStore(): CircuitStore {
  firestoreStore ??= {
    read: async (provider) =>
      (await import("../../data/providerHealth")).readProviderHealth(provider),
    publish: async (provider, circuit) =>
      (await import("../../data/providerHealth")).publishProviderHealth(provider, circuit),
  };
  return firestoreStore;
}

const circuits = new Map<ProviderName, ProviderCircuit>();

/** This instance's circuit of `provider` (one per provider, kept across sends). */
export function circuitOf(
  provider: ProviderName,
  config: BreakerConfig,
  store: CircuitStore = defaultStore(),
): ProviderCircuit {
  let circuit = circuits.get(provider);
  if (!circuit) {
    circuit = new ProviderCircuit(provider, config, store);
    circuits.set(provider, circuit);
  }
  circuit.config = config;
  return circuit;
}

/** Wraps a real provider in its circuit; the console provider cannot fail, so it is left bare. */
export function circuitGuard(config: BreakerConfig): (provider: SmsProvider) => SmsProvider {
  return (provider) =>
    provider.name === "console"
      ? provider
      : guardWithCircuit(provider, circuitOf(provider.name, config));
}
