/**
 * `healthz`: `ok` or `degraded`, for an uptime check. Three reads (the providers' shared
 * circuits and two counts of stuck messages), at most once per CACHE_MS per instance, however
 * often it is asked; it needs no secret and says nothing private.
 */
import type { AlertThresholds } from "../../domain/alerts";
import { healthVerdict, type HealthStatus } from "../../domain/healthStatus";
import * as logs from "../../operationsLogs";
import { CIRCUIT_PROVIDERS, effectiveState, sharedCircuits, stuckCounts } from "./readings";

/** How long an answer is reused. */
export const CACHE_MS = 5_000;

let cached: { at: number; status: HealthStatus } | undefined;
let checking: Promise<HealthStatus> | undefined;

async function check(thresholds: AlertThresholds, now: Date): Promise<HealthStatus> {
  try {
    const [circuits, stuck] = await Promise.all([sharedCircuits(), stuckCounts(now)]);
    return healthVerdict({
      circuits: CIRCUIT_PROVIDERS.map((provider) => ({
        provider,
        state: effectiveState(circuits.get(provider), now),
      })),
      stuckMessages: stuck.pending + stuck.sending,
      stuckThreshold: thresholds.stuckMessages,
      // Needs the secrets to judge; getSystemHealth does, healthz stays without them.
      configurationError: null,
    }).status;
  } catch (error) {
    // Unable to look is itself a sign of trouble.
    logs.healthCheckFailed(error);
    return "degraded";
  }
}

/** The current verdict, cached; concurrent requests share one check. */
export async function healthzStatus(
  thresholds: AlertThresholds,
  clock: () => number = Date.now,
): Promise<HealthStatus> {
  if (cached && clock() - cached.at < CACHE_MS) return cached.status;
  checking ??= check(thresholds, new Date(clock()))
    .then((status) => {
      cached = { at: clock(), status };
      return status;
    })
    .finally(() => {
      checking = undefined;
    });
  return checking;
}
