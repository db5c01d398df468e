/**
 * `sms_suppressions/{e164}`: the numbers that must not be sent to, on any channel or provider
 * (an opt-out, a number the provider reported opted out, an admin's or an imported
 * do-not-contact entry), keyed by E.164, the key every outgoing message is checked by; and
 * `sms_consent_events`, the history of every opt-out and opt-in, kept when a suppression is
 * lifted, so the team can show when consent was revoked and restored.
 */
import { FieldValue, type Transaction } from "firebase-admin/firestore";
import { COLLECTIONS, db, isAlreadyExists } from "./firestore";
import { suppressionRef } from "./refs";

/** What put a number on the list. */
export type SuppressionSource = "keyword" | "free_text" | "provider" | "admin" | "import";

/** A suppression as recorded (besides `createdAt`, stamped by the server). */
export interface SuppressionFields {
  /** In plain words: the keyword, the phrase, the provider's error, the admin's reason. */
  reason: string;
  source: SuppressionSource;
  /** The keyword the recipient sent (`STOP`, `İPTAL`), when that was it. */
  keyword?: string | null;
  /** The channel the opt-out came in on (`sms`, `whatsapp`), when it came from the recipient. */
  channel?: string | null;
  /** The admin who added it, for `admin` and `import`. */
  createdBy?: string | null;
  /** The provider that reported it, for `provider`. */
  provider?: string | null;
  userId?: string | null;
}

/** One entry of the consent history. */
export interface ConsentEvent {
  /** The E.164 number; null for a user without a valid one (a marketing change). */
  phone: string | null;
  action: "opted_out" | "opted_in";
  source: SuppressionSource | "keyword_start" | "marketing";
  reason: string;
  keyword?: string | null;
  channel?: string | null;
  userId?: string | null;
  /** The admin who acted, when one did. */
  by?: string | null;
}

function consentEventsCollection() {
  return db().collection(COLLECTIONS.consentEvents);
}

function eventData(event: ConsentEvent) {
  return {
    phone: event.phone,
    action: event.action,
    source: event.source,
    reason: event.reason,
    keyword: event.keyword ?? null,
    channel: event.channel ?? null,
    userId: event.userId ?? null,
    by: event.by ?? null,
    at: FieldValue.serverTimestamp(),
  };
}

function suppressionData(fields: SuppressionFields) {
  return {
    reason: fields.reason,
    source: fields.source,
    keyword: fields.keyword ?? null,
    channel: fields.channel ?? null,
    createdBy: fields.createdBy ?? null,
    provider: fields.provider ?? null,
    userId: fields.userId ?? null,
    createdAt: FieldValue.serverTimestamp(),
  };
}

/** True when the number is suppressed (one document read). */
export async function isSuppressed(e164: string): Promise<boolean> {
  return (await suppressionRef(e164).get()).exists;
}

/** Inside `tx`: true when the number is suppressed. */
export async function isSuppressedIn(tx: Transaction, e164: string): Promise<boolean> {
  return (await tx.get(suppressionRef(e164))).exists;
}

/** Inside `tx`: the number's suppression as stored, or undefined. */
export async function readSuppressionIn(
  tx: Transaction,
  e164: string,
): Promise<(SuppressionFields & Record<string, unknown>) | undefined> {
  const data = (await tx.get(suppressionRef(e164))).data();
  return data as (SuppressionFields & Record<string, unknown>) | undefined;
}

/** Inside `tx`: suppresses the number (replacing an earlier entry) and records the event. */
export function addSuppressionIn(tx: Transaction, e164: string, fields: SuppressionFields): void {
  tx.set(suppressionRef(e164), suppressionData(fields));
  tx.create(
    consentEventsCollection().doc(),
    eventData({
      phone: e164,
      action: "opted_out",
      source: fields.source,
      reason: fields.reason,
      keyword: fields.keyword,
      channel: fields.channel,
      userId: fields.userId,
      by: fields.createdBy,
    }),
  );
}

/** Inside `tx`: lifts the number's suppression and records why. */
export function removeSuppressionIn(tx: Transaction, e164: string, event: ConsentEvent): void {
  tx.delete(suppressionRef(e164));
  tx.create(consentEventsCollection().doc(), eventData(event));
}

/**
 * Records a consent change that is not a suppression (a marketing opt-in switched), under
 * `eventId` so that a redelivered trigger records it once.
 */
export async function recordConsentEvent(eventId: string, event: ConsentEvent): Promise<void> {
  try {
    await consentEventsCollection().doc(eventId).create(eventData(event));
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
  }
}
