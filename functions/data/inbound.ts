/** `sms_inbound/{providerMessageId}`: every reply received, once. */
import { FieldValue, Timestamp } from "firebase-admin/firestore";
import { backendConverter, COLLECTIONS, db, isAlreadyExists } from "./firestore";

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
  /** The latest message sent to that number before the reply: the thread it answers. */
  inReplyTo: string | null;
  /**
   * Copied from the answered message, so replies (opt-outs, DONE) can be counted per template,
   * campaign and A/B variant by aggregation queries, without reading the messages.
   */
  templateId: string | null;
  campaignId: string | null;
  variant: string | null;
  /** When the answered message was created: replies count with the messages of a range. */
  inReplyToCreatedAt: Timestamp | null;
}

/** A reply as stored: the record and when it was received. */
export interface StoredInbound extends InboundRecord {
  receivedAt: Timestamp;
}

function inboundCollection() {
  return db().collection(COLLECTIONS.inbound).withConverter(backendConverter<StoredInbound>());
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

/** Replies from this number, newest first, received before `before` when given. */
export async function repliesFromPhone(
  phone: string,
  before: Date | undefined,
  limit: number,
): Promise<{ id: string; record: StoredInbound }[]> {
  let query = inboundCollection().where("from", "==", phone).orderBy("receivedAt", "desc");
  if (before) query = query.where("receivedAt", "<", Timestamp.fromDate(before));
  const page = await query.limit(limit).get();
  return page.docs.map((doc) => ({ id: doc.id, record: doc.data() }));
}

/** Replies answering messages of one A/B variant: of a template in a range, or of a campaign. */
export type VariantReplyScope =
  | { templateId: string; variant: string; answeredFrom: Date; answeredUntil: Date }
  | { campaignId: string; variant: string };

/**
 * How many replies of `keyword` (`stop`, `done`) answered a message of the scope, by one
 * aggregation query (billed a read per 1,000 index entries). The template scope counts replies
 * to messages created in `[answeredFrom, answeredUntil)` (index: templateId, variant, keyword,
 * inReplyToCreatedAt); the campaign scope, (campaignId, variant, keyword).
 */
export async function countVariantReplies(
  scope: VariantReplyScope,
  keyword: string,
): Promise<number> {
  const collection = inboundCollection();
  const query =
    "campaignId" in scope
      ? collection
          .where("campaignId", "==", scope.campaignId)
          .where("variant", "==", scope.variant)
          .where("keyword", "==", keyword)
      : collection
          .where("templateId", "==", scope.templateId)
          .where("variant", "==", scope.variant)
          .where("keyword", "==", keyword)
          .where("inReplyToCreatedAt", ">=", Timestamp.fromDate(scope.answeredFrom))
          .where("inReplyToCreatedAt", "<", Timestamp.fromDate(scope.answeredUntil));
  return (await query.count().get()).data().count;
}
