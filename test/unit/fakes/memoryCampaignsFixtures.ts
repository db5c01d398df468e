/** Campaign documents and recipient rows as the backend writes them, for the campaign fakes. */
import { Timestamp } from "firebase-admin/firestore";
import type { CampaignRecord } from "../../../functions/data/campaigns";
import type { RecipientRow } from "../../../functions/data/recipients";
import { zeroCounts, type RecipientFilters } from "../../../functions/domain/campaigns";

/** A campaign as `createCampaign` and `executeCampaign` leave it: running, run 1. */
export function runningCampaign(fields: Partial<CampaignRecord> = {}): CampaignRecord {
  const at = Timestamp.fromDate(new Date("2026-11-20T09:00:00Z"));
  const recipientFilters: RecipientFilters = { roles: ["student"] };
  return {
    name: "Saturday tutoring",
    templateId: null,
    body: "Free tutoring on Saturday.",
    variables: {},
    recipientFilters,
    scheduledFor: null,
    status: "running",
    counts: zeroCounts(),
    createdBy: "admin-1",
    createdAt: at,
    updatedAt: at,
    startedAt: at,
    pausedAt: null,
    cancelledAt: null,
    completedAt: null,
    planned: false,
    plannerRun: 1,
    plannerPage: 0,
    plannerCursor: null,
    ...fields,
  };
}

/** An `sms_recipients` row of an opted-in student, as the recipient index writes it. */
export function recipientRow(fields: Partial<RecipientRow> = {}): RecipientRow {
  return {
    timeZone: "UTC",
    role: "student",
    language: "en",
    phone: "+12125550100",
    smsEnabled: true,
    marketingOptIn: true,
    dailySummary: false,
    name: "Ada Lovelace",
    dailyStreak: 0,
    ...fields,
  };
}
