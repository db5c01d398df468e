/**
 * The log lines of operations, apart from the pipeline's (./logs.ts): provider health and alerts
 * (docs/alerts.md), and reconciliation (docs/reconciliation.md). Error-level lines carry a
 * stable `event`, which the log-based metrics of Cloud Monitoring match on: rename one only with
 * its alert. No phone numbers or bodies, only ids and counts.
 */
import * as logger from "firebase-functions/logger";

/** A provider's circuit opened: it is not called until the cool-down ends and a probe succeeds. */
export function providerCircuitOpened(provider: string, reason: string, openUntil: Date): void {
  logger.error(`${provider} circuit opened: ${reason}; skipped until ${openUntil.toISOString()}`, {
    event: "provider_circuit_opened",
    provider,
    reason,
    openUntil: openUntil.toISOString(),
  });
}

/** The cool-down of a provider's circuit is over: one probe message tries it again. */
export function providerCircuitHalfOpen(provider: string, reason: string): void {
  logger.warn(`${provider} circuit half-open: ${reason}`, {
    event: "provider_circuit_half_open",
    provider,
    reason,
  });
}

/** A provider's probe went through: it is used again. */
export function providerCircuitClosed(provider: string, reason: string): void {
  logger.info(`${provider} circuit closed: ${reason}`, {
    event: "provider_circuit_closed",
    provider,
    reason,
  });
}

/** The shared circuit document could not be read or written; this instance goes on alone. */
export function providerHealthUnshared(provider: string, error: unknown): void {
  logger.warn(`${provider} circuit state not shared: ${errorText(error)}`, {
    provider,
    error: errorText(error),
  });
}

/** More than SMS_ALERT_FAILURE_RATE of the last hour's messages failed. */
export function failureRateHigh(fields: Record<string, string | number>): void {
  logger.error(`SMS failure rate ${fields.rate} over the last hour is above ${fields.threshold}`, {
    event: "sms_failure_rate_high",
    ...fields,
  });
}

/** Today's spend passed SMS_DAILY_BUDGET. */
export function dailyBudgetExceeded(fields: Record<string, string | number>): void {
  logger.error(
    `SMS spend today ${fields.spend} ${fields.currency} is over the budget of ${fields.budget}`,
    { event: "sms_daily_budget_exceeded", ...fields },
  );
}

/** Messages wait past their due time, or `sending` past their lease: the sweep is not keeping up. */
export function messagesStuck(fields: Record<string, string | number>): void {
  logger.error(`${fields.stuck} SMS message(s) are stuck (threshold ${fields.threshold})`, {
    event: "sms_messages_stuck",
    ...fields,
  });
}

/** A scheduled job's run did not complete in time, or none of its runs has lately. */
export function scheduledJobIncomplete(fields: Record<string, string | number>): void {
  logger.error(`Scheduled job ${fields.job} did not complete: ${fields.reason}`, {
    event: "sms_job_incomplete",
    ...fields,
  });
}

/** What the monitor job measured and which alerts it raised. */
export function monitorFinished(report: Record<string, unknown>): void {
  logger.info("Monitor finished", report);
}

/** `healthz` could not read its signals; it answers `degraded`. */
export function healthCheckFailed(error: unknown): void {
  logger.warn(`healthz could not check: ${errorText(error)}`, {
    error: errorText(error),
  });
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** How a scheduled invocation ended could not be recorded; the job's own outcome stands. */
export function jobStatusNotRecorded(job: string, error: unknown): void {
  logger.warn(`Outcome of a ${job} run not recorded: ${errorText(error)}`, {
    job,
    error: errorText(error),
  });
}

/** Twilio could not tell where a message is; it is checked again later (or closed at 72 h). */
export function reconcileFetchFailed(messageId: string, error: unknown): void {
  logger.warn(`Reconciliation could not fetch ${messageId} from the provider`, {
    event: "sms_reconcile_fetch_failed",
    messageId,
    error: errorText(error),
  });
}

/** What was learned could not be recorded (contention, say); the message stays due. */
export function reconcileError(messageId: string, error: unknown): void {
  logger.error(`Reconciliation of ${messageId} stopped by an error; it stays due`, {
    event: "sms_reconcile_error",
    messageId,
    error: errorText(error),
  });
}

/** One run's report. */
export function reconcileFinished(report: Record<string, number>): void {
  logger.info("Reconciliation finished", { event: "sms_reconcile_finished", ...report });
}
