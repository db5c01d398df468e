/**
 * The callable API's types for the web app: the web app imports its request and response
 * types from this module (and only from it), so a change to a callable's contract is a compile
 * error there. Requests are the zod schemas' inputs (what the client sends, before defaults
 * and trimming). Type-only: importing this module loads no backend code.
 */
import type { z } from "zod";
import type { validatePhoneRequest } from "./requests/validatePhone";
import type {
  deleteTemplateRequest,
  listTemplatesRequest,
  previewTemplateRequest,
  saveTemplateRequest,
} from "./requests/templates";
import type { getSmsStatsRequest } from "./requests/stats";
import type {
  getConversationRequest,
  getSmsHistoryRequest,
  messageIdRequest,
  replyToConversationRequest,
  sendBulkSmsRequest,
  sendSmsRequest,
} from "./requests/messages";
import type { runJobRequest, sendDailySummaryRequest } from "./requests/jobs";
import type {
  listUpcomingRemindersRequest,
  scheduleTaskReminderRequest,
  sendReminderNowRequest,
} from "./requests/reminders";
import type { setUserRoleRequest } from "./requests/users";
import type {
  addSuppressionRequest,
  importSuppressionsRequest,
  listSuppressionsRequest,
  removeSuppressionRequest,
} from "./requests/suppressions";
import type { MessageStatus } from "../domain/messageStatus";
import type {
  campaignIdRequest,
  createCampaignRequest,
  listCampaignsRequest,
} from "./requests/campaigns";
import type { CampaignStatus } from "../domain/campaigns";
import type { TemplateEntry } from "../services/templates/admin";
import type { TemplatePreview } from "../domain/templateRules";

export type { PhoneDetails as ValidatePhoneResponse, PhoneType } from "../domain/phoneDetails";
import type { PhoneDetails as ValidatePhoneResponse } from "../domain/phoneDetails";
export type { TemplateListEntry } from "../domain/templateCatalog";
export type { TemplateEntry } from "../services/templates/admin";
export type { TemplateVariant } from "../domain/templates";
export type { VariantStats } from "../domain/smsStats";
export type { SmsStats as GetSmsStatsResponse } from "../services/messages/stats";
import type { SmsStats as GetSmsStatsResponse } from "../services/messages/stats";
export type { SmsCost } from "../domain/smsStats";
export type { Encoding } from "../domain/segments";
export type { Language, MessageType } from "../domain/templates";
export type { MessageStatus } from "../domain/messageStatus";
export type { ProviderName } from "../messaging/provider";
export type { CampaignCounts, CampaignStatus, RecipientFilters } from "../domain/campaigns";

export type ValidatePhoneRequest = z.input<typeof validatePhoneRequest>;

export type ListTemplatesRequest = z.input<typeof listTemplatesRequest>;
export interface ListTemplatesResponse {
  templates: TemplateEntry[];
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

export type { Campaign } from "../services/campaigns/view";
import type { Campaign } from "../services/campaigns/view";
export type GetCampaignStatusRequest = CampaignIdRequest;
export type GetCampaignStatusResponse = Campaign;

export type ListCampaignsRequest = z.input<typeof listCampaignsRequest>;
export interface ListCampaignsResponse {
  campaigns: Campaign[];
  nextCursor: string | null;
}

export type SendSmsRequest = z.input<typeof sendSmsRequest>;
export interface SendSmsResponse {
  messageId: string;
  status: MessageStatus;
}

export type SendBulkSmsRequest = z.input<typeof sendBulkSmsRequest>;
export interface SendBulkSmsResponse {
  accepted: number;
  rejected: { recipient: string; reason: string }[];
  messageIds: string[];
}

/** The request of `cancelScheduledSms` and `getSmsStatus`. */
export type MessageIdRequest = z.input<typeof messageIdRequest>;
export interface CancelScheduledSmsResponse {
  status: "cancelled";
}
export type { SmsMessage } from "../services/messages/history";
import type { SmsMessage } from "../services/messages/history";
export type GetSmsStatusResponse = SmsMessage;

export type GetSmsHistoryRequest = z.input<typeof getSmsHistoryRequest>;
export interface GetSmsHistoryResponse {
  messages: SmsMessage[];
  nextCursor: string | null;
}

export type GetConversationRequest = z.input<typeof getConversationRequest>;
export type {
  Conversation as GetConversationResponse,
  ConversationEntry,
} from "../services/messages/conversation";
import type { Conversation } from "../services/messages/conversation";
export type ReplyToConversationRequest = z.input<typeof replyToConversationRequest>;

export type ScheduleTaskReminderRequest = z.input<typeof scheduleTaskReminderRequest>;
export type { TaskReminderResult as ScheduleTaskReminderResponse } from "../services/reminders/forTask";
import type { TaskReminderResult } from "../services/reminders/forTask";

export type SendDailySummaryRequest = z.input<typeof sendDailySummaryRequest>;
export interface SendDailySummaryResponse {
  messageId: string;
}

export type RunJobRequest = z.input<typeof runJobRequest>;
export interface RunJobResponse {
  job: RunJobRequest["job"];
  report: Record<string, unknown>;
}

export type SetUserRoleRequest = z.input<typeof setUserRoleRequest>;
export interface SetUserRoleResponse {
  userId: string;
  role: "admin" | "partner" | "student";
}

export type AddSuppressionRequest = z.input<typeof addSuppressionRequest>;
export interface AddSuppressionResponse {
  /** The number in E.164. */
  phoneNumber: string;
  /** False when the number was on the list already (its entry is kept). */
  created: boolean;
}

export type RemoveSuppressionRequest = z.input<typeof removeSuppressionRequest>;
export interface RemoveSuppressionResponse {
  phoneNumber: string;
  removed: true;
}

export type ListSuppressionsRequest = z.input<typeof listSuppressionsRequest>;
export type { SuppressionEntry } from "../services/consent/admin";
import type { SuppressionEntry } from "../services/consent/admin";
export interface ListSuppressionsResponse {
  suppressions: SuppressionEntry[];
  nextCursor: string | null;
}

export type ImportSuppressionsRequest = z.input<typeof importSuppressionsRequest>;
export type {
  ImportReport as ImportSuppressionsResponse,
  InvalidEntry as ImportInvalidLine,
} from "../domain/dncImport";
import type { ImportReport as ImportSuppressionsResponse } from "../domain/dncImport";

export type ListUpcomingRemindersRequest = z.input<typeof listUpcomingRemindersRequest>;
export type {
  UpcomingReminders as ListUpcomingRemindersResponse,
  UpcomingReminderRun,
} from "../services/reminders/upcoming";
import type { UpcomingReminders as ListUpcomingRemindersResponse } from "../services/reminders/upcoming";

export type SendReminderNowRequest = z.input<typeof sendReminderNowRequest>;
export type { ReminderSentNow as SendReminderNowResponse } from "../services/reminders/sendNow";
import type { ReminderSentNow as SendReminderNowResponse } from "../services/reminders/sendNow";

import type { getCostReportRequest } from "./requests/costs";
export type GetCostReportRequest = z.input<typeof getCostReportRequest>;
export type {
  CostReport as GetCostReportResponse,
  CostGroup,
  CostGrouping,
} from "../domain/costReport";
import type { CostReport as GetCostReportResponse } from "../domain/costReport";

import type { getSystemHealthRequest } from "./requests/health";
export type GetSystemHealthRequest = z.input<typeof getSystemHealthRequest>;
export type {
  SystemHealth as GetSystemHealthResponse,
  ProviderHealth,
  JobHealth,
} from "../services/health/systemHealth";
import type { SystemHealth as GetSystemHealthResponse } from "../services/health/systemHealth";

/**
 * Every callable's request and response, by name: `callable(name, ...)` checks each handler
 * against it, and the web app's `callableOf` (client/callables.ts) calls with it.
 */
export interface CallableApi {
  sendSms: { request: SendSmsRequest; response: SendSmsResponse };
  sendBulkSms: { request: SendBulkSmsRequest; response: SendBulkSmsResponse };
  cancelScheduledSms: { request: MessageIdRequest; response: CancelScheduledSmsResponse };
  getSmsStatus: { request: MessageIdRequest; response: GetSmsStatusResponse };
  getSmsHistory: { request: GetSmsHistoryRequest; response: GetSmsHistoryResponse };
  scheduleTaskReminder: { request: ScheduleTaskReminderRequest; response: TaskReminderResult };
  getConversation: { request: GetConversationRequest; response: Conversation };
  replyToConversation: { request: ReplyToConversationRequest; response: SendSmsResponse };
  validatePhone: { request: ValidatePhoneRequest; response: ValidatePhoneResponse };
  getSmsStats: { request: GetSmsStatsRequest; response: GetSmsStatsResponse };
  listTemplates: { request: ListTemplatesRequest; response: ListTemplatesResponse };
  saveTemplate: { request: SaveTemplateRequest; response: SaveTemplateResponse };
  deleteTemplate: { request: DeleteTemplateRequest; response: DeleteTemplateResponse };
  previewTemplate: { request: PreviewTemplateRequest; response: PreviewTemplateResponse };
  createCampaign: { request: CreateCampaignRequest; response: CreateCampaignResponse };
  executeCampaign: { request: CampaignIdRequest; response: CampaignStatusChange };
  pauseCampaign: { request: CampaignIdRequest; response: CampaignStatusChange };
  resumeCampaign: { request: CampaignIdRequest; response: CampaignStatusChange };
  cancelCampaign: { request: CampaignIdRequest; response: CampaignStatusChange };
  getCampaignStatus: { request: GetCampaignStatusRequest; response: GetCampaignStatusResponse };
  listCampaigns: { request: ListCampaignsRequest; response: ListCampaignsResponse };
  sendDailySummary: { request: SendDailySummaryRequest; response: SendDailySummaryResponse };
  runJob: { request: RunJobRequest; response: RunJobResponse };
  setUserRole: { request: SetUserRoleRequest; response: SetUserRoleResponse };
  addSuppression: { request: AddSuppressionRequest; response: AddSuppressionResponse };
  removeSuppression: { request: RemoveSuppressionRequest; response: RemoveSuppressionResponse };
  listSuppressions: { request: ListSuppressionsRequest; response: ListSuppressionsResponse };
  importSuppressions: {
    request: ImportSuppressionsRequest;
    response: ImportSuppressionsResponse;
  };
  listUpcomingReminders: {
    request: ListUpcomingRemindersRequest;
    response: ListUpcomingRemindersResponse;
  };
  sendReminderNow: { request: SendReminderNowRequest; response: SendReminderNowResponse };
  getCostReport: { request: GetCostReportRequest; response: GetCostReportResponse };
  getSystemHealth: { request: GetSystemHealthRequest; response: GetSystemHealthResponse };
}

export type CallableName = keyof CallableApi;
