/**
 * A campaign's progress: live counts from aggregation queries on `sms_messages` (campaignId +
 * status, one count() per bucket: billed one read per 1,000 index entries, never a read per
 * message), completion once everything planned has settled, and the list of campaigns. The
 * status adds the delivery rate, the cost and the opt-outs after it (./outcome); when its
 * template has A/B variants, it also breaks the campaign down by variant.
 */
import { Timestamp } from "firebase-admin/firestore";
import { NotFoundError } from "../../errors";
import type { CampaignRecord } from "../../data/campaigns";
import {
  COUNT_BUCKETS,
  isCampaignDone,
  type CampaignCounts,
  type CampaignStatus,
  type MessageBucket,
} from "../../domain/campaigns";
import type { MessageStatus } from "../../domain/messageStatus";
import { deliveryRate } from "../../domain/smsStats";
import { toApiCampaign, type Campaign } from "./view";
import { firestoreCampaignStore, type CampaignStore } from "./ports";
import * as logs from "./logs";
import { campaignOutcome, firestoreCampaignOutcomes, type CampaignOutcomeReader } from "./outcome";
import {
  firestoreVariantCounter,
  variantBreakdown,
  type VariantCounter,
} from "../messages/variantStats";

/** What a campaign's progress and the list of campaigns read and write. */
export type ProgressStore = Pick<
  CampaignStore,
  | "readCampaign"
  | "updateCampaignAtomically"
  | "plannedRunningCampaigns"
  | "campaignsPage"
  | "countCampaignMessages"
  | "countSkippedRecipients"
  | "loadTemplate"
>;

const BUCKETS = Object.entries(COUNT_BUCKETS) as [MessageBucket, readonly MessageStatus[]][];

/** The campaign's counts now, and how many messages it has in all. */
export async function liveCounts(
  campaignId: string,
  campaign: Pick<CampaignRecord, "counts" | "plannerRun">,
  store: Pick<
    ProgressStore,
    "countCampaignMessages" | "countSkippedRecipients"
  > = firestoreCampaignStore,
): Promise<{ counts: CampaignCounts; messages: number }> {
  const [messages, skippedCount, ...values] = await Promise.all([
    store.countCampaignMessages(campaignId),
    store.countSkippedRecipients(campaignId, campaign.plannerRun),
    ...BUCKETS.map(([, statuses]) => store.countCampaignMessages(campaignId, statuses)),
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
  store: ProgressStore,
): Promise<CampaignRecord | undefined> {
  return store.updateCampaignAtomically(campaignId, (current) => {
    if (
      current?.status !== "running" ||
      !current.planned ||
      current.plannerRun !== seen.plannerRun ||
      current.counts?.total !== seen.counts?.total
    ) {
      return { result: undefined };
    }
    const nowTs = Timestamp.fromDate(now);
    const fields = {
      status: "completed" as CampaignStatus,
      completedAt: nowTs,
      counts,
      updatedAt: nowTs,
    };
    return { result: { ...current, ...fields }, changes: fields };
  });
}

/** Live counts, completing the campaign when everything planned has settled. */
async function progress(
  campaignId: string,
  campaign: CampaignRecord,
  now: Date,
  store: ProgressStore,
) {
  const { counts, messages } = await liveCounts(campaignId, campaign, store);
  const done = isCampaignDone({
    status: campaign.status,
    planned: campaign.planned === true,
    total: counts.total,
    messages,
    skipped: counts.skipped,
    pending: counts.queued,
  });
  if (done) {
    const completed = await complete(campaignId, campaign, counts, now, store);
    if (completed) {
      logs.campaignStatusChanged(campaignId, "running", "completed");
      return { campaign: completed, completed: true };
    }
  }
  return { campaign: { ...campaign, counts }, completed: false };
}

/**
 * `getCampaignStatus`: the campaign with live counts (and `completed` once it is done), its
 * delivery rate, cost and opt-outs, and `byVariant` when its template (as it is now) has A/B
 * variants.
 */
export async function campaignStatus(
  campaignId: string,
  now: Date,
  store: ProgressStore = firestoreCampaignStore,
  counter: VariantCounter = firestoreVariantCounter,
  outcomes: CampaignOutcomeReader = firestoreCampaignOutcomes,
): Promise<Campaign> {
  const stored = await store.readCampaign(campaignId);
  if (!stored) throw new NotFoundError(`No campaign ${campaignId}.`);
  const [{ campaign }, template, outcome] = await Promise.all([
    progress(campaignId, stored, now, store),
    stored.templateId ? store.loadTemplate(stored.templateId) : undefined,
    campaignOutcome(campaignId, outcomes),
  ]);
  const view: Campaign = {
    ...toApiCampaign(campaignId, campaign),
    // `failed` holds the undelivered ones too: both are settled without arriving.
    deliveryRate: deliveryRate({
      delivered: campaign.counts.delivered,
      failed: campaign.counts.failed,
    }),
    ...outcome,
  };
  if (!template?.variants?.length) return view;
  return { ...view, byVariant: await variantBreakdown(template.variants, { campaignId }, counter) };
}

/** Completes the running campaigns that are done (the minute schedule), so no one has to look. */
export async function completeFinishedCampaigns(
  now: Date,
  limit = 100,
  store: ProgressStore = firestoreCampaignStore,
): Promise<number> {
  const running = await store.plannedRunningCampaigns(limit);
  let completed = 0;
  for (const { campaignId, campaign } of running) {
    if ((await progress(campaignId, campaign, now, store)).completed) completed++;
  }
  return completed;
}

export interface CampaignListQuery {
  status?: CampaignStatus;
  limit: number;
  cursor?: string;
}

/** `listCampaigns`: a page of campaigns, newest first, with their stored counts. */
export async function listCampaigns(
  query: CampaignListQuery,
  store: Pick<ProgressStore, "campaignsPage"> = firestoreCampaignStore,
) {
  const page = await store.campaignsPage(query);
  if (!page) throw new NotFoundError("The cursor does not name a campaign.");
  return {
    campaigns: page.campaigns.map(({ campaignId, campaign }) =>
      toApiCampaign(campaignId, campaign),
    ),
    nextCursor: page.nextCursor,
  };
}
