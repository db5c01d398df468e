/**
 * How instances share a circuit: each publishes only its transitions, reads the shared state at
 * most every 30 s (not once per message), and adopts a newer one; a store outage never stops a
 * send.
 */
import * as logger from "firebase-functions/logger";
import type { BreakerConfig, CircuitSnapshot } from "../../../../functions/domain/circuitBreaker";
import * as logs from "../../../../functions/operationsLogs";
import type { ProviderName } from "../../../../functions/messaging/provider";
import {
  ProviderCircuit,
  SYNC_EVERY_MS,
  type CircuitStore,
} from "../../../../functions/services/health/circuits";

const config: BreakerConfig = {
  failureThreshold: 5,
  cooldownMs: 300_000,
  failureRate: 0.5,
  windowMs: 60_000,
  minCallsForRate: 20,
};

/** One shared document per provider, as Firestore would keep it, counting reads and writes. */
class SharedStore implements CircuitStore {
  readonly docs = new Map<ProviderName, CircuitSnapshot>();
  reads = 0;
  writes: CircuitSnapshot[] = [];
  failing = false;

  read(provider: ProviderName) {
    this.reads++;
    if (this.failing) return Promise.reject(new Error("firestore unavailable"));
    return Promise.resolve(this.docs.get(provider));
  }

  publish(provider: ProviderName, circuit: CircuitSnapshot) {
    if (this.failing) return Promise.reject(new Error("firestore unavailable"));
    const current = this.docs.get(provider);
    if (!current || current.since <= circuit.since) this.docs.set(provider, circuit);
    this.writes.push(circuit);
    return Promise.resolve();
  }
}

let now = 0;
const clock = () => now;

const transitionLogs = [
  "providerCircuitOpened",
  "providerCircuitHalfOpen",
  "providerCircuitClosed",
];

beforeEach(() => {
  now = Date.parse("2026-03-01T10:00:00Z");
  jest.restoreAllMocks();
  for (const name of [...transitionLogs, "providerHealthUnshared"] as const) {
    jest.spyOn(logs, name as keyof typeof logs).mockImplementation(() => undefined);
  }
});

/** How often each transition was logged, by log function. */
const logged = () =>
  Object.fromEntries(
    transitionLogs.map((name) => [
      name,
      (logs[name as keyof typeof logs] as jest.Mock).mock.calls.length,
    ]),
  );

async function failFive(circuit: ProviderCircuit) {
  for (let i = 0; i < 5; i++) {
    const admission = await circuit.admit();
    await circuit.settle(admission, false, "twilio:http-500");
    now += 10;
  }
}

it("reads the shared state once per 30 s, however many messages go out", async () => {
  const store = new SharedStore();
  const circuit = new ProviderCircuit("twilio", config, store, clock);
  for (let i = 0; i < 100; i++) {
    await circuit.settle(await circuit.admit(), true);
    now += 100; // 100 messages in 10 s
  }
  expect(store.reads).toBe(1);
  now += SYNC_EVERY_MS;
  await circuit.admit();
  expect(store.reads).toBe(2);
  expect(store.writes).toEqual([]);
});

it("publishes each transition once, and nothing for ordinary sends", async () => {
  const store = new SharedStore();
  const circuit = new ProviderCircuit("twilio", config, store, clock);
  await failFive(circuit);
  expect(store.writes.map((w) => w.state)).toEqual(["open"]);
  now += 300_000;
  await circuit.settle(await circuit.admit(), true);
  expect(store.writes.map((w) => w.state)).toEqual(["open", "half_open", "closed"]);
  expect(logged()).toEqual({
    providerCircuitOpened: 1,
    providerCircuitHalfOpen: 1,
    providerCircuitClosed: 1,
  });
  expect(logs.providerCircuitOpened).toHaveBeenCalledWith(
    "twilio",
    "5 consecutive failures (last: twilio:http-500)",
    new Date(Date.parse("2026-03-01T10:00:00Z") + 40 + 300_000),
  );
});

it("logs the opening at error level with its stable event name", () => {
  jest.restoreAllMocks();
  const error = jest.spyOn(logger, "error").mockImplementation(() => undefined);
  logs.providerCircuitOpened("twilio", "5 consecutive failures", new Date("2026-03-01T10:05:00Z"));
  expect(error).toHaveBeenCalledWith(expect.any(String), {
    event: "provider_circuit_opened",
    provider: "twilio",
    reason: "5 consecutive failures",
    openUntil: "2026-03-01T10:05:00.000Z",
  });
});

it("makes another instance skip the provider at its next read, without failures of its own", async () => {
  const store = new SharedStore();
  const first = new ProviderCircuit("twilio", config, store, clock);
  const second = new ProviderCircuit("twilio", config, store, clock);
  expect(await second.admit()).toBe("call");
  await failFive(first);
  // Within 30 s of its last read, the second instance still calls...
  expect(await second.admit()).toBe("call");
  // ...and once it reads again, it skips until the cool-down the first one set.
  now += SYNC_EVERY_MS;
  expect(await second.admit()).toBe("skip");
  expect(second.snapshot()).toMatchObject({ state: "open" });
  // Only the instance that opened it says so.
  expect(logs.providerCircuitOpened).toHaveBeenCalledTimes(1);
});

it("adopts a probe that went through on another instance", async () => {
  const store = new SharedStore();
  const first = new ProviderCircuit("twilio", config, store, clock);
  const second = new ProviderCircuit("twilio", config, store, clock);
  await failFive(first);
  now += SYNC_EVERY_MS;
  expect(await second.admit()).toBe("skip");
  now += 300_000;
  await first.settle(await first.admit(), true);
  now += SYNC_EVERY_MS;
  expect(await second.admit()).toBe("call");
  expect(second.snapshot().state).toBe("closed");
});

it("keeps deciding on its own when the shared document cannot be read or written", async () => {
  const store = new SharedStore();
  store.failing = true;
  const circuit = new ProviderCircuit("twilio", config, store, clock);
  await failFive(circuit);
  expect(await circuit.admit()).toBe("skip");
  // A failed read is not retried on every message either.
  expect(store.reads).toBe(1);
});

it("costs nothing at all when the breaker is off", async () => {
  const store = new SharedStore();
  const circuit = new ProviderCircuit("twilio", { ...config, failureThreshold: 0 }, store, clock);
  for (let i = 0; i < 10; i++) await circuit.settle(await circuit.admit(), false, "x");
  expect(await circuit.admit()).toBe("call");
  expect(store.reads).toBe(0);
  expect(store.writes).toEqual([]);
});
