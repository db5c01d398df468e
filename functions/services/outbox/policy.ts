/**
 * What the claim of a message decides on: the number's opt-out, the user's notification
 * switch, the number's hourly window, the destination country and the project's daily usage,
 * read inside the claim's transaction and handed to the pure policy (domain/delivery).
 */
import { suppressionRef, userRef } from "../../data/refs";
import {
  Timestamp,
  type DocumentReference,
  type DocumentSnapshot,
  type Transaction,
} from "firebase-admin/firestore";
import { db } from "../../data/firestore";
import type { MessageRecord } from "../../data/messages";
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

/**
 * Per number, the times of the sends claimed in the last hour (`sentAt`, at most
 * SMS_RATE_LIMIT of them): the hourly limit reads and extends one small document inside the
 * claim, instead of querying `sms_messages`, so concurrent claims for different numbers never
 * contend (a query inside a transaction locks its whole range in the emulator).
 */
export const SEND_WINDOWS = "sms_send_windows";

export interface PolicyInputs {
  decision: PolicyDecision;
  /** The number's window, when the hourly limit applies. */
  window: { ref: DocumentReference; sends: Date[] } | null;
}

function storedSends(snapshot: DocumentSnapshot | null): Date[] {
  const value: unknown = snapshot?.get("sentAt");
  if (!Array.isArray(value)) return [];
  return value.filter((at): at is Timestamp => at instanceof Timestamp).map((at) => at.toDate());
}

export async function readPolicyInputs(
  tx: Transaction,
  record: MessageRecord,
  segmentsToday: number,
  deps: PolicyDeps,
): Promise<PolicyInputs> {
  const firestore = db();
  const limit = deps.settings.rateLimitPerHour;
  const windowRef = limit > 0 ? firestore.collection(SEND_WINDOWS).doc(record.to) : null;
  const [suppression, user, window] = await Promise.all([
    tx.get(suppressionRef(record.to)),
    record.userId ? tx.get(userRef(record.userId)) : Promise.resolve(null),
    windowRef ? tx.get(windowRef) : Promise.resolve(null),
  ]);
  const sends = sendsInWindow(storedSends(window), deps.now, limit);
  const parsedUser = user?.exists ? parseUser(user.data()) : null;
  const country = destinationCountry(record.to);
  const decision = decidePolicy({
    // Checked again at sending: the allow-list may have changed since the message was queued.
    countryAllowed: isCountryAllowed(country, deps.settings.allowedCountries),
    country,
    segmentsToday,
    dailySegmentLimit: deps.settings.dailySegmentLimit,
    segments: record.segments ?? 1,
    urgent: isUrgent(record.type),
    optedOut: suppression.exists,
    notificationsDisabled: parsedUser?.ok === true && !parsedUser.value.sms_notifications_enabled,
    optOutExempt: record.optOutExempt === true,
    sentInLastHour: sends.length,
    oldestSentInLastHour: sends[0],
    rateLimitPerHour: limit,
    now: deps.now,
  });
  return { decision, window: windowRef ? { ref: windowRef, sends } : null };
}

/** Counts this send in the number's window; the document expires an hour after its last send. */
export function recordSendInWindow(
  tx: Transaction,
  window: PolicyInputs["window"],
  deps: PolicyDeps,
) {
  if (!window) return;
  const sends = windowWithSend(window.sends, deps.now, deps.settings.rateLimitPerHour);
  tx.set(window.ref, {
    sentAt: sends.map((at) => Timestamp.fromDate(at)),
    expireAt: Timestamp.fromMillis(deps.now.getTime() + HOUR_MS),
  });
}
