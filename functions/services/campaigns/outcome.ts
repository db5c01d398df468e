/**
 * What a campaign cost and how many recipients it lost, for its status: the sum of its
 * messages' prices (aggregation queries, ../messages/cost) and the opt-outs that answered it.
 *
 * An opt-out counts for the campaign when the campaign's message was the latest one sent to the
 * number when the STOP came (`sms_inbound.campaignId` is copied from it), and the STOP came
 * within {@link OPT_OUT_WINDOW_MS} of the campaign's last message. Firestore cannot compare two
 * fields of a document (receivedAt against inReplyToCreatedAt), so the 24 hours are counted from
 * the campaign's newest message: exact for a campaign sent in one go, and never more generous
 * than the time the campaign took to send.
 */
import { countCampaignOptOuts } from "../../data/campaignReports";
import { lastCampaignMessageAt } from "../../data/messageStats";
import type { SmsCost } from "../../domain/smsStats";
import { costOf } from "../messages/cost";

/** How long after a campaign's message a STOP is still put down to it. */
export const OPT_OUT_WINDOW_MS = 24 * 3_600_000;

/** The queries a campaign's outcome is made of; tests pass an in-memory one. */
export interface CampaignOutcomeReader {
  /** The cost of every message of the campaign. */
  cost(campaignId: string): Promise<SmsCost>;
  /** When the campaign's newest message was created; undefined when it has none. */
  lastMessageAt(campaignId: string): Promise<Date | undefined>;
  /** Opt-outs answering a message of the campaign, received before `receivedBefore`. */
  optOuts(campaignId: string, receivedBefore: Date): Promise<number>;
}

/** Firestore aggregation queries. */
export const firestoreCampaignOutcomes: CampaignOutcomeReader = {
  // From the epoch: the range only lets the sums share the cost report's indexes.
  cost: (campaignId) =>
    costOf({ range: { start: new Date(0) }, where: { field: "campaignId", value: campaignId } }),
  lastMessageAt: lastCampaignMessageAt,
  optOuts: countCampaignOptOuts,
};

/** A campaign's cost and opt-outs. */
export interface CampaignOutcome {
  cost: SmsCost;
  optOuts: number;
}

/** The campaign's cost and the opt-outs within a day of its last message. */
export async function campaignOutcome(
  campaignId: string,
  reader: CampaignOutcomeReader = firestoreCampaignOutcomes,
): Promise<CampaignOutcome> {
  const optOutsOf = async () => {
    const last = await reader.lastMessageAt(campaignId);
    if (!last) return 0;
    return reader.optOuts(campaignId, new Date(last.getTime() + OPT_OUT_WINDOW_MS));
  };
  const [cost, optOuts] = await Promise.all([reader.cost(campaignId), optOutsOf()]);
  return { cost, optOuts };
}
