/**
 * A send that the provider's open circuit kept from the provider is no attempt: the message
 * waits for the circuit's probe time instead of spending SMS_MAX_ATTEMPTS during an outage.
 */
import { deliverMessage } from "../../../../functions/services/outbox/delivery";
import { CIRCUIT_RETRY_SPREAD_MS, decideFailure } from "../../../../functions/domain/delivery";
import { circuitOpenError, guardWithCircuit } from "../../../../functions/messaging/circuitGuard";
import { createFailoverProvider } from "../../../../functions/messaging/failover";
import { ProviderError } from "../../../../functions/messaging/provider";
import * as logs from "../../../../functions/logs";
import {
  DELIVERY_SETTINGS,
  MemoryDeliveryStore,
  RecordingProvider,
  queuedMessage,
  twilioError,
} from "../../fakes/memoryDeliveryStore";

const now = new Date("2026-03-10T15:00:00Z");
const openUntil = new Date("2026-03-10T15:04:00Z");
const ADA = "+15555550123";

/** A circuit that stays open until `openUntil`. */
const openCircuit = {
  admit: () => Promise.resolve("skip" as const),
  settle: () => Promise.resolve(),
  openUntil: () => openUntil,
};

beforeEach(() => {
  for (const name of Object.keys(logs) as (keyof typeof logs)[]) {
    jest.spyOn(logs, name).mockImplementation(() => undefined);
  }
});
afterEach(() => jest.restoreAllMocks());

describe("decideFailure with a provider not called", () => {
  it("waits until the circuit may probe, spread over a minute, and spends no attempt", () => {
    const error = circuitOpenError("twilio", openUntil);
    expect(decideFailure(error, 5, 5, now, () => 0)).toEqual({
      status: "queued",
      nextAttemptAt: openUntil,
      notAnAttempt: true,
    });
    const latest = decideFailure(error, 1, 5, now, () => 0.999);
    expect(latest.status === "queued" && latest.nextAttemptAt.getTime()).toBe(
      openUntil.getTime() + CIRCUIT_RETRY_SPREAD_MS - 60,
    );
  });

  it("waits from now when the probe time has passed", () => {
    const error = circuitOpenError("twilio", new Date(now.getTime() - 1000));
    expect(decideFailure(error, 1, 5, now, () => 0)).toMatchObject({ nextAttemptAt: now });
  });
});

describe("deliverMessage behind an open circuit", () => {
  it("requeues without counting the attempt, and never calls the provider", async () => {
    const store = new MemoryDeliveryStore();
    const twilio = new RecordingProvider();
    store.messages.set("m1", queuedMessage(ADA, now, { attempts: 2, status: "deferred" }));
    const provider = guardWithCircuit(twilio, openCircuit);
    const deps = { settings: DELIVERY_SETTINGS, provider, now, random: () => 0, store };
    await expect(deliverMessage("m1", deps)).resolves.toBe("retry");
    expect(twilio.received).toEqual([]);
    expect(store.messages.get("m1")).toMatchObject({
      status: "queued",
      attempts: 2,
      nextAttemptAt: openUntil,
      error: { code: "twilio:circuit-open" },
    });
  });

  it("is not claimed before the probe time by a second delivery of a never-tried message", async () => {
    const store = new MemoryDeliveryStore();
    const twilio = new RecordingProvider();
    store.messages.set("m1", queuedMessage(ADA, now));
    const provider = guardWithCircuit(twilio, openCircuit);
    const deps = { settings: DELIVERY_SETTINGS, provider, now, random: () => 0, store };
    await expect(deliverMessage("m1", deps)).resolves.toBe("retry");
    expect(store.messages.get("m1")).toMatchObject({ status: "queued", attempts: 0 });
    // A redelivered event for it, a second later: still no attempt, and not due yet.
    const later = { ...deps, now: new Date(now.getTime() + 1000) };
    await expect(deliverMessage("m1", later)).resolves.toBe("not-due");
    expect(twilio.received).toEqual([]);
  });

  it("counts the attempt when the fallback was called and failed too", async () => {
    const store = new MemoryDeliveryStore();
    store.messages.set("m1", queuedMessage(ADA, now));
    const snsCalls: string[] = [];
    const sns = {
      name: "sns" as const,
      channels: ["sms"] as const,
      send: (message: { to: string }) => {
        snsCalls.push(message.to);
        return Promise.reject(twilioError(30001, 500));
      },
    };
    const provider = createFailoverProvider(
      guardWithCircuit(new RecordingProvider(), openCircuit),
      sns,
    );
    const deps = { settings: DELIVERY_SETTINGS, provider, now, random: () => 0, store };
    await expect(deliverMessage("m1", deps)).resolves.toBe("retry");
    expect(snsCalls).toEqual([ADA]);
    const stored = store.messages.get("m1");
    expect(stored?.attempts).toBe(1);
    expect(stored?.nextAttemptAt?.getTime()).toBeLessThan(openUntil.getTime());
  });

  it("keeps other provider errors counted as before", () => {
    const error = new ProviderError("twilio", "transient", "twilio:500", "down", "x", true);
    expect(decideFailure(error, 1, 5, now, () => 0)).not.toHaveProperty("notAnAttempt");
  });
});
