/**
 * A campaign's progress: live counts from aggregation queries on `sms_messages` (campaignId +
 * status, one count() per bucket: billed one read per 1,000 index entries, never a read per
 * message), completion once everything planned has settled, and the list of campaigns.
 */
import { Timestamp, type Query } from "firebase-admin/firestore";
import { NotFoundError } from "../../errors";
import { db } from "../../data/firestore";
import { messagesCollection } from "../../data/messages";
import {
  COUNT_BUCKETS,
  isCampaignDone,
  type CampaignCounts,
  type CampaignStatus,
  type MessageBucket,
} from "../../domain/campaigns";
import {
  campaignRef,
  campaignsCollection,
  toApiCampaign,
  type Campaign,
  type CampaignRecord,
} from "./store";
import * as logs from "./logs";

async function count(query: Query): Promise<number> {
  return (await query.count().get()).data().count;
}

const BUCKETS = Object.entries(COUNT_BUCKETS) as [MessageBucket, readonly string[]][];

/** The campaign's counts now, and how many messages it has in all. */
export async function liveCounts(
  campaignId: string,
  campaign: Pick<CampaignRecord, "counts" | "plannerRun">,
): Promise<{ counts: CampaignCounts; messages: number }> {
  const ofCampaign = messagesCollection().where("campaignId", "==", campaignId);
  const skipped = campaignRef(campaignId)
    .collection("skipped")
    .where("run", "==", campaign.plannerRun);
  const [messages, skippedCount, ...values] = await Promise.all([
    count(ofCampaign),
    count(skipped),
    ...BUCKETS.map(([, statuses]) =>
      count(
        statuses.length === 1
          ? ofCampaign.where("status", "==", statuses[0])
          : ofCampaign.where("status", "in", statuses),
      ),
    ),
  ]);
  const byBucket = Object.fromEntries(BUCKETS.map(([bucket], i) => [bucket, values[i]]));
  return {
    counts: {
      ...(byBucket as Record<MessageBucket, number>),
      total: campaign.counts?.total ?? 0,
      skipped: skippedCount,
    },
    messages,
  };
}

/**
 * Marks the campaign `completed` with its final counts, in a transaction that checks it is
 * still the same running, fully planned run. Returns the record written, or undefined.
 */
async function complete(
  campaignId: string,
  seen: CampaignRecord,
  counts: CampaignCounts,
  now: Date,
): Promise<CampaignRecord | undefined> {
  const ref = campaignRef(campaignId);
  return db().runTransaction(async (tx) => {
    const current = (await tx.get(ref)).data() as CampaignRecord | undefined;
    if (
      current?.status !== "running" ||
      !current.planned ||
      current.plannerRun !== seen.plannerRun ||
      current.counts?.total !== seen.counts?.total
    ) {
      return undefined;
    }
    const nowTs = Timestamp.fromDate(now);
    const fields = {
      status: "completed" as CampaignStatus,
      completedAt: nowTs,
      counts,
      updatedAt: nowTs,
    };
    tx.update(ref, fields);
    return { ...current, ...fields };
  });
}

/** Live counts, completing the campaign when everything planned has settled. */
async function progress(campaignId: string, campaign: CampaignRecord, now: Date) {
  const { counts, messages } = await liveCounts(campaignId, campaign);
  const done = isCampaignDone({
    status: campaign.status,
    planned: campaign.planned === true,
    total: counts.total,
    messages,
    skipped: counts.skipped,
    pending: counts.queued,
  });
  if (done) {
    const completed = await complete(campaignId, campaign, counts, now);
    if (completed) {
      logs.campaignStatusChanged(campaignId, "running", "completed");
      return { campaign: completed, completed: true };
    }
  }
  return { campaign: { ...campaign, counts }, completed: false };
}

/** `getCampaignStatus`: the campaign with live counts (and `completed` once it is done). */
export async function campaignStatus(campaignId: string, now: Date): Promise<Campaign> {
  const snapshot = await campaignRef(campaignId).get();
  if (!snapshot.exists) throw new NotFoundError(`No campaign ${campaignId}.`);
  const { campaign } = await progress(campaignId, snapshot.data() as CampaignRecord, now);
  return toApiCampaign(campaignId, campaign);
}

/** Completes the running campaigns that are done (the minute schedule), so no one has to look. */
export async function completeFinishedCampaigns(now: Date, limit = 100): Promise<number> {
  const running = await campaignsCollection()
    .where("status", "==", "running")
    .where("planned", "==", true)
    .limit(limit)
    .get();
  let completed = 0;
  for (const doc of running.docs) {
    if ((await progress(doc.id, doc.data() as CampaignRecord, now)).completed) completed++;
  }
  return completed;
}

export interface CampaignListQuery {
  status?: CampaignStatus;
  limit: number;
  cursor?: string;
}

/** `listCampaigns`: a page of campaigns, newest first, with their stored counts. */
export async function listCampaigns(query: CampaignListQuery) {
  let q: Query = campaignsCollection();
  if (query.status) q = q.where("status", "==", query.status);
  q = q.orderBy("createdAt", "desc").orderBy("__name__", "desc");
  if (query.cursor) {
    const after = await campaignRef(query.cursor).get();
    if (!after.exists) throw new NotFoundError("The cursor does not name a campaign.");
    q = q.startAfter(after);
  }
  const page = await q.limit(query.limit + 1).get();
  const docs = page.docs.slice(0, query.limit);
  return {
    campaigns: docs.map((doc) => toApiCampaign(doc.id, doc.data())),
    nextCursor: page.size > query.limit ? docs[docs.length - 1].id : null,
  };
}
