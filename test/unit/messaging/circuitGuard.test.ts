/**
 * A provider behind its circuit: an open circuit keeps the provider from being called at all;
 * inside the failover that means straight to the fallback, alone a transient error (a retry).
 */
import type { BreakerConfig } from "../../../functions/domain/circuitBreaker";
import * as logs from "../../../functions/operationsLogs";
import { USER_MESSAGES } from "../../../functions/domain/providerErrors";
import { guardWithCircuit } from "../../../functions/messaging/circuitGuard";
import { createFailoverProvider } from "../../../functions/messaging/failover";
import {
  ProviderError,
  type OutboundMessage,
  type ProviderName,
  type SendResult,
  type SmsProvider,
} from "../../../functions/messaging/provider";
import { ProviderCircuit, type CircuitStore } from "../../../functions/services/health/circuits";

const sms: OutboundMessage = { to: "+15555550123", body: "Quiz at 10", channel: "sms" };
const config: BreakerConfig = {
  failureThreshold: 5,
  cooldownMs: 300_000,
  failureRate: 0.5,
  windowMs: 60_000,
  minCallsForRate: 20,
};

/** A provider that answers from a script of outcomes, then accepts; it counts its calls. */
function scripted(name: ProviderName, script: ("500" | "400" | "ok")[] = []) {
  const calls: OutboundMessage[] = [];
  const provider: SmsProvider = {
    name,
    channels: name === "sns" ? ["sms"] : ["sms", "whatsapp", "voice"],
    send(message) {
      calls.push(message);
      const next = script.shift() ?? "ok";
      if (next === "500") {
        const error = new ProviderError(name, "transient", `${name}:http-500`, "down", "", true);
        return Promise.reject(error);
      }
      if (next === "400") {
        const error = new ProviderError(name, "invalid_number", `${name}:21211`, "bad", "", false);
        return Promise.reject(error);
      }
      const result: SendResult = { provider: name, providerMessageId: `${name}-${calls.length}` };
      return Promise.resolve(result);
    },
  };
  return { provider, calls };
}

const memoryStore = (): CircuitStore => ({
  read: () => Promise.resolve(undefined),
  publish: () => Promise.resolve(),
});

let clock = 0;
const circuitFor = (name: ProviderName) =>
  new ProviderCircuit(name, config, memoryStore(), () => clock);

beforeEach(() => {
  clock = Date.parse("2026-03-01T10:00:00Z");
  for (const name of [
    "providerCircuitOpened",
    "providerCircuitHalfOpen",
    "providerCircuitClosed",
  ] as const) {
    jest.spyOn(logs, name).mockImplementation(() => undefined);
  }
});

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => new Error("expected the send to fail"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe("with a fallback (Twilio, then SNS)", () => {
  it("sends straight to SNS once Twilio failed five times in a row, without calling Twilio", async () => {
    const twilio = scripted("twilio", ["500", "500", "500", "500", "500"]);
    const sns = scripted("sns");
    const circuits = { twilio: circuitFor("twilio"), sns: circuitFor("sns") };
    const failover = createFailoverProvider(twilio.provider, sns.provider, {
      guard: (p) => guardWithCircuit(p, circuits[p.name as "twilio" | "sns"]),
    });
    for (let i = 0; i < 5; i++) expect((await failover.send(sms)).provider).toBe("sns");
    expect(twilio.calls).toHaveLength(5);
    expect(circuits.twilio.snapshot().state).toBe("open");

    for (let i = 0; i < 3; i++) expect((await failover.send(sms)).provider).toBe("sns");
    expect(twilio.calls).toHaveLength(5);
    expect(sns.calls).toHaveLength(8);

    // After the cool-down one probe goes to Twilio, which is back: the circuit closes.
    clock += 300_000;
    expect((await failover.send(sms)).provider).toBe("twilio");
    expect(circuits.twilio.snapshot().state).toBe("closed");
    expect((await failover.send(sms)).provider).toBe("twilio");
    expect(twilio.calls).toHaveLength(7);
  });

  it("keeps a voice call, which SNS cannot carry, for a retry while Twilio is skipped", async () => {
    const twilio = scripted("twilio", ["500", "500", "500", "500", "500"]);
    const circuit = circuitFor("twilio");
    const failover = createFailoverProvider(twilio.provider, scripted("sns").provider, {
      guard: (p) => (p.name === "twilio" ? guardWithCircuit(p, circuit) : p),
    });
    for (let i = 0; i < 5; i++) await failover.send(sms);
    const error = await failure(failover.send({ ...sms, channel: "voice" }));
    expect(error).toMatchObject({
      code: "twilio:circuit-open",
      kind: "transient",
      retryable: true,
    });
    expect(twilio.calls).toHaveLength(5);
  });
});

describe("alone (no fallback)", () => {
  it("fails at once with a transient error while open, so the outbox retries later", async () => {
    const twilio = scripted("twilio", ["500", "500", "500", "500", "500"]);
    const guarded = guardWithCircuit(twilio.provider, circuitFor("twilio"));
    for (let i = 0; i < 5; i++) await failure(guarded.send(sms));
    const error = await failure(guarded.send(sms));
    expect(error).toMatchObject({
      provider: "twilio",
      code: "twilio:circuit-open",
      kind: "transient",
      retryable: true,
      userMessage: USER_MESSAGES.transient,
    });
    expect(twilio.calls).toHaveLength(5);
  });

  it("opens again when the probe fails, for a new cool-down", async () => {
    const twilio = scripted("twilio", ["500", "500", "500", "500", "500", "500"]);
    const circuit = circuitFor("twilio");
    const guarded = guardWithCircuit(twilio.provider, circuit);
    for (let i = 0; i < 5; i++) await failure(guarded.send(sms));
    clock += 300_000;
    expect((await failure(guarded.send(sms))).code).toBe("twilio:http-500");
    expect(twilio.calls).toHaveLength(6);
    expect(circuit.snapshot()).toMatchObject({ state: "open", openUntil: clock + 300_000 });
    expect((await failure(guarded.send(sms))).code).toBe("twilio:circuit-open");
  });

  it("counts a refused recipient as an answer: invalid numbers never open the circuit", async () => {
    const twilio = scripted("twilio", ["500", "500", "500", "500", "400", "500"]);
    const circuit = circuitFor("twilio");
    const guarded = guardWithCircuit(twilio.provider, circuit);
    for (let i = 0; i < 6; i++) await failure(guarded.send(sms));
    expect(circuit.snapshot().state).toBe("closed");
  });

  it("rethrows the provider's own error untouched", async () => {
    const odd = new Error("SDK surprise");
    const provider: SmsProvider = {
      name: "twilio",
      channels: ["sms"],
      send: () => Promise.reject(odd),
    };
    const guarded = guardWithCircuit(provider, circuitFor("twilio"));
    await expect(guarded.send(sms)).rejects.toBe(odd);
  });
});
