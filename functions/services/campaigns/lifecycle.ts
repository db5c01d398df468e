/**
 * Creating a campaign and moving it between statuses (`executeCampaign`, `pauseCampaign`,
 * `resumeCampaign`, `cancelCampaign`, and the start of a scheduled one). Every status change is
 * a transaction on the campaign document; starting one enqueues its planner afterwards.
 */
import { Timestamp } from "firebase-admin/firestore";
import { NotFoundError, PreconditionError, RequestError, type Caller } from "../../errors";
import type { CampaignChanges, CampaignRecord } from "../../data/campaigns";
import type { MessageStatus } from "../../domain/messageStatus";
import {
  isCampaignStatus,
  missingCampaignVariables,
  nextCampaignStatus,
  startsPlanner,
  zeroCounts,
  type CampaignAction,
  type CampaignStatus,
  type RecipientFilters,
} from "../../domain/campaigns";
import type { CampaignQueue } from "./queue";
import { firestoreCampaignStore, type CampaignStore } from "./ports";
import * as logs from "./logs";

/** A campaign as `createCampaign` receives it (already parsed). */
export interface NewCampaign {
  name: string;
  templateId?: string;
  body?: string;
  variables?: Record<string, string | number>;
  recipientFilters: RecipientFilters;
  scheduledFor?: Date;
}

/** What creating campaigns and changing their status reads and writes. */
export type LifecycleStore = Pick<
  CampaignStore,
  | "createCampaignRecord"
  | "updateCampaignAtomically"
  | "dueScheduledCampaignIds"
  | "cancelCampaignMessages"
  | "loadTemplate"
>;

export interface CampaignResult {
  campaignId: string;
  status: CampaignStatus;
}

/** Only the filters given, lists without duplicates (user ids sorted: the planner pages them). */
function normalizeFilters(filters: RecipientFilters): RecipientFilters {
  const out: RecipientFilters = {};
  if (filters.roles) out.roles = [...new Set(filters.roles)];
  if (filters.userIds) out.userIds = [...new Set(filters.userIds)].sort();
  if (filters.subjectIds) out.subjectIds = [...new Set(filters.subjectIds)];
  return out;
}

/**
 * Writes a `draft` campaign (`scheduled` with `scheduledFor`). A template must exist, and each
 * of its variables must be given or be one every recipient brings (`name`, `firstName`).
 */
export async function createCampaign(
  request: NewCampaign,
  caller: Caller,
  now: Date,
  store: LifecycleStore = firestoreCampaignStore,
): Promise<CampaignResult> {
  const variables = request.variables ?? {};
  if (request.templateId !== undefined) {
    const template = await store.loadTemplate(request.templateId);
    if (!template) throw new NotFoundError(`No template ${request.templateId}.`);
    const texts = Object.values(template.content).filter(
      (text): text is string => typeof text === "string",
    );
    const missing = missingCampaignVariables(texts, variables);
    if (missing.length > 0) {
      throw new RequestError("variables", `missing template variables: ${missing.join(", ")}`);
    }
  }
  const status: CampaignStatus = request.scheduledFor ? "scheduled" : "draft";
  const nowTs = Timestamp.fromDate(now);
  const record: CampaignRecord = {
    name: request.name,
    templateId: request.templateId ?? null,
    body: request.body ?? null,
    variables,
    recipientFilters: normalizeFilters(request.recipientFilters),
    scheduledFor: request.scheduledFor ? Timestamp.fromDate(request.scheduledFor) : null,
    status,
    counts: zeroCounts(),
    createdBy: caller.uid,
    createdAt: nowTs,
    updatedAt: nowTs,
    startedAt: null,
    pausedAt: null,
    cancelledAt: null,
    completedAt: null,
    planned: false,
    plannerRun: 0,
    plannerPage: 0,
    plannerCursor: null,
  };
  const campaignId = await store.createCampaignRecord(record);
  logs.campaignStatusChanged(campaignId, "new", status);
  return { campaignId, status };
}

const DONE: Record<CampaignAction, string> = {
  execute: "executed",
  start: "started",
  pause: "paused",
  resume: "resumed",
  cancel: "cancelled",
  complete: "completed",
};

/** The fields an action writes, besides `status`. */
function changes(
  action: CampaignAction,
  campaign: CampaignRecord,
  now: Timestamp,
): CampaignChanges {
  if (startsPlanner(action)) {
    // Planning starts over: pages already sent are not sent again (message ids are
    // deterministic), and the audience is counted afresh.
    return {
      startedAt: campaign.startedAt ?? now,
      pausedAt: null,
      planned: false,
      plannerRun: (campaign.plannerRun ?? 0) + 1,
      plannerPage: 0,
      plannerCursor: null,
      "counts.total": 0,
    };
  }
  if (action === "pause") return { pausedAt: now };
  if (action === "cancel") return { cancelledAt: now };
  return { completedAt: now };
}

export interface StatusDeps {
  queue: CampaignQueue;
  now: Date;
}

/**
 * Applies `action` in a transaction; unknown campaign: NotFoundError; a move the status does
 * not allow: PreconditionError. A start enqueues the planner's first page; if that fails the
 * start is undone, so the campaign is not left `running` with nothing to run it.
 */
export async function changeCampaignStatus(
  campaignId: string,
  action: Exclude<CampaignAction, "complete">,
  deps: StatusDeps,
  store: LifecycleStore = firestoreCampaignStore,
): Promise<CampaignResult> {
  const now = Timestamp.fromDate(deps.now);
  const { from, to, run } = await store.updateCampaignAtomically(campaignId, (campaign) => {
    if (!campaign) throw new NotFoundError(`No campaign ${campaignId}.`);
    const current = campaign.status as unknown;
    const next = isCampaignStatus(current) ? nextCampaignStatus(current, action) : undefined;
    if (!next) {
      throw new PreconditionError(
        `The campaign is ${String(current)}; it cannot be ${DONE[action]}.`,
      );
    }
    const scheduledFor = campaign.scheduledFor;
    if (action === "start" && (!scheduledFor || scheduledFor.toMillis() > now.toMillis())) {
      throw new PreconditionError("The campaign is not due yet.");
    }
    const fields = changes(action, campaign, now);
    return {
      result: { from: current as CampaignStatus, to: next, run: fields.plannerRun ?? 0 },
      changes: { ...fields, status: next, updatedAt: now },
    };
  });
  logs.campaignStatusChanged(campaignId, from, to);
  if (startsPlanner(action)) {
    try {
      await deps.queue.plan({ campaignId, run, page: 0, cursor: null });
    } catch (error) {
      logs.campaignStartFailed(campaignId, error);
      await undoStart(campaignId, run, from, store);
      throw error;
    }
  }
  if (action === "cancel") await cancelWaitingMessages(campaignId, store);
  return { campaignId, status: to };
}

/** Puts a campaign back to `from` if it is still the start of run `run` that failed. */
async function undoStart(
  campaignId: string,
  run: number,
  from: CampaignStatus,
  store: LifecycleStore,
): Promise<void> {
  await store.updateCampaignAtomically(campaignId, (campaign) => ({
    result: undefined,
    changes:
      campaign?.status === "running" && campaign.plannerRun === run && campaign.plannerPage === 0
        ? { status: from }
        : undefined,
  }));
}

/** Still waiting for a time: scheduled, or deferred by quiet hours or the rate limit. */
const WAITING: readonly MessageStatus[] = ["scheduled", "deferred"];

/**
 * Cancels the campaign's messages still waiting for a time; a message claimed for sending
 * meanwhile is left alone.
 */
export function cancelWaitingMessages(
  campaignId: string,
  store: Pick<CampaignStore, "cancelCampaignMessages"> = firestoreCampaignStore,
): Promise<number> {
  return store.cancelCampaignMessages(campaignId, WAITING);
}

/**
 * Starts the scheduled campaigns whose `scheduledFor` has come by `now` (the minute schedule).
 * A campaign changed meanwhile (cancelled, started by hand) is left as it is.
 */
export async function startDueCampaigns(
  deps: StatusDeps,
  limit = 100,
  store: LifecycleStore = firestoreCampaignStore,
): Promise<number> {
  const due = await store.dueScheduledCampaignIds(deps.now, limit);
  let started = 0;
  let failure: unknown;
  for (const campaignId of due) {
    try {
      await changeCampaignStatus(campaignId, "start", deps, store);
      started++;
    } catch (error) {
      if (error instanceof PreconditionError || error instanceof NotFoundError) continue;
      failure = error; // the others still start; the next run retries this one
    }
  }
  if (failure) throw failure;
  return started;
}
