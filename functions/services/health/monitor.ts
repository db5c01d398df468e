/**
 * The `monitor` job (every 15 minutes): measures with a few aggregation queries, decides which
 * alerts fire (domain/alerts) and logs each one once per period, as an error-level line with a
 * stable `event` that a log-based alert pages on (docs/alerts.md). A rerun in the same period
 * finds the alert's key in `sms_alerts` and stays quiet.
 */
import { markAlertRaised } from "../../data/alertMarkers";
import {
  ALERT_EVENTS,
  alertsFor,
  type AlertEvent,
  type AlertThresholds,
  type MonitorReadings,
} from "../../domain/alerts";
import * as logs from "../../operationsLogs";
import { jobFindings, lastHourOutcomes, spendToday, stuckCounts } from "./readings";

export interface MonitorDeps {
  thresholds: AlertThresholds;
  /** The schedule time, never the clock: a rerun judges the same period. */
  now: Date;
}

/** What a run measured and which alerts it raised. */
export interface MonitorReport {
  lastHour: MonitorReadings["lastHour"];
  spendToday: number | null;
  stuck: MonitorReadings["stuck"];
  incompleteRuns: number;
  /** Keys of the alerts this run logged. */
  raised: string[];
  /** Alerts due that an earlier run of the same period logged already. */
  alreadyRaised: number;
}

const LOG_ALERT: Record<
  Exclude<AlertEvent, typeof ALERT_EVENTS.circuitOpened>,
  (fields: Record<string, string | number>) => void
> = {
  [ALERT_EVENTS.failureRate]: logs.failureRateHigh,
  [ALERT_EVENTS.dailyBudget]: logs.dailyBudgetExceeded,
  [ALERT_EVENTS.stuckMessages]: logs.messagesStuck,
  [ALERT_EVENTS.jobIncomplete]: logs.scheduledJobIncomplete,
};

/** Everything the alerts are decided from, read in parallel. */
async function measure(deps: MonitorDeps): Promise<MonitorReadings> {
  const budget = deps.thresholds.dailyBudget;
  const [lastHour, spend, stuck, incompleteRuns] = await Promise.all([
    lastHourOutcomes(deps.now),
    budget ? spendToday(deps.now, budget.currency) : null,
    stuckCounts(deps.now),
    jobFindings(deps.now),
  ]);
  return { lastHour, spendToday: spend, stuck, incompleteRuns };
}

/** One monitor run as of `deps.now`. */
export async function runMonitor(deps: MonitorDeps): Promise<MonitorReport> {
  const readings = await measure(deps);
  const raised: string[] = [];
  let alreadyRaised = 0;
  for (const alert of alertsFor(readings, deps.thresholds, deps.now)) {
    // The circuit alert is logged by the instance that opens it, never by the monitor.
    if (alert.event === ALERT_EVENTS.circuitOpened) continue;
    if (await markAlertRaised(alert.key, alert, deps.now)) {
      LOG_ALERT[alert.event](alert.fields);
      raised.push(alert.key);
    } else {
      alreadyRaised++;
    }
  }
  const report: MonitorReport = {
    lastHour: readings.lastHour,
    spendToday: readings.spendToday,
    stuck: readings.stuck,
    incompleteRuns: readings.incompleteRuns.length,
    raised,
    alreadyRaised,
  };
  logs.monitorFinished({ ...report });
  return report;
}
