/** A scheduled job's last run and when it counts as not completing; the health verdict. */
import {
  incompleteRecords,
  lastRunOf,
  runGraceMs,
  stalledJob,
  type JobStatusView,
  type RunRecordView,
} from "../../../functions/domain/jobHealth";
import { healthVerdict, settledDeliveryRate } from "../../../functions/domain/healthStatus";

const HOUR = 3_600_000;
const MINUTE = 60_000;
const NOW = new Date("2026-03-01T12:30:00Z");
const at = (iso: string) => new Date(iso);

function run(scheduleTime: string, completedAt: string | null = null): RunRecordView {
  return {
    runId: `overdue_${at(scheduleTime).toISOString()}`,
    job: "overdue",
    scheduleTime: at(scheduleTime),
    completedAt: completedAt ? at(completedAt) : null,
    invocations: 1,
  };
}

function status(partial: Partial<JobStatusView> & { lastScheduleTime: Date }): JobStatusView {
  return {
    lastFinishedAt: partial.lastScheduleTime,
    lastOutcome: "completed",
    lastError: null,
    lastCompletedScheduleTime: partial.lastScheduleTime,
    ...partial,
  };
}

describe("incompleteRecords", () => {
  const graceOf = () => runGraceMs(HOUR);

  it("reports a run without completedAt once its hour of grace has passed", () => {
    const runs = [run("2026-03-01T11:00:00Z"), run("2026-03-01T12:00:00Z")];
    expect(incompleteRecords(runs, NOW, graceOf)).toEqual([
      expect.objectContaining({ runId: "overdue_2026-03-01T11:00:00.000Z", job: "overdue" }),
    ]);
  });

  it("never reports a completed run", () => {
    expect(
      incompleteRecords([run("2026-03-01T01:00:00Z", "2026-03-01T01:01:00Z")], NOW, graceOf),
    ).toEqual([]);
  });
});

describe("lastRunOf", () => {
  const grace = runGraceMs(HOUR);

  it("takes the later of the run record and the status", () => {
    const older = run("2026-03-01T11:00:00Z", "2026-03-01T11:02:00Z");
    const newer = status({ lastScheduleTime: at("2026-03-01T12:00:00Z") });
    expect(lastRunOf(older, newer, NOW, grace)).toMatchObject({
      scheduleTime: at("2026-03-01T12:00:00Z"),
      outcome: "completed",
    });
  });

  it("shows a run record past its grace without completedAt as incomplete", () => {
    expect(lastRunOf(run("2026-03-01T10:00:00Z"), undefined, NOW, grace)).toMatchObject({
      outcome: "incomplete",
      finishedAt: null,
    });
    expect(lastRunOf(run("2026-03-01T12:00:00Z"), undefined, NOW, grace)?.outcome).toBe("running");
  });

  it("joins a failed invocation to its run: running while a retry may come, then failed", () => {
    const failed = status({
      lastScheduleTime: at("2026-03-01T12:00:00Z"),
      lastOutcome: "failed",
      lastError: "ran out of time",
    });
    expect(lastRunOf(run("2026-03-01T12:00:00Z"), failed, NOW, grace)).toMatchObject({
      outcome: "running",
      error: "ran out of time",
    });
    const later = new Date("2026-03-01T13:30:00Z");
    expect(lastRunOf(run("2026-03-01T12:00:00Z"), failed, later, grace)?.outcome).toBe("failed");
  });

  it("is null for a job with neither record", () => {
    expect(lastRunOf(undefined, undefined, NOW, grace)).toBeNull();
  });
});

describe("stalledJob", () => {
  it("says nothing of a job that never ran, or one that completes on time", () => {
    expect(stalledJob("retries", undefined, MINUTE, NOW)).toBeNull();
    const fresh = status({ lastScheduleTime: new Date(NOW.getTime() - MINUTE) });
    expect(stalledJob("retries", fresh, MINUTE, NOW)).toBeNull();
  });

  it("reports a minute job whose last completed run is over 11 minutes old, keyed on it", () => {
    const lastGood = new Date(NOW.getTime() - 12 * MINUTE);
    const failing = status({
      lastScheduleTime: new Date(NOW.getTime() - MINUTE),
      lastOutcome: "failed",
      lastError: "boom",
      lastCompletedScheduleTime: lastGood,
    });
    expect(stalledJob("retries", failing, MINUTE, NOW)).toEqual({
      runId: `retries_after_${lastGood.toISOString()}`,
      job: "retries",
      scheduleTime: lastGood,
      reason: expect.stringMatching(/no run has completed since .*; the last failed: boom/),
    });
    const tenMinutes = {
      ...failing,
      lastCompletedScheduleTime: new Date(NOW.getTime() - 10 * MINUTE),
    };
    expect(stalledJob("retries", tenMinutes, MINUTE, NOW)).toBeNull();
  });

  it("gives an hourly job two hours", () => {
    const ninetyMinutes = status({ lastScheduleTime: new Date(NOW.getTime() - 90 * MINUTE) });
    expect(stalledJob("overdue", ninetyMinutes, HOUR, NOW)).toBeNull();
    const threeHours = status({ lastScheduleTime: new Date(NOW.getTime() - 3 * HOUR) });
    expect(stalledJob("overdue", threeHours, HOUR, NOW)?.job).toBe("overdue");
  });

  it("reports a job that has only ever failed, once", () => {
    const never = status({
      lastScheduleTime: NOW,
      lastOutcome: "failed",
      lastError: "bad config",
      lastCompletedScheduleTime: null,
    });
    expect(stalledJob("monitor", never, 15 * MINUTE, NOW)).toMatchObject({
      runId: "monitor_never_completed",
      reason: expect.stringMatching(/bad config/),
    });
  });
});

describe("healthVerdict", () => {
  const calm = { circuits: [], stuckMessages: 0, stuckThreshold: 5, configurationError: null };

  it("is ok with nothing wrong, and with a half-open circuit (its probe is on the way)", () => {
    expect(healthVerdict(calm)).toEqual({ status: "ok", problems: [] });
    const probing = [{ provider: "twilio", state: "half_open" as const }];
    expect(healthVerdict({ ...calm, circuits: probing }).status).toBe("ok");
  });

  it("is degraded with an open circuit, stuck messages, or a provider set-up that cannot send", () => {
    const open = [{ provider: "twilio", state: "open" as const }];
    expect(healthVerdict({ ...calm, circuits: open }).problems).toEqual([
      "twilio is skipped: its circuit is open.",
    ]);
    expect(healthVerdict({ ...calm, stuckMessages: 5 }).status).toBe("degraded");
    expect(healthVerdict({ ...calm, stuckMessages: 4 }).status).toBe("ok");
    expect(healthVerdict({ ...calm, stuckMessages: 1, stuckThreshold: 0 }).status).toBe("degraded");
    expect(
      healthVerdict({ ...calm, configurationError: "Twilio is not fully configured" }).status,
    ).toBe("degraded");
  });
});

it("settledDeliveryRate is delivered over settled, 0 with none settled", () => {
  expect(settledDeliveryRate({ delivered: 3, undelivered: 1, failed: 0 })).toBe(0.75);
  expect(settledDeliveryRate({ delivered: 0, undelivered: 0, failed: 0 })).toBe(0);
});
