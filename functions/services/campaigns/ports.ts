/**
 * What the campaign services read and write, as one interface, so tests can pass an in-memory
 * store; production passes {@link firestoreCampaignStore}. Each service takes the `Pick` of it
 * that it uses.
 */
import {
  campaignsPage,
  cancelCampaignMessages,
  countCampaignMessages,
  countSkippedRecipients,
  createCampaignRecord,
  dueScheduledCampaignIds,
  plannedRunningCampaigns,
  readCampaign,
  subjectAssigneesPage,
  updateCampaignAtomically,
  type AssigneePage,
  type CampaignDecision,
  type CampaignPage,
  type CampaignRecord,
  type StoredCampaign,
} from "../../data/campaigns";
import type { CampaignStatus } from "../../domain/campaigns";
import {
  marketingRecipientsPage,
  recipientRows,
  type RecipientPage,
  type RecipientRow,
} from "../../data/recipients";
import { loadTemplate } from "../../data/templates";
import type { MessageStatus } from "../../domain/messageStatus";
import type { TemplateDefinition } from "../../domain/templates";

export interface CampaignStore {
  /** The campaign as stored now; undefined when there is none. */
  readCampaign(campaignId: string): Promise<CampaignRecord | undefined>;
  /** Writes a new campaign under a new id, which it returns. */
  createCampaignRecord(record: CampaignRecord): Promise<string>;
  /** Reads the campaign and writes what `decide` makes of it, atomically. */
  updateCampaignAtomically<T>(
    campaignId: string,
    decide: (current: CampaignRecord | undefined) => CampaignDecision<T>,
  ): Promise<T>;
  /** Scheduled campaigns due by `now`, the earliest first. */
  dueScheduledCampaignIds(now: Date, limit: number): Promise<string[]>;
  /** Running campaigns whose planner is done. */
  plannedRunningCampaigns(limit: number): Promise<StoredCampaign[]>;
  /** Campaigns newest first after `cursor`; undefined when the cursor names no campaign. */
  campaignsPage(query: {
    status?: CampaignStatus;
    limit: number;
    cursor?: string;
  }): Promise<CampaignPage | undefined>;
  /** How many messages the campaign has (in one of `statuses` when given). */
  countCampaignMessages(campaignId: string, statuses?: readonly MessageStatus[]): Promise<number>;
  /** How many recipients run `run` of the campaign skipped. */
  countSkippedRecipients(campaignId: string, run: number): Promise<number>;
  /** Cancels the campaign's messages in one of `statuses` that nothing claimed meanwhile. */
  cancelCampaignMessages(campaignId: string, statuses: readonly MessageStatus[]): Promise<number>;
  /** The template to render for this id; undefined when there is none. */
  loadTemplate(templateId: string): Promise<TemplateDefinition | undefined>;
  /** Opted-in rows with SMS on (of these roles, if any), in id order after `cursor`. */
  marketingRecipientsPage(
    roles: readonly string[] | undefined,
    cursor: string | null,
    size: number,
  ): Promise<RecipientPage>;
  /** The `sms_recipients` rows of these users that exist, by user id. */
  recipientRows(userIds: readonly string[]): Promise<Map<string, RecipientRow>>;
  /** Distinct assignees of tasks in the subjects, in id order after `cursor`. */
  subjectAssigneesPage(
    subjectIds: readonly string[],
    cursor: string | null,
    size: number,
  ): Promise<AssigneePage>;
}

/** Firestore. */
export const firestoreCampaignStore: CampaignStore = {
  readCampaign,
  createCampaignRecord,
  updateCampaignAtomically,
  dueScheduledCampaignIds,
  plannedRunningCampaigns,
  campaignsPage,
  countCampaignMessages,
  countSkippedRecipients,
  cancelCampaignMessages,
  loadTemplate,
  marketingRecipientsPage,
  recipientRows,
  subjectAssigneesPage,
};
