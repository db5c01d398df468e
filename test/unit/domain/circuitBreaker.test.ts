/** The circuit breaker's state machine: closed → open → half-open → closed or open again. */
import {
  adopt,
  admit,
  newCircuit,
  PROBE_TIMEOUT_MS,
  recordOutcome,
  snapshotOf,
  type BreakerConfig,
  type Circuit,
} from "../../../functions/domain/circuitBreaker";

const config: BreakerConfig = {
  failureThreshold: 5,
  cooldownMs: 300_000,
  failureRate: 0.5,
  windowMs: 60_000,
  minCallsForRate: 20,
};

const T0 = Date.parse("2026-03-01T10:00:00Z");

/** Admits a call at `now` and records its outcome; returns the circuit after both. */
function call(circuit: Circuit, now: number, ok: boolean, cfg = config): Circuit {
  const admitted = admit(circuit, now, cfg);
  if (admitted.admission === "skip") return admitted.circuit;
  const code = ok ? undefined : "twilio:http-500";
  return recordOutcome(admitted.circuit, { ok, admission: admitted.admission, code }, now, cfg)
    .circuit;
}

function failTimes(times: number, start = newCircuit(), now = T0): Circuit {
  let circuit = start;
  for (let i = 0; i < times; i++) circuit = call(circuit, now + i, false);
  return circuit;
}

describe("closed", () => {
  it("admits every call while failures stay below the threshold", () => {
    const circuit = failTimes(4);
    expect(circuit.state).toBe("closed");
    expect(admit(circuit, T0 + 10, config).admission).toBe("call");
  });

  it("opens on the Nth consecutive provider-side failure, for the cool-down", () => {
    let circuit = failTimes(4);
    const fifth = admit(circuit, T0 + 10, config);
    const step = recordOutcome(
      fifth.circuit,
      { ok: false, admission: fifth.admission, code: "twilio:http-500" },
      T0 + 10,
      config,
    );
    circuit = step.circuit;
    expect(circuit.state).toBe("open");
    expect(circuit.openUntil).toBe(T0 + 10 + 300_000);
    expect(step.transition).toMatchObject({ from: "closed", to: "open", at: T0 + 10 });
    expect(step.transition?.reason).toMatch(/5 consecutive failures \(last: twilio:http-500\)/);
  });

  it("counts only consecutive failures: an answer in between starts again", () => {
    let circuit = failTimes(4);
    circuit = call(circuit, T0 + 5, true);
    circuit = failTimes(4, circuit, T0 + 6);
    expect(circuit.state).toBe("closed");
    expect(circuit.consecutiveFailures).toBe(4);
  });

  it("opens on a failure rate over the window, though failures never run five in a row", () => {
    let circuit = newCircuit();
    // 24 calls in 60 s, alternating: 12 failures, never 2 in a row; the 20th call tips it.
    const transitions: string[] = [];
    for (let i = 0; i < 24; i++) {
      const admitted = admit(circuit, T0 + i * 1000, config);
      if (admitted.admission === "skip") break;
      const step = recordOutcome(
        admitted.circuit,
        { ok: i % 2 === 0, admission: admitted.admission, code: "sns:http-503" },
        T0 + i * 1000,
        config,
      );
      circuit = step.circuit;
      if (step.transition) transitions.push(step.transition.reason);
    }
    expect(circuit.state).toBe("open");
    expect(transitions).toEqual([expect.stringMatching(/^50% of 20 calls failed within 60 s/)]);
  });

  it("does not judge a rate on fewer calls than the minimum", () => {
    let circuit = newCircuit();
    for (let i = 0; i < 19; i++) circuit = call(circuit, T0 + i, i % 2 === 0 ? false : true);
    expect(circuit.state).toBe("closed");
  });

  it("starts a new window once the old one has ended", () => {
    let circuit = newCircuit();
    for (let i = 0; i < 15; i++) circuit = call(circuit, T0 + i, i % 2 === 0);
    // A minute later the earlier calls no longer count.
    for (let i = 0; i < 10; i++) circuit = call(circuit, T0 + 61_000 + i, i % 2 === 0);
    expect(circuit.state).toBe("closed");
    expect(circuit.windowCalls).toBe(10);
  });

  it("is off with a threshold of 0: every call is admitted, whatever happens", () => {
    const off = { ...config, failureThreshold: 0 };
    let circuit = newCircuit();
    for (let i = 0; i < 50; i++) circuit = call(circuit, T0 + i, false, off);
    expect(circuit.state).toBe("closed");
    expect(admit(circuit, T0 + 100, off).admission).toBe("call");
  });

  it("turns the rate rule off with a rate of 0", () => {
    const noRate = { ...config, failureRate: 0 };
    let circuit = newCircuit();
    for (let i = 0; i < 40; i++) circuit = call(circuit, T0 + i, i % 3 === 0, noRate);
    expect(circuit.state).toBe("closed");
  });
});

describe("open", () => {
  const open = failTimes(5);

  it("skips every call until the cool-down is over", () => {
    expect(admit(open, T0 + 1000, config).admission).toBe("skip");
    expect(admit(open, T0 + 4 + 299_999, config).admission).toBe("skip");
  });

  it("lets one probe through once the cool-down is over: half-open", () => {
    const step = admit(open, T0 + 4 + 300_000, config);
    expect(step.admission).toBe("probe");
    expect(step.circuit.state).toBe("half_open");
    expect(step.transition).toMatchObject({ from: "open", to: "half_open" });
    // A second send while the probe is out is still skipped.
    expect(admit(step.circuit, T0 + 4 + 300_001, config).admission).toBe("skip");
  });

  it("ignores a late answer to a call admitted before it opened", () => {
    const step = recordOutcome(open, { ok: true, admission: "call" }, T0 + 10, config);
    expect(step.circuit.state).toBe("open");
    expect(step.transition).toBeUndefined();
  });
});

describe("half-open", () => {
  const probing = admit(failTimes(5), T0 + 400_000, config).circuit;

  it("closes when the probe goes through", () => {
    const step = recordOutcome(probing, { ok: true, admission: "probe" }, T0 + 400_100, config);
    expect(step.circuit.state).toBe("closed");
    expect(step.circuit.consecutiveFailures).toBe(0);
    expect(step.transition).toMatchObject({ from: "half_open", to: "closed" });
    expect(admit(step.circuit, T0 + 400_200, config).admission).toBe("call");
  });

  it("opens again, for a new cool-down, when the probe fails", () => {
    const step = recordOutcome(
      probing,
      { ok: false, admission: "probe", code: "twilio:http-503" },
      T0 + 400_100,
      config,
    );
    expect(step.circuit.state).toBe("open");
    expect(step.circuit.openUntil).toBe(T0 + 400_100 + 300_000);
    expect(step.transition?.reason).toMatch(/probe message failed \(twilio:http-503\)/);
  });

  it("sends another probe when the first never came back", () => {
    expect(admit(probing, T0 + 400_000 + PROBE_TIMEOUT_MS, config).admission).toBe("probe");
  });

  it("does not let an ordinary call's answer decide it", () => {
    const step = recordOutcome(probing, { ok: true, admission: "call" }, T0 + 400_100, config);
    expect(step.circuit.state).toBe("half_open");
  });
});

describe("adopt (the state other instances published)", () => {
  it("takes a newer shared open state, and skips until its openUntil", () => {
    const shared = { state: "open" as const, since: T0, openUntil: T0 + 300_000, reason: "x" };
    const local = adopt(newCircuit(), shared);
    expect(local.state).toBe("open");
    expect(admit(local, T0 + 1000, config).admission).toBe("skip");
    expect(admit(local, T0 + 300_000, config).admission).toBe("probe");
  });

  it("keeps its own state when the shared one is older or the same", () => {
    const local = failTimes(5, newCircuit(), T0 + 1000);
    const older = { state: "closed" as const, since: T0, openUntil: null, reason: null };
    expect(adopt(local, older)).toBe(local);
    expect(adopt(local, snapshotOf(local))).toBe(local);
    expect(adopt(local, undefined)).toBe(local);
  });

  it("closes on a newer shared closed state (another instance's probe went through)", () => {
    const local = failTimes(5);
    const closed = { state: "closed" as const, since: T0 + 500_000, openUntil: null, reason: null };
    const adopted = adopt(local, closed);
    expect(adopted.state).toBe("closed");
    expect(adopted.consecutiveFailures).toBe(0);
  });

  it("waits for another instance's probe rather than sending its own at once", () => {
    const halfOpen = { state: "half_open" as const, since: T0, openUntil: null, reason: "x" };
    const local = adopt(newCircuit(), halfOpen);
    expect(admit(local, T0 + 1000, config).admission).toBe("skip");
    expect(admit(local, T0 + PROBE_TIMEOUT_MS, config).admission).toBe("probe");
  });
});
