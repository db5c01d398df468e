/**
 * The circuit breaker of one provider, as pure state: whether the next send may call the
 * provider, and how each outcome moves the circuit.
 *
 * closed ──(N consecutive provider-side failures, or a failure rate over a window)──► open
 * open ──(cool-down over: the next send is the probe)──► half_open
 * half_open ──(probe answered)──► closed;  half_open ──(probe failed)──► open (a new cool-down)
 *
 * Only provider-side failures count (an outage, a misconfigured account): a refusal about the
 * recipient (bad number, opted out) proves the provider is up, so it counts as an answer.
 */

export type CircuitState = "closed" | "open" | "half_open";

/** The thresholds; every duration in milliseconds. */
export interface BreakerConfig {
  /** Consecutive provider-side failures that open the circuit; 0 turns the breaker off. */
  failureThreshold: number;
  /** How long an open circuit skips the provider before a probe tries it again. */
  cooldownMs: number;
  /** Share of failed calls (0–1) in one window that opens the circuit too; 0 turns it off. */
  failureRate: number;
  /** The window of the failure rate (tumbling: its counts restart when it ends). */
  windowMs: number;
  /** Calls a window must hold before its rate means anything. */
  minCallsForRate: number;
}

/** What every instance shares (`sms_provider_health/{provider}`): the state and since when. */
export interface CircuitSnapshot {
  state: CircuitState;
  /** When the state was entered (ms since the epoch); the newer snapshot wins. */
  since: number;
  /** While open: when the probe may go. */
  openUntil: number | null;
  /** Why it opened (the rule and the last error code); null when closed. */
  reason: string | null;
}

/** One instance's circuit: the shared part and its own counters. */
export interface Circuit extends CircuitSnapshot {
  consecutiveFailures: number;
  windowStart: number;
  windowCalls: number;
  windowFailures: number;
  /** When the probe in flight left; null when none is. */
  probeSince: number | null;
}

/** A move of the state, for the log line and the shared document. */
export interface CircuitTransition {
  from: CircuitState;
  to: CircuitState;
  reason: string;
  at: number;
  openUntil: number | null;
}

/** `call`: go ahead; `probe`: go ahead, and the outcome decides the circuit; `skip`: do not. */
export type Admission = "call" | "probe" | "skip";

export interface Step {
  circuit: Circuit;
  transition?: CircuitTransition;
}

/** How the provider answered: `ok` also when it refused the recipient (it is up). */
export interface CallOutcome {
  ok: boolean;
  admission: Admission;
  /** The failure's code (`twilio:http-500`), for the reason an open circuit gives. */
  code?: string;
}

/** Calls a rate window must hold before its share of failures opens the circuit. */
export const DEFAULT_MIN_CALLS_FOR_RATE = 20;

/** A probe that never came back (a crashed send) stops blocking the next one after this. */
export const PROBE_TIMEOUT_MS = 60_000;

/** A circuit that has seen nothing: closed since the epoch, so any shared state is newer. */
export function newCircuit(): Circuit {
  return {
    state: "closed",
    since: 0,
    openUntil: null,
    reason: null,
    consecutiveFailures: 0,
    windowStart: 0,
    windowCalls: 0,
    windowFailures: 0,
    probeSince: null,
  };
}

function enabled(config: BreakerConfig): boolean {
  return config.failureThreshold > 0;
}

function closed(now: number): Circuit {
  return { ...newCircuit(), since: now, windowStart: now };
}

function opened(circuit: Circuit, now: number, reason: string, config: BreakerConfig): Step {
  const openUntil = now + Math.max(0, config.cooldownMs);
  return {
    circuit: { ...closed(now), state: "open", openUntil, reason },
    transition: { from: circuit.state, to: "open", reason, at: now, openUntil },
  };
}

/** Decides whether a send may call the provider now; may move open → half_open. */
export function admit(
  circuit: Circuit,
  now: number,
  config: BreakerConfig,
): Step & { admission: Admission } {
  if (!enabled(config) || circuit.state === "closed") return { circuit, admission: "call" };
  if (circuit.state === "open") {
    if (circuit.openUntil !== null && now < circuit.openUntil)
      return { circuit, admission: "skip" };
    const reason = "cool-down over: one probe message tries the provider";
    return {
      circuit: { ...circuit, state: "half_open", since: now, probeSince: now },
      transition: { from: "open", to: "half_open", reason, at: now, openUntil: null },
      admission: "probe",
    };
  }
  // half_open: one probe at a time; the others wait (or go to the fallback).
  const probeLost = circuit.probeSince === null || now - circuit.probeSince >= PROBE_TIMEOUT_MS;
  if (!probeLost) return { circuit, admission: "skip" };
  return { circuit: { ...circuit, probeSince: now }, admission: "probe" };
}

/** The failure-rate window as of `now`: a new one once the current one has ended. */
function rolled(circuit: Circuit, now: number, config: BreakerConfig): Circuit {
  if (now - circuit.windowStart < config.windowMs) return circuit;
  return { ...circuit, windowStart: now, windowCalls: 0, windowFailures: 0 };
}

function rateExceeded(circuit: Circuit, config: BreakerConfig): boolean {
  if (config.failureRate <= 0 || circuit.windowCalls < Math.max(1, config.minCallsForRate)) {
    return false;
  }
  return circuit.windowFailures / circuit.windowCalls >= config.failureRate;
}

/** Moves the circuit by the outcome of a call it admitted. */
export function recordOutcome(
  circuit: Circuit,
  outcome: CallOutcome,
  now: number,
  config: BreakerConfig,
): Step {
  if (!enabled(config)) return { circuit };
  const code = outcome.code ?? "unknown";
  if (circuit.state === "half_open" && outcome.admission === "probe") {
    if (outcome.ok) {
      const reason = "the probe message went through";
      return {
        circuit: closed(now),
        transition: { from: "half_open", to: "closed", reason, at: now, openUntil: null },
      };
    }
    return opened(circuit, now, `the probe message failed (${code})`, config);
  }
  // A late answer to a call admitted before the circuit opened changes nothing.
  if (circuit.state !== "closed") return { circuit };
  const counted = rolled(circuit, now, config);
  if (outcome.ok) {
    return {
      circuit: { ...counted, consecutiveFailures: 0, windowCalls: counted.windowCalls + 1 },
    };
  }
  const failing: Circuit = {
    ...counted,
    consecutiveFailures: counted.consecutiveFailures + 1,
    windowCalls: counted.windowCalls + 1,
    windowFailures: counted.windowFailures + 1,
  };
  if (failing.consecutiveFailures >= config.failureThreshold) {
    const reason = `${failing.consecutiveFailures} consecutive failures (last: ${code})`;
    return opened(failing, now, reason, config);
  }
  if (rateExceeded(failing, config)) {
    const share = Math.round((failing.windowFailures / failing.windowCalls) * 100);
    const seconds = Math.round(config.windowMs / 1000);
    const reason = `${share}% of ${failing.windowCalls} calls failed within ${seconds} s (last: ${code})`;
    return opened(failing, now, reason, config);
  }
  return { circuit: failing };
}

/** The part every instance shares. */
export function snapshotOf(circuit: Circuit): CircuitSnapshot {
  const { state, since, openUntil, reason } = circuit;
  return { state, since, openUntil, reason };
}

/**
 * The local circuit after reading the shared one: a newer shared state replaces the local one.
 * A shared half-open means another instance is probing: this one waits as if open for the
 * probe's time, by when that instance will have published the probe's outcome.
 */
export function adopt(local: Circuit, shared: CircuitSnapshot | undefined): Circuit {
  if (!shared || shared.since <= local.since) return local;
  if (shared.state === "closed") return closed(shared.since);
  const openUntil =
    shared.state === "half_open" ? shared.since + PROBE_TIMEOUT_MS : (shared.openUntil ?? 0);
  return { ...closed(shared.since), state: "open", openUntil, reason: shared.reason };
}
