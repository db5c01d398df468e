/**
 * `getSystemHealth`: the providers and their circuits, the last 24 hours by status, the queue,
 * every scheduled job's last run, and today's spend against the budget. About thirty reads
 * whatever the volume: aggregation queries, one document per provider and per job.
 */
import { latestJobRun } from "../../data/jobHealth";
import { countsByStatusSince, oldestQueued } from "../../data/healthQueries";
import { dayKey, type AlertThresholds, type Budget } from "../../domain/alerts";
import type { CircuitState } from "../../domain/circuitBreaker";
import { healthVerdict, settledDeliveryRate, type HealthStatus } from "../../domain/healthStatus";
import { lastRunOf, type RunOutcome } from "../../domain/jobHealth";
import { MESSAGE_STATUSES, type MessageStatus } from "../../domain/messageStatus";
import type { ProviderName } from "../../messaging/provider";
import type { Settings } from "../../params";
import { providerSetup, roleOf, type ProviderRole } from "./providerSetup";
import {
  CIRCUIT_PROVIDERS,
  effectiveState,
  graceOf,
  incompleteRuns,
  scheduledJobs,
  scheduledJobStatuses,
  sharedCircuits,
  spendToday,
  STUCK_AFTER_MS,
  stuckCounts,
} from "./readings";

/** A real provider: configured or not, its part in sending, its circuit. */
export interface ProviderHealth {
  provider: ProviderName;
  configured: boolean;
  role: ProviderRole;
  circuit: {
    /** `half_open` also when the cool-down is over and no probe has gone yet. */
    state: CircuitState;
    since: string | null;
    openUntil: string | null;
    reason: string | null;
  };
}

/** A scheduled job and its last run. */
export interface JobHealth {
  job: string;
  functionName: string;
  schedule: string;
  lastRun: {
    scheduleTime: string;
    outcome: RunOutcome;
    finishedAt: string | null;
    error: string | null;
  } | null;
}

/** The `getSystemHealth` response; every time is an ISO 8601 string. */
export interface SystemHealth {
  /**
   * `degraded` when the circuit of a provider that sends is open, messages are stuck (as `healthz`
   * answers), or the provider settings cannot send; `problems` says which, in plain sentences.
   */
  status: HealthStatus;
  problems: string[];
  checkedAt: string;
  providers: {
    mode: string;
    sending: ProviderName[];
    configurationError: string | null;
    health: ProviderHealth[];
  };
  /** Messages created in the last 24 hours. */
  last24h: {
    since: string;
    total: number;
    byStatus: Record<MessageStatus, number>;
    /** delivered / (delivered + undelivered + failed); 0 when none settled. */
    deliveryRate: number;
  };
  oldestQueued: {
    messageId: string;
    createdAt: string | null;
    dueAt: string;
    waitingSeconds: number;
  } | null;
  /** Pending messages past their due time, `sending` ones past their lease, by `afterMinutes`. */
  stuck: { pending: number; sending: number; total: number; afterMinutes: number };
  jobs: JobHealth[];
  /** Resumable runs of the last 24 hours past their time without `completedAt`. */
  incompleteRuns: { runId: string; job: string; scheduleTime: string; reason: string }[];
  /** Today's (UTC) spend in the budget's currency (USD without a budget). */
  spend: {
    day: string;
    currency: string;
    total: number;
    budget: number | null;
    overBudget: boolean;
  };
  thresholds: { failureRate: number | null; dailyBudget: Budget | null; stuckMessages: number };
}

const iso = (millis: number | null | undefined) =>
  millis === null || millis === undefined ? null : new Date(millis).toISOString();

async function jobsHealth(now: Date): Promise<JobHealth[]> {
  const jobs = scheduledJobs();
  const [statuses, runs] = await Promise.all([
    scheduledJobStatuses(),
    Promise.all(jobs.map(({ job }) => latestJobRun(job))),
  ]);
  return jobs.map(({ job, functionName, schedule }, i) => {
    const last = lastRunOf(runs[i], statuses.get(job), now, graceOf(job));
    return {
      job,
      functionName,
      schedule,
      lastRun: last && {
        scheduleTime: last.scheduleTime.toISOString(),
        outcome: last.outcome,
        finishedAt: last.finishedAt?.toISOString() ?? null,
        error: last.error,
      },
    };
  });
}

/** The health of the system at `now`. */
export async function systemHealth(
  settings: Settings,
  thresholds: AlertThresholds,
  now: Date,
): Promise<SystemHealth> {
  const since = new Date(now.getTime() - 86_400_000);
  const currency = thresholds.dailyBudget?.currency ?? "USD";
  const setup = providerSetup(settings.provider);
  const [circuits, byStatus, oldest, stuck, jobs, incomplete, spent] = await Promise.all([
    sharedCircuits(),
    countsByStatusSince(since, MESSAGE_STATUSES),
    oldestQueued(),
    stuckCounts(now),
    jobsHealth(now),
    incompleteRuns(now),
    spendToday(now, currency),
  ]);
  const health: ProviderHealth[] = CIRCUIT_PROVIDERS.map((provider) => {
    const circuit = circuits.get(provider);
    return {
      provider,
      configured: setup.configured[provider as "twilio" | "sns"],
      role: roleOf(provider, setup.sending),
      circuit: {
        state: effectiveState(circuit, now),
        since: iso(circuit?.since),
        openUntil: iso(circuit?.openUntil),
        reason: circuit?.reason ?? null,
      },
    };
  });
  const stuckTotal = stuck.pending + stuck.sending;
  const verdict = healthVerdict({
    circuits: health
      .filter(({ role }) => role !== "unused")
      .map(({ provider, circuit }) => ({ provider, state: circuit.state })),
    stuckMessages: stuckTotal,
    stuckThreshold: thresholds.stuckMessages,
    configurationError: setup.configurationError,
  });
  const budget = thresholds.dailyBudget?.amount ?? null;
  return {
    ...verdict,
    checkedAt: now.toISOString(),
    providers: {
      mode: setup.mode,
      sending: setup.sending,
      configurationError: setup.configurationError,
      health,
    },
    last24h: {
      since: since.toISOString(),
      total: Object.values(byStatus).reduce((sum, count) => sum + count, 0),
      byStatus,
      deliveryRate: settledDeliveryRate(byStatus),
    },
    oldestQueued: oldest
      ? {
          messageId: oldest.messageId,
          createdAt: oldest.createdAt?.toISOString() ?? null,
          dueAt: oldest.dueAt.toISOString(),
          waitingSeconds: Math.max(0, Math.round((now.getTime() - oldest.dueAt.getTime()) / 1000)),
        }
      : null,
    stuck: { ...stuck, total: stuckTotal, afterMinutes: STUCK_AFTER_MS / 60_000 },
    jobs,
    incompleteRuns: incomplete.map((run) => ({
      ...run,
      scheduleTime: run.scheduleTime.toISOString(),
    })),
    spend: {
      day: dayKey(now),
      currency,
      total: Math.round(spent * 1_000_000) / 1_000_000,
      budget,
      overBudget: budget !== null && spent > budget,
    },
    thresholds,
  };
}
