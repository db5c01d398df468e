/**
 * The callable API's types for the web app: the web app imports its request and response
 * types from this module (and only from it), so a change to a callable's contract is a compile
 * error there. Requests are the zod schemas' inputs (what the client sends, before defaults
 * and trimming). Type-only: importing this module loads no backend code.
 *
 * More callables' types are to be added here as they are written.
 */
import type { z } from "zod";
import type { validatePhoneRequest } from "./validatePhone";
import type {
  deleteTemplateRequest,
  listTemplatesRequest,
  previewTemplateRequest,
  saveTemplateRequest,
} from "./templates";
import type { getSmsStatsRequest } from "./stats";
import type { campaignIdRequest, createCampaignRequest, listCampaignsRequest } from "./campaigns";
import type { CampaignCounts, CampaignStatus, RecipientFilters } from "../domain/campaigns";
import type { TemplateListEntry } from "../domain/templateCatalog";
import type { TemplatePreview } from "../domain/templateRules";

export type { PhoneDetails as ValidatePhoneResponse, PhoneType } from "../domain/phoneDetails";
export type { TemplateListEntry } from "../domain/templateCatalog";
export type { SmsStats as GetSmsStatsResponse } from "../services/stats";
export type { SmsCost } from "../domain/smsStats";
export type { Encoding } from "../domain/segments";
export type { Language, MessageType } from "../domain/templates";
export type { MessageStatus } from "../domain/messageStatus";
export type { ProviderName } from "../messaging/provider";
export type { CampaignCounts, CampaignStatus, RecipientFilters } from "../domain/campaigns";

export type ValidatePhoneRequest = z.input<typeof validatePhoneRequest>;

export type ListTemplatesRequest = z.input<typeof listTemplatesRequest>;
export interface ListTemplatesResponse {
  templates: TemplateListEntry[];
}

export type SaveTemplateRequest = z.input<typeof saveTemplateRequest>;
export interface SaveTemplateResponse {
  templateId: string;
}

export type DeleteTemplateRequest = z.input<typeof deleteTemplateRequest>;
export interface DeleteTemplateResponse {
  deleted: true;
}

export type PreviewTemplateRequest = z.input<typeof previewTemplateRequest>;
export type PreviewTemplateResponse = TemplatePreview;

export type GetSmsStatsRequest = z.input<typeof getSmsStatsRequest>;

export type CreateCampaignRequest = z.input<typeof createCampaignRequest>;
/** Also the response of `executeCampaign`, `pauseCampaign`, `resumeCampaign`, `cancelCampaign`. */
export interface CampaignStatusChange {
  campaignId: string;
  status: CampaignStatus;
}
export type CreateCampaignResponse = CampaignStatusChange;
/** The request of `executeCampaign`, `pauseCampaign`, `resumeCampaign`, `cancelCampaign`. */
export type CampaignIdRequest = z.input<typeof campaignIdRequest>;

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
export type GetCampaignStatusRequest = CampaignIdRequest;
export type GetCampaignStatusResponse = Campaign;

export type ListCampaignsRequest = z.input<typeof listCampaignsRequest>;
export interface ListCampaignsResponse {
  campaigns: Campaign[];
  nextCursor: string | null;
}
