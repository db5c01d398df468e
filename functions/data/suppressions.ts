/**
 * `sms_suppressions/{e164}`: the numbers that must not be sent to (an opt-out, a number the
 * provider reported unreachable). Keyed by E.164, the same key every outgoing message checks.
 */
import { FieldValue, type Transaction } from "firebase-admin/firestore";
import { suppressionRef } from "./refs";

/** Why and by what a number was suppressed. */
export interface SuppressionFields {
  reason: string;
  source: string;
}

/** True when the number is suppressed (one document read). */
export async function isSuppressed(e164: string): Promise<boolean> {
  return (await suppressionRef(e164).get()).exists;
}

/** Inside `tx`: true when the number is suppressed. */
export async function isSuppressedIn(tx: Transaction, e164: string): Promise<boolean> {
  return (await tx.get(suppressionRef(e164))).exists;
}

/** Suppresses the number (again: the latest reason wins, `createdAt` moves). */
export async function addSuppression(e164: string, fields: SuppressionFields): Promise<void> {
  await suppressionRef(e164).set({ ...fields, createdAt: FieldValue.serverTimestamp() });
}

/** Inside `tx`: suppresses the number, keeping fields an earlier suppression set. */
export function addSuppressionIn(tx: Transaction, e164: string, fields: SuppressionFields): void {
  tx.set(
    suppressionRef(e164),
    { ...fields, createdAt: FieldValue.serverTimestamp() },
    { merge: true },
  );
}

/** Lifts the number's suppression, if any. */
export async function removeSuppression(e164: string): Promise<void> {
  await suppressionRef(e164).delete();
}
