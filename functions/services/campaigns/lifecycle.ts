/**
 * Creating a campaign and moving it between statuses (`executeCampaign`, `pauseCampaign`,
 * `resumeCampaign`, `cancelCampaign`, and the start of a scheduled one). Every status change is
 * a transaction on the campaign document; starting one enqueues its planner afterwards.
 */
import { FieldValue, Timestamp, type DocumentSnapshot } from "firebase-admin/firestore";
import { NotFoundError, PreconditionError, RequestError, type Caller } from "../../errors";
import { db } from "../../data/firestore";
import { messagesCollection, transitionFields, type MessageRecord } from "../../data/messages";
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
import { templateFor } from "../messages/manualSend";
import type { CampaignQueue } from "./queue";
import { campaignRef, campaignsCollection, type CampaignRecord } from "./store";
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
): Promise<CampaignResult> {
  const variables = request.variables ?? {};
  if (request.templateId !== undefined) {
    const template = await templateFor({ templateId: request.templateId, variables });
    const texts = Object.values(template?.content ?? {}).filter(
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
  const ref = campaignsCollection().doc();
  await ref.create(record);
  logs.campaignStatusChanged(ref.id, "new", status);
  return { campaignId: ref.id, status };
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
function changes(action: CampaignAction, snapshot: DocumentSnapshot, now: Timestamp) {
  if (startsPlanner(action)) {
    // Planning starts over: pages already sent are not sent again (message ids are
    // deterministic), and the audience is counted afresh.
    return {
      startedAt: (snapshot.get("startedAt") as Timestamp | null) ?? now,
      pausedAt: null,
      planned: false,
      plannerRun: ((snapshot.get("plannerRun") as number | undefined) ?? 0) + 1,
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
): Promise<CampaignResult> {
  const ref = campaignRef(campaignId);
  const now = Timestamp.fromDate(deps.now);
  const { from, to, run } = await db().runTransaction(async (tx) => {
    const snapshot = await tx.get(ref);
    if (!snapshot.exists) throw new NotFoundError(`No campaign ${campaignId}.`);
    const current = snapshot.get("status") as unknown;
    const next = isCampaignStatus(current) ? nextCampaignStatus(current, action) : undefined;
    if (!next) {
      throw new PreconditionError(
        `The campaign is ${String(current)}; it cannot be ${DONE[action]}.`,
      );
    }
    const scheduledFor = snapshot.get("scheduledFor") as Timestamp | null;
    if (action === "start" && (!scheduledFor || scheduledFor.toMillis() > now.toMillis())) {
      throw new PreconditionError("The campaign is not due yet.");
    }
    const fields = changes(action, snapshot, now);
    tx.update(ref, { ...fields, status: next, updatedAt: now });
    const run = "plannerRun" in fields ? (fields.plannerRun as number) : 0;
    return { from: current as CampaignStatus, to: next, run };
  });
  logs.campaignStatusChanged(campaignId, from, to);
  if (startsPlanner(action)) {
    try {
      await deps.queue.plan({ campaignId, run, page: 0, cursor: null });
    } catch (error) {
      logs.campaignStartFailed(campaignId, error);
      await undoStart(campaignId, run, from);
      throw error;
    }
  }
  if (action === "cancel") await cancelWaitingMessages(campaignId);
  return { campaignId, status: to };
}

/** Puts a campaign back to `from` if it is still the start of run `run` that failed. */
async function undoStart(campaignId: string, run: number, from: CampaignStatus): Promise<void> {
  const ref = campaignRef(campaignId);
  await db().runTransaction(async (tx) => {
    const snapshot = await tx.get(ref);
    if (
      snapshot.get("status") === "running" &&
      snapshot.get("plannerRun") === run &&
      snapshot.get("plannerPage") === 0
    ) {
      tx.update(ref, { status: from, updatedAt: FieldValue.serverTimestamp() });
    }
  });
}

const CANCEL_PAGE = 200;

/**
 * Cancels the campaign's messages still waiting for a time (scheduled, or deferred by quiet
 * hours or the rate limit). Each write is conditional on the message not having changed since
 * it was read, so a message claimed for sending meanwhile is left alone.
 */
export async function cancelWaitingMessages(campaignId: string): Promise<number> {
  let cancelled = 0;
  let last: FirebaseFirestore.QueryDocumentSnapshot | undefined;
  for (;;) {
    let query = messagesCollection()
      .where("campaignId", "==", campaignId)
      .where("status", "in", ["scheduled", "deferred"])
      .orderBy("__name__")
      .limit(CANCEL_PAGE);
    if (last) query = query.startAfter(last);
    const page = await query.get();
    if (page.empty) return cancelled;
    const writer = db().bulkWriter();
    writer.onWriteError(() => false); // a failed precondition is not retried
    const writes = page.docs.map((doc) =>
      writer
        .update(
          doc.ref,
          transitionFields(doc.data() as MessageRecord, "cancelled", { nextAttemptAt: null }),
          { lastUpdateTime: doc.updateTime },
        )
        .then(
          () => 1,
          () => 0,
        ),
    );
    await writer.close();
    cancelled += (await Promise.all(writes)).reduce<number>((a, b) => a + b, 0);
    if (page.size < CANCEL_PAGE) return cancelled;
    last = page.docs[page.docs.length - 1];
  }
}

/**
 * Starts the scheduled campaigns whose `scheduledFor` has come by `now` (the minute schedule).
 * A campaign changed meanwhile (cancelled, started by hand) is left as it is.
 */
export async function startDueCampaigns(deps: StatusDeps, limit = 100): Promise<number> {
  const due = await campaignsCollection()
    .where("status", "==", "scheduled")
    .where("scheduledFor", "<=", Timestamp.fromDate(deps.now))
    .orderBy("scheduledFor")
    .limit(limit)
    .get();
  let started = 0;
  let failure: unknown;
  for (const doc of due.docs) {
    try {
      await changeCampaignStatus(doc.id, "start", deps);
      started++;
    } catch (error) {
      if (error instanceof PreconditionError || error instanceof NotFoundError) continue;
      failure = error; // the others still start; the next run retries this one
    }
  }
  if (failure) throw failure;
  return started;
}
