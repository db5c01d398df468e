/** A campaign as the campaign callables return it: plain JSON, without the planner's bookkeeping. */
import { Timestamp } from "firebase-admin/firestore";
import type { CampaignRecord } from "../../data/campaigns";
import type { CampaignCounts, CampaignStatus, RecipientFilters } from "../../domain/campaigns";
import type { SmsCost, VariantStats } from "../../domain/smsStats";

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
  /** `getCampaignStatus` only, when the template has A/B variants: how each one did. */
  byVariant?: VariantStats[];
  /**
   * `getCampaignStatus` only: delivered / (delivered + failed, which holds undelivered), from
   * 0 to 1; 0 while none has settled.
   */
  deliveryRate?: number;
  /** `getCampaignStatus` only: what its messages cost (reported prices and SNS estimates). */
  cost?: SmsCost;
  /** `getCampaignStatus` only: STOPs answering one of its messages, within a day of its last. */
  optOuts?: number;
}

/** Bookkeeping the web app does not need. */
const INTERNAL = new Set(["plannerRun", "plannerPage", "plannerCursor"]);

/** A campaign as a plain JSON object for a callable response, Timestamps as ISO strings. */
export function toApiCampaign(campaignId: string, campaign: CampaignRecord): Campaign {
  const out: Record<string, unknown> = { campaignId };
  for (const [key, value] of Object.entries(campaign)) {
    if (INTERNAL.has(key)) continue;
    out[key] = value instanceof Timestamp ? value.toDate().toISOString() : value;
  }
  return out as unknown as Campaign;
}
