/**
 * An in-memory stand-in for the campaign storage (data/campaigns, and the reads of
 * data/recipients and data/templates the campaign services make), holding what Firestore would:
 * campaign documents, `sms_recipients` rows, templates, tasks' subjects and assignees, and each
 * campaign's `skipped/{uid}` records. Its messages are those of a {@link MemoryCampaignsOutbox}.
 * Reads hand out copies, as Firestore does, so a service's later changes never reach the store.
 */
import { Timestamp } from "firebase-admin/firestore";
import type {
  AssigneePage,
  CampaignChanges,
  CampaignDecision,
  CampaignPage,
  CampaignRecord,
  SkippedRecipient,
  StoredCampaign,
} from "../../../functions/data/campaigns";
import type { RecipientPage, RecipientRow } from "../../../functions/data/recipients";
import type { CampaignStatus } from "../../../functions/domain/campaigns";
import { assertTransition, type MessageStatus } from "../../../functions/domain/messageStatus";
import type { TemplateDefinition } from "../../../functions/domain/templates";
import type { CampaignStore } from "../../../functions/services/campaigns/ports";
import type { CampaignSendPort } from "../../../functions/services/campaigns/send";
import { MemoryCampaignsOutbox } from "./memoryCampaignsOutbox";

export { recipientRow, runningCampaign } from "./memoryCampaignsFixtures";

function copy(campaign: CampaignRecord): CampaignRecord {
  return { ...campaign, counts: { ...campaign.counts }, variables: { ...campaign.variables } };
}

export class MemoryCampaigns implements CampaignStore {
  readonly campaigns = new Map<string, CampaignRecord>();
  readonly rows = new Map<string, RecipientRow>();
  readonly templates = new Map<string, TemplateDefinition>();
  /** Tasks' `subjectId` and `assignedTo`, by task id. */
  readonly tasks = new Map<string, { subjectId: string; assignedTo: string }>();
  /** `skipped/{uid}` of each campaign. */
  readonly skipped = new Map<string, Map<string, SkippedRecipient>>();
  /** The time a write without `updatedAt` is stamped with (the server's clock). */
  serverTime = new Date("2026-11-21T15:00:05Z");
  private nextId = 1;

  constructor(readonly outbox = new MemoryCampaignsOutbox()) {}

  /** The recorded skips of a campaign, by user id. */
  skippedOf(campaignId: string): Map<string, SkippedRecipient> {
    return this.skipped.get(campaignId) ?? new Map();
  }

  /** Changes a stored campaign's status, as a callable would meanwhile. */
  setStatus(campaignId: string, status: CampaignStatus): void {
    const campaign = this.campaigns.get(campaignId);
    if (!campaign) throw new Error(`no campaign ${campaignId} in the fake`);
    this.campaigns.set(campaignId, { ...campaign, status });
  }

  async readCampaign(campaignId: string): Promise<CampaignRecord | undefined> {
    const campaign = this.campaigns.get(campaignId);
    return campaign && copy(campaign);
  }

  async createCampaignRecord(record: CampaignRecord): Promise<string> {
    const campaignId = `campaign-${this.nextId++}`;
    this.campaigns.set(campaignId, copy(record));
    return campaignId;
  }

  /** Atomic by construction: nothing else runs between the read and the write. */
  async updateCampaignAtomically<T>(
    campaignId: string,
    decide: (current: CampaignRecord | undefined) => CampaignDecision<T>,
  ): Promise<T> {
    const current = this.campaigns.get(campaignId);
    const { result, changes } = decide(current && copy(current));
    if (changes) {
      if (!current) throw new Error(`update of a missing campaign ${campaignId}`);
      this.campaigns.set(campaignId, this.applied(current, changes));
    }
    return result;
  }

  private applied(campaign: CampaignRecord, changes: CampaignChanges): CampaignRecord {
    const { "counts.total": total, ...fields } = changes;
    const next = { ...copy(campaign), updatedAt: Timestamp.fromDate(this.serverTime), ...fields };
    if (total !== undefined) next.counts = { ...next.counts, total };
    return next;
  }

  async dueScheduledCampaignIds(now: Date, limit: number): Promise<string[]> {
    const due: [string, number][] = [];
    for (const [campaignId, { status, scheduledFor }] of this.campaigns) {
      if (status === "scheduled" && scheduledFor && scheduledFor.toDate() <= now) {
        due.push([campaignId, scheduledFor.toMillis()]);
      }
    }
    return due
      .sort(([, a], [, b]) => a - b)
      .slice(0, limit)
      .map(([campaignId]) => campaignId);
  }

  async plannedRunningCampaigns(limit: number): Promise<StoredCampaign[]> {
    return [...this.campaigns]
      .filter(([, c]) => c.status === "running" && c.planned)
      .slice(0, limit)
      .map(([campaignId, campaign]) => ({ campaignId, campaign: copy(campaign) }));
  }

  async campaignsPage(query: {
    status?: CampaignStatus;
    limit: number;
    cursor?: string;
  }): Promise<CampaignPage | undefined> {
    if (query.cursor && !this.campaigns.has(query.cursor)) return undefined;
    const newestFirst = [...this.campaigns]
      .filter(([, c]) => !query.status || c.status === query.status)
      .sort(
        ([aId, a], [bId, b]) =>
          b.createdAt.toMillis() - a.createdAt.toMillis() || (bId > aId ? 1 : -1),
      );
    const start = query.cursor ? newestFirst.findIndex(([id]) => id === query.cursor) + 1 : 0;
    const page = newestFirst.slice(start, start + query.limit);
    return {
      campaigns: page.map(([campaignId, campaign]) => ({ campaignId, campaign: copy(campaign) })),
      nextCursor: newestFirst.length > start + query.limit ? page[page.length - 1][0] : null,
    };
  }

  async countCampaignMessages(
    campaignId: string,
    statuses?: readonly MessageStatus[],
  ): Promise<number> {
    return [...this.outbox.messages.values()].filter(
      (m) => m.campaignId === campaignId && (!statuses || statuses.includes(m.status)),
    ).length;
  }

  async countSkippedRecipients(campaignId: string, run: number): Promise<number> {
    return [...this.skippedOf(campaignId).values()].filter((s) => s.run === run).length;
  }

  async cancelCampaignMessages(
    campaignId: string,
    statuses: readonly MessageStatus[],
  ): Promise<number> {
    let cancelled = 0;
    for (const [messageId, message] of this.outbox.messages) {
      if (message.campaignId !== campaignId || !statuses.includes(message.status)) continue;
      assertTransition(message.status, "cancelled");
      this.outbox.messages.set(messageId, { ...message, status: "cancelled", nextAttemptAt: null });
      cancelled++;
    }
    return cancelled;
  }

  async loadTemplate(templateId: string): Promise<TemplateDefinition | undefined> {
    return this.templates.get(templateId);
  }

  async marketingRecipientsPage(
    roles: readonly string[] | undefined,
    cursor: string | null,
    size: number,
  ): Promise<RecipientPage> {
    const rows = [...this.rows]
      .filter(([, row]) => row.marketingOptIn === true && row.smsEnabled === true)
      .filter(([, row]) => !roles || roles.includes(row.role ?? ""))
      .filter(([userId]) => cursor === null || userId > cursor)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .slice(0, size)
      .map(([userId, row]) => ({ userId, row: { ...row } }));
    return { rows, nextCursor: rows.at(-1)?.userId ?? cursor, last: rows.length < size };
  }

  async recipientRows(userIds: readonly string[]): Promise<Map<string, RecipientRow>> {
    const found = new Map<string, RecipientRow>();
    for (const userId of userIds) {
      const row = this.rows.get(userId);
      if (row) found.set(userId, { ...row });
    }
    return found;
  }

  async subjectAssigneesPage(
    subjectIds: readonly string[],
    cursor: string | null,
    size: number,
  ): Promise<AssigneePage> {
    const assignees = [...this.tasks.values()]
      .filter((task) => subjectIds.includes(task.subjectId))
      .map((task) => task.assignedTo)
      .filter((assignee) => cursor === null || assignee > cursor)
      .sort()
      .slice(0, size);
    return { assignees: [...new Set(assignees.filter(Boolean))], last: assignees.length < size };
  }

  async recordSkipped(
    campaignId: string,
    userId: string,
    skipped: SkippedRecipient,
  ): Promise<void> {
    const ofCampaign = this.skipped.get(campaignId) ?? new Map<string, SkippedRecipient>();
    ofCampaign.set(userId, { ...skipped });
    this.skipped.set(campaignId, ofCampaign);
  }

  /** The send task's port over this store and its outbox. */
  sendPort(): CampaignSendPort {
    return {
      readCampaign: (campaignId) => this.readCampaign(campaignId),
      recipientRows: (userIds) => this.recipientRows(userIds),
      loadTemplate: (templateId) => this.loadTemplate(templateId),
      messageExists: async (messageId) => this.outbox.messages.has(messageId),
      recordSkipped: (campaignId, userId, skipped) =>
        this.recordSkipped(campaignId, userId, skipped),
      enqueueBatch: (messages, settings, now) => this.outbox.enqueueBatch(messages, settings, now),
      deliverMessage: (messageId, deps) => this.outbox.deliverMessage(messageId, deps),
    };
  }
}
