/** A fixed "now" and the policy input of a plain message, for the delivery tests. */
import type { PolicyInput } from "../../../functions/domain/delivery";

export const NOW = new Date("2026-03-10T18:00:00.000Z");
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export const after = (ms: number): Date => new Date(NOW.getTime() + ms);

export function input(overrides: Partial<PolicyInput> = {}): PolicyInput {
  return {
    countryAllowed: true,
    optedOut: false,
    notificationsDisabled: false,
    optOutExempt: false,
    sentInLastHour: 0,
    rateLimitPerHour: 100,
    segmentsToday: 0,
    dailySegmentLimit: 0,
    segments: 1,
    urgent: false,
    now: NOW,
    ...overrides,
  };
}
