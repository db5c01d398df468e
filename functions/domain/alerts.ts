/**
 * Which alerts fire, decided from a few counts (the monitor job's aggregation queries): the
 * failure rate of the last hour, today's spend against the budget, stuck messages and scheduled
 * runs that did not complete. Each alert has a key naming its period, so a rerun of the monitor
 * in the same period finds the key taken and says nothing again. Event names are stable: log-based
 * alerts in Cloud Monitoring match on them (docs/alerts.md).
 */

/** The stable `event` of each alert's log line. */
export const ALERT_EVENTS = {
  circuitOpened: "provider_circuit_opened",
  failureRate: "sms_failure_rate_high",
  dailyBudget: "sms_daily_budget_exceeded",
  stuckMessages: "sms_messages_stuck",
  jobIncomplete: "sms_job_incomplete",
} as const;

export type AlertEvent = (typeof ALERT_EVENTS)[keyof typeof ALERT_EVENTS];

/** A spend limit per UTC day, in the currency providers price in. */
export interface Budget {
  amount: number;
  currency: string;
}

/** The thresholds (params SMS_ALERT_FAILURE_RATE, SMS_DAILY_BUDGET, SMS_ALERT_STUCK_MESSAGES). */
export interface AlertThresholds {
  /** Share of failed messages (0–1) in the last hour; null: no failure-rate alert. */
  failureRate: number | null;
  /** null: no budget alert. */
  dailyBudget: Budget | null;
  /** Stuck messages that raise the alert; 0: no stuck alert. */
  stuckMessages: number;
}

/** Below this many outcomes in the hour a rate says more about chance than about providers. */
export const MIN_MESSAGES_FOR_RATE = 20;

/** A scheduled run that should have finished by now and did not. */
export interface IncompleteRun {
  /** Unique per run (`overdue_2026-01-05T10:00:00.000Z`): the run is alerted once. */
  runId: string;
  job: string;
  scheduleTime: Date;
  reason: string;
}

/** What the monitor measured. */
export interface MonitorReadings {
  /** Messages created in the last hour that reached an outcome, and those that failed. */
  lastHour: { outcomes: number; failed: number };
  /** Today's (UTC) spend in the budget's currency; null without a budget. */
  spendToday: number | null;
  /** Pending messages past their due time, and `sending` ones past their lease, by a margin. */
  stuck: { pending: number; sending: number };
  incompleteRuns: readonly IncompleteRun[];
}

/** An alert to log once: `key` names it and its period. */
export interface Alert {
  event: AlertEvent;
  key: string;
  fields: Record<string, string | number>;
}

/** `2026-01-05T10`: the UTC hour of `now`. */
export function hourKey(now: Date): string {
  return now.toISOString().slice(0, 13);
}

/** `2026-01-05`: the UTC day of `now`. */
export function dayKey(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Midnight UTC of `now`'s day. */
export function startOfUtcDay(now: Date): Date {
  return new Date(`${dayKey(now)}T00:00:00.000Z`);
}

/** The alerts the readings call for at `now`, each keyed on its period. */
export function alertsFor(
  readings: MonitorReadings,
  thresholds: AlertThresholds,
  now: Date,
): Alert[] {
  const alerts: Alert[] = [];
  const { outcomes, failed } = readings.lastHour;
  const rate = outcomes > 0 ? failed / outcomes : 0;
  if (
    thresholds.failureRate !== null &&
    outcomes >= MIN_MESSAGES_FOR_RATE &&
    rate > thresholds.failureRate
  ) {
    alerts.push({
      event: ALERT_EVENTS.failureRate,
      key: `${ALERT_EVENTS.failureRate}_${hourKey(now)}`,
      fields: { failed, outcomes, rate: round(rate), threshold: thresholds.failureRate },
    });
  }
  const budget = thresholds.dailyBudget;
  if (budget && readings.spendToday !== null && readings.spendToday > budget.amount) {
    alerts.push({
      event: ALERT_EVENTS.dailyBudget,
      key: `${ALERT_EVENTS.dailyBudget}_${dayKey(now)}`,
      fields: {
        day: dayKey(now),
        spend: round(readings.spendToday),
        budget: budget.amount,
        currency: budget.currency,
      },
    });
  }
  const stuck = readings.stuck.pending + readings.stuck.sending;
  if (thresholds.stuckMessages > 0 && stuck >= thresholds.stuckMessages) {
    alerts.push({
      event: ALERT_EVENTS.stuckMessages,
      key: `${ALERT_EVENTS.stuckMessages}_${hourKey(now)}`,
      fields: { ...readings.stuck, stuck, threshold: thresholds.stuckMessages },
    });
  }
  for (const run of readings.incompleteRuns) {
    alerts.push({
      event: ALERT_EVENTS.jobIncomplete,
      key: `${ALERT_EVENTS.jobIncomplete}_${run.runId}`,
      fields: {
        runId: run.runId,
        job: run.job,
        scheduleTime: run.scheduleTime.toISOString(),
        reason: run.reason,
      },
    });
  }
  return alerts;
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/**
 * A share from a param: `0.2` or `20%`. Empty or `0` means off (null); anything else that is
 * not a share from 0 to 1 is `invalid`, so the caller can fall back and say so.
 */
export function parseShare(text: string): number | null | "invalid" {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const percent = trimmed.endsWith("%");
  const digits = percent ? trimmed.slice(0, -1).trim() : trimmed;
  const number = Number(digits);
  if (digits === "" || !Number.isFinite(number) || number < 0) return "invalid";
  const share = percent ? number / 100 : number;
  if (share > 1) return "invalid";
  return share === 0 ? null : share;
}

/**
 * SMS_DAILY_BUDGET: an amount, optionally followed by a currency code (`50`, `50 USD`,
 * `40.5 EUR`); USD when none is given. Empty or `0` means no budget (null).
 */
export function parseBudget(text: string): Budget | null | "invalid" {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const match = /^(\d+(?:\.\d+)?)\s*([A-Za-z]{3})?$/.exec(trimmed);
  if (!match) return "invalid";
  const amount = Number(match[1]);
  if (amount === 0) return null;
  return { amount, currency: (match[2] ?? "USD").toUpperCase() };
}
