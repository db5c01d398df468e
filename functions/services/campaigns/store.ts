/**
 * `sms_campaigns/{campaignId}` (docs/contract.md §2) as the backend writes it, and its API form. Status
 * changes happen in transactions (lifecycle.ts); the planner's bookkeeping (`plannerRun`,
 * `plannerPage`, `plannerCursor`, `planned`) lets a redelivered or stale planner task notice it
 * has nothing to do. `skipped/{uid}` records a planned recipient who was no longer eligible
 * when their message was due, so the campaign can still complete.
 */
import { Timestamp, type DocumentData } from "firebase-admin/firestore";
import { COLLECTIONS, db } from "../../data/firestore";
import type { CampaignCounts, CampaignStatus, RecipientFilters } from "../../domain/campaigns";

/** A campaign document. Absent values are null. */
export interface CampaignRecord {
  name: string;
  templateId: string | null;
  body: string | null;
  variables: Record<string, string | number>;
  recipientFilters: RecipientFilters;
  scheduledFor: Timestamp | null;
  status: CampaignStatus;
  counts: CampaignCounts;
  createdBy: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  startedAt: Timestamp | null;
  pausedAt: Timestamp | null;
  cancelledAt: Timestamp | null;
  completedAt: Timestamp | null;
  /** The planner has gone through every page of the current run. */
  planned: boolean;
  /** Incremented by each execute / start / resume; tasks of an earlier run are dropped. */
  plannerRun: number;
  /** The page the planner of the current run does next. */
  plannerPage: number;
  /** The id after which the next page starts; null for the first page. */
  plannerCursor: string | null;
}

/** The campaigns collection. */
export function campaignsCollection() {
  return db().collection(COLLECTIONS.campaigns);
}

/** A campaign document reference. */
export function campaignRef(campaignId: string) {
  return campaignsCollection().doc(campaignId);
}

/** Where a skipped recipient of a campaign is recorded. */
export function skippedRef(campaignId: string, userId: string) {
  return campaignRef(campaignId).collection("skipped").doc(userId);
}

/** Bookkeeping the web app does not need. */
const INTERNAL = new Set(["plannerRun", "plannerPage", "plannerCursor"]);

/** A campaign as a plain JSON object for a callable response, Timestamps as ISO strings. */
export function toApiCampaign(campaignId: string, data: DocumentData): Campaign {
  const out: Record<string, unknown> = { campaignId };
  for (const [key, value] of Object.entries(data)) {
    if (INTERNAL.has(key)) continue;
    out[key] = value instanceof Timestamp ? value.toDate().toISOString() : value;
  }
  return out as unknown as Campaign;
}

/** A campaign as the campaign callables return it (dates as ISO strings). */
export interface Campaign {
  campaignId: string;
  name: string;
  templateId: string | null;
  body: string | null;
  variables: Record<string, string | number>;
  recipientFilters: RecipientFilters;
  scheduledFor: string | null;
  status: CampaignStatus;
  /** Live in `getCampaignStatus`; as last stored in `listCampaigns`. */
  counts: CampaignCounts;
  /** Every recipient has been found (the planner is done). */
  planned: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  pausedAt: string | null;
  cancelledAt: string | null;
  completedAt: string | null;
}
