/** `sms_inbound/{providerMessageId}`: every reply received, once. */
import { FieldValue } from "firebase-admin/firestore";
import { COLLECTIONS, db, isAlreadyExists } from "./firestore";

/** A reply as recorded. */
export interface InboundRecord {
  from: string;
  to: string;
  body: string;
  userId: string | null;
  /** What the reply asked for (`stop`, `start`, `help`, `done`), or null. */
  keyword: string | null;
  /** `sms` or `whatsapp`. */
  channel: string;
  /** How it was recognised: a whole-message `keyword`, or `free-text`. */
  match: string | null;
  /** The keyword, or the rule and words of a free-text revocation. */
  matched: string | null;
}

function inboundRef(providerMessageId: string) {
  return db().collection(COLLECTIONS.inbound).doc(providerMessageId);
}

/** True when this reply has been recorded (a retried webhook). */
export async function isInboundRecorded(providerMessageId: string): Promise<boolean> {
  return (await inboundRef(providerMessageId).get()).exists;
}

/** Records the reply; a second call for the same provider id changes nothing. */
export async function recordInbound(
  providerMessageId: string,
  record: InboundRecord,
): Promise<void> {
  try {
    await inboundRef(providerMessageId).create({
      ...record,
      receivedAt: FieldValue.serverTimestamp(),
    });
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
  }
}
