/**
 * What the claim of a message decides on: the number's opt-out, the user's notification
 * switch, the number's hourly window, the destination country and the project's daily usage,
 * read inside the claim's transaction and handed to the pure policy (domain/delivery).
 */
import type { DeliveryMessage, DeliveryTransaction } from "../../data/delivery";
import { parseUser } from "../../domain/clientDocs";
import { isCountryAllowed } from "../../domain/countries";
import {
  decidePolicy,
  sendsInWindow,
  windowWithSend,
  type PolicyDecision,
} from "../../domain/delivery";
import { destinationCountry } from "../../domain/phone";
import { isUrgent } from "../../domain/urgency";
import type { Settings } from "../../params";

const HOUR_MS = 3_600_000;

/** What the policy reads besides the message: the settings and the time of the claim. */
export interface PolicyDeps {
  settings: Settings;
  now: Date;
}

export interface PolicyInputs {
  decision: PolicyDecision;
  /** The number's window (its recent sends), when the hourly limit applies. */
  window: { to: string; sends: Date[] } | null;
}

export async function readPolicyInputs(
  tx: DeliveryTransaction,
  record: DeliveryMessage,
  segmentsToday: number,
  deps: PolicyDeps,
): Promise<PolicyInputs> {
  const limit = deps.settings.rateLimitPerHour;
  const [optedOut, user, stored] = await Promise.all([
    tx.isSuppressed(record.to),
    record.userId ? tx.readUser(record.userId) : Promise.resolve(undefined),
    limit > 0 ? tx.readSendWindow(record.to) : Promise.resolve([]),
  ]);
  const sends = sendsInWindow(stored, deps.now, limit);
  const parsedUser = user ? parseUser(user) : null;
  const country = destinationCountry(record.to);
  const decision = decidePolicy({
    // Checked again at sending: the allow-list may have changed since the message was queued.
    countryAllowed: isCountryAllowed(country, deps.settings.allowedCountries),
    country,
    segmentsToday,
    dailySegmentLimit: deps.settings.dailySegmentLimit,
    segments: record.segments ?? 1,
    urgent: isUrgent(record.type),
    optedOut,
    notificationsDisabled: parsedUser?.ok === true && !parsedUser.value.sms_notifications_enabled,
    optOutExempt: record.optOutExempt === true,
    sentInLastHour: sends.length,
    oldestSentInLastHour: sends[0],
    rateLimitPerHour: limit,
    now: deps.now,
  });
  return { decision, window: limit > 0 ? { to: record.to, sends } : null };
}

/** Counts this send in the number's window; the window expires an hour after its last send. */
export function recordSendInWindow(
  tx: DeliveryTransaction,
  window: PolicyInputs["window"],
  deps: PolicyDeps,
) {
  if (!window) return;
  const sends = windowWithSend(window.sends, deps.now, deps.settings.rateLimitPerHour);
  tx.writeSendWindow(window.to, sends, new Date(deps.now.getTime() + HOUR_MS));
}
