/**
 * The reads the cost report and a campaign's status make outside `sms_messages`: which
 * campaigns ran in a range (a bounded query on `sms_campaigns`), and how many STOPs answered a
 * campaign (an aggregation query on `sms_inbound`, index (campaignId, keyword, receivedAt)).
 */
import { Timestamp } from "firebase-admin/firestore";
import { COLLECTIONS, db } from "./firestore";
import type { CampaignSpan } from "../domain/costReport";

const dateOf = (value: unknown): Date | null =>
  value instanceof Timestamp ? value.toDate() : null;

/**
 * Campaigns started before `before`, the latest started first, at most `limit`, with when each
 * ran; three small fields per campaign (single-field index on `startedAt`).
 */
export async function campaignsStartedBefore(
  before: Date,
  limit: number,
): Promise<(CampaignSpan & { campaignId: string })[]> {
  const page = await db()
    .collection(COLLECTIONS.campaigns)
    .where("startedAt", "<", Timestamp.fromDate(before))
    .orderBy("startedAt", "desc")
    .select("startedAt", "completedAt", "cancelledAt")
    .limit(limit)
    .get();
  return page.docs.map((doc) => ({
    campaignId: doc.id,
    startedAt: dateOf(doc.get("startedAt")),
    completedAt: dateOf(doc.get("completedAt")),
    cancelledAt: dateOf(doc.get("cancelledAt")),
  }));
}

/**
 * How many opt-outs (`keyword` `stop`: a STOP word or a free-text revocation) answered a
 * message of the campaign (`sms_inbound.campaignId`, copied from the latest message to the
 * number when the reply came) and were received before `receivedBefore`. One aggregation query.
 */
export async function countCampaignOptOuts(
  campaignId: string,
  receivedBefore: Date,
): Promise<number> {
  const query = db()
    .collection(COLLECTIONS.inbound)
    .where("campaignId", "==", campaignId)
    .where("keyword", "==", "stop")
    .where("receivedAt", "<", Timestamp.fromDate(receivedBefore));
  return (await query.count().get()).data().count;
}
