/**
 * The decisions of one delivery attempt, apart from the I/O that gathers their inputs:
 * may this message go now (opt-outs, disabled notifications, the hourly limit), and what
 * does a failed send become (retry later, fail, or suppress).
 */
import { backoffDelayMs } from "./backoff";
import { countryNotAllowedError } from "./countries";
import type { ClassifiedError } from "./providerErrors";

/** What the policy needs to know about a claimed message and its recipient. */
export interface PolicyInput {
  /** The number's country is in SMS_ALLOWED_COUNTRIES; `country` is named in the error. */
  countryAllowed: boolean;
  country?: string;
  /** The number is in `sms_suppressions` (STOP reply, admin action, provider 21610). */
  optedOut: boolean;
  /** The recipient user has `sms_notifications_enabled: false`. */
  notificationsDisabled: boolean;
  /** A reminder the user set themselves, or a HELP answer: sent regardless of the above. */
  optOutExempt: boolean;
  /** Sends to this number claimed within the last hour (see {@link sendsInWindow}). */
  sentInLastHour: number;
  /** When the oldest of those was sent, to know when the window frees up. */
  oldestSentInLastHour?: Date;
  rateLimitPerHour: number;
  /** Segments the project has sent today (UTC), and its limit (0: none). */
  segmentsToday: number;
  dailySegmentLimit: number;
  /** This message's segments, and whether it may go past the daily limit. */
  segments: number;
  urgent: boolean;
  now: Date;
}

export type PolicyDecision =
  | { action: "send" }
  | { action: "fail"; code: string; message: string; userMessage: string }
  | { action: "suppress"; code: string; message: string; userMessage: string }
  | { action: "defer"; until: Date; reason: string; dailyLimit?: true };

const HOUR_MS = 3_600_000;
/** When the oldest send in the window is unknown, look again after this long. */
const DEFAULT_DEFER_MS = 15 * 60_000;

/** The start of the next UTC day. */
export function nextUtcDay(now: Date): Date {
  const next = new Date(now.getTime());
  next.setUTCHours(24, 0, 0, 0);
  return next;
}

/** Why a message to an opted-out number is recorded `suppressed`. */
export const OPTED_OUT = {
  code: "opted_out",
  message: "The recipient's number is in sms_suppressions",
  userMessage:
    "This number has opted out of messages (replied STOP). They can reply START to receive messages again.",
} as const;

/** Whether a message may be sent now. */
export function decidePolicy(input: PolicyInput): PolicyDecision {
  if (!input.countryAllowed) {
    return { action: "fail", ...countryNotAllowedError(input.country) };
  }
  if (!input.optOutExempt && input.optedOut) {
    return { action: "suppress", ...OPTED_OUT };
  }
  if (!input.optOutExempt && input.notificationsDisabled) {
    return {
      action: "suppress",
      code: "notifications_disabled",
      message: "The recipient has sms_notifications_enabled: false",
      userMessage: "This user has turned off SMS notifications.",
    };
  }
  if (
    input.dailySegmentLimit > 0 &&
    !input.urgent &&
    input.segmentsToday + input.segments > input.dailySegmentLimit
  ) {
    return {
      action: "defer",
      until: nextUtcDay(input.now),
      reason: `the project sent ${input.segmentsToday} segments today (limit ${input.dailySegmentLimit})`,
      dailyLimit: true,
    };
  }
  if (input.rateLimitPerHour > 0 && input.sentInLastHour >= input.rateLimitPerHour) {
    const until = input.oldestSentInLastHour
      ? new Date(input.oldestSentInLastHour.getTime() + HOUR_MS)
      : new Date(input.now.getTime() + DEFAULT_DEFER_MS);
    return {
      action: "defer",
      until: until > input.now ? until : new Date(input.now.getTime() + 60_000),
      reason: `${input.sentInLastHour} messages to this number in the last hour (limit ${input.rateLimitPerHour})`,
    };
  }
  return { action: "send" };
}

/**
 * The sends of the last hour that matter for the hourly limit, oldest first: the most recent
 * `limit` of them (older ones cannot change a decision), so a stored window stays small.
 */
export function sendsInWindow(sends: readonly Date[], now: Date, limit: number): Date[] {
  const since = now.getTime() - HOUR_MS;
  return sends
    .filter((at) => at.getTime() > since)
    .sort((a, b) => a.getTime() - b.getTime())
    .slice(-Math.max(limit, 0));
}

/** The window after one more send now: what the claim stores. */
export function windowWithSend(sends: readonly Date[], now: Date, limit: number): Date[] {
  return sendsInWindow([...sends, now], now, limit);
}

export type FailureOutcome =
  | { status: "queued"; nextAttemptAt: Date; notAnAttempt?: true }
  | { status: "failed"; exhausted: boolean }
  | { status: "suppressed" };

/** Spreads the retries held by an open circuit over this long after it may probe again. */
export const CIRCUIT_RETRY_SPREAD_MS = 60_000;

/**
 * What a failed attempt leads to. `attempts` counts the attempt that just failed.
 * Unsubscribed numbers are suppressed (and added to the suppression list by the caller);
 * transient errors wait with exponential backoff until `maxAttempts` is reached. A send the
 * provider's open circuit kept from it (`notCalledUntil`) was no attempt: it waits until the
 * circuit may probe again, spread over a minute so the queue does not arrive all at once.
 */
export function decideFailure(
  error: Pick<ClassifiedError, "kind" | "retryable"> & { notCalledUntil?: Date },
  attempts: number,
  maxAttempts: number,
  now: Date,
  random: () => number = Math.random,
): FailureOutcome {
  if (error.notCalledUntil) {
    const from = Math.max(error.notCalledUntil.getTime(), now.getTime());
    const at = new Date(from + Math.floor(random() * CIRCUIT_RETRY_SPREAD_MS));
    return { status: "queued", nextAttemptAt: at, notAnAttempt: true };
  }
  if (error.kind === "unsubscribed") return { status: "suppressed" };
  if (!error.retryable) return { status: "failed", exhausted: false };
  if (attempts >= maxAttempts) return { status: "failed", exhausted: true };
  const delay = backoffDelayMs(attempts, { random });
  return { status: "queued", nextAttemptAt: new Date(now.getTime() + delay) };
}
