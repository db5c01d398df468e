/**
 * The verdict of `healthz` and `getSystemHealth`: `ok`, or `degraded` with the reasons, from a
 * few cheap signals (the providers' circuits, stuck messages, the provider set-up).
 */
import type { CircuitState } from "./circuitBreaker";

export type HealthStatus = "ok" | "degraded";

export interface HealthSignals {
  /** The circuit of each provider that sends. */
  circuits: readonly { provider: string; state: CircuitState }[];
  /** Pending messages past their due time and `sending` ones past their lease. */
  stuckMessages: number;
  /** SMS_ALERT_STUCK_MESSAGES; 0 (no alert) still counts one stuck message as degraded. */
  stuckThreshold: number;
  /** The provider set-up cannot send (a provider half configured); null when it can. */
  configurationError: string | null;
}

export interface HealthVerdict {
  status: HealthStatus;
  /** Plain sentences, one per reason; empty when ok. */
  problems: string[];
}

/** `degraded` when a provider is skipped, messages are stuck, or the providers are misconfigured. */
export function healthVerdict(signals: HealthSignals): HealthVerdict {
  const problems: string[] = [];
  if (signals.configurationError) problems.push(signals.configurationError);
  // Half-open is not degraded: the provider's cool-down is over and the next message tries it.
  for (const { provider, state } of signals.circuits) {
    if (state === "open") problems.push(`${provider} is skipped: its circuit is open.`);
  }
  const threshold = Math.max(1, signals.stuckThreshold);
  if (signals.stuckMessages >= threshold) {
    problems.push(`${signals.stuckMessages} message(s) are stuck past their due time or lease.`);
  }
  return { status: problems.length > 0 ? "degraded" : "ok", problems };
}

/** delivered / (delivered + undelivered + failed), 0 to 1; 0 when none of them settled. */
export function settledDeliveryRate(counts: {
  delivered: number;
  undelivered: number;
  failed: number;
}): number {
  const settled = counts.delivered + counts.undelivered + counts.failed;
  return settled === 0 ? 0 : Math.round((counts.delivered / settled) * 10_000) / 10_000;
}
