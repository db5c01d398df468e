/**
 * The planner task: one page of a running campaign's audience per task. It finds the page's
 * candidates, keeps the eligible ones, enqueues them in `campaignSend` batches, records the page
 * on the campaign (`counts.total`, `plannerCursor`) in a transaction, and enqueues the next
 * page; the last page sets `planned`. A task of an earlier run, of a page already recorded, or
 * of a campaign that is not running is dropped, so pause stops planning and resume starts over.
 */
import { Timestamp } from "firebase-admin/firestore";
import {
  candidateSource,
  ineligibility,
  type CandidateRow,
  type RecipientFilters,
} from "../../domain/campaigns";
import { chunk } from "../../domain/scheduledMessages";
import { MAX_SEND_BATCH, type CampaignQueue, type PlannerTask } from "./queue";
import type { CampaignRecord } from "../../data/campaigns";
import { firestoreCampaignStore, type CampaignStore } from "./ports";
import * as logs from "./logs";

/**
 * Candidates per planner task: one query or getAll, a few send tasks to enqueue. Each page is a
 * Cloud Tasks hop, so a page holds several send batches: the planner stays ahead of the send
 * queue (one batch a second) instead of feeding it one hop at a time.
 */
export const PLANNER_PAGE = 2_000;
/** Send tasks enqueued at once. */
const ENQUEUE_CONCURRENCY = 25;

/** What the planner reads and writes. */
export type PlannerStore = Pick<
  CampaignStore,
  | "readCampaign"
  | "updateCampaignAtomically"
  | "marketingRecipientsPage"
  | "recipientRows"
  | "subjectAssigneesPage"
>;

interface CandidatePage {
  candidates: { userId: string; row: CandidateRow | undefined }[];
  nextCursor: string | null;
  done: boolean;
}

/** Opted-in rows with SMS on (and a targeted role), by document id. */
async function queryPage(
  filters: RecipientFilters,
  cursor: string | null,
  store: PlannerStore,
): Promise<CandidatePage> {
  const page = await store.marketingRecipientsPage(filters.roles, cursor, PLANNER_PAGE);
  return {
    candidates: page.rows.map(({ userId, row }) => ({ userId, row })),
    nextCursor: page.nextCursor,
    done: page.last,
  };
}

/** The listed users (stored sorted), after the cursor. */
async function usersPage(
  userIds: string[],
  cursor: string | null,
  store: PlannerStore,
): Promise<CandidatePage> {
  const remaining = cursor === null ? userIds : userIds.filter((uid) => uid > cursor);
  const ids = remaining.slice(0, PLANNER_PAGE);
  const rows = await store.recipientRows(ids);
  return {
    candidates: ids.map((userId) => ({ userId, row: rows.get(userId) })),
    nextCursor: ids.at(-1) ?? cursor,
    done: remaining.length <= PLANNER_PAGE,
  };
}

/**
 * Distinct assignees of tasks in the subjects, in assignee order: the next page starts after
 * the last assignee, so an assignee with many tasks is counted once.
 */
async function subjectsPage(
  subjectIds: string[],
  cursor: string | null,
  store: PlannerStore,
): Promise<CandidatePage> {
  const { assignees, last } = await store.subjectAssigneesPage(subjectIds, cursor, PLANNER_PAGE);
  const rows = await store.recipientRows(assignees);
  return {
    candidates: assignees.map((userId) => ({ userId, row: rows.get(userId) })),
    nextCursor: assignees.at(-1) ?? cursor,
    done: last,
  };
}

function candidatePage(
  filters: RecipientFilters,
  cursor: string | null,
  store: PlannerStore,
): Promise<CandidatePage> {
  const source = candidateSource(filters);
  if (source === "subjects") return subjectsPage(filters.subjectIds!, cursor, store);
  if (source === "users") return usersPage(filters.userIds!, cursor, store);
  return queryPage(filters, cursor, store);
}

/**
 * The page's recipients in send tasks of `batchSize`: the send queue dispatches one task per
 * second, so a batch is a second's worth of messages (CAMPAIGN_SENDS_PER_SECOND).
 */
async function enqueueSends(
  task: PlannerTask,
  recipients: string[],
  batchSize: number,
  queue: CampaignQueue,
): Promise<void> {
  const size = Math.min(Math.max(Math.floor(batchSize), 1), MAX_SEND_BATCH);
  const batches = chunk(recipients, size);
  for (let i = 0; i < batches.length; i += ENQUEUE_CONCURRENCY) {
    await Promise.all(
      batches
        .slice(i, i + ENQUEUE_CONCURRENCY)
        .map((userIds) => queue.send({ campaignId: task.campaignId, run: task.run, userIds })),
    );
  }
}

export type PlanOutcome = "planned" | "done" | "dropped" | "recovered";

/** Why the task has nothing to do, or undefined when it is the page to plan (or recover). */
function staleReason(campaign: CampaignRecord | undefined, task: PlannerTask): string | undefined {
  if (!campaign) return "no such campaign";
  if (campaign.status !== "running") return `the campaign is ${campaign.status}`;
  if (campaign.plannerRun !== task.run) return `run ${task.run} was superseded`;
  if (campaign.plannerPage !== task.page && campaign.plannerPage !== task.page + 1) {
    return `page ${task.page} is not the current page`;
  }
  return undefined;
}

/** Plans one page into send tasks of `batchSize` recipients; throws to have Cloud Tasks retry it. */
export async function planCampaignPage(
  task: PlannerTask,
  queue: CampaignQueue,
  batchSize: number,
  now: Date,
  store: PlannerStore = firestoreCampaignStore,
): Promise<PlanOutcome> {
  const { campaignId, run, page } = task;
  const campaign = await store.readCampaign(campaignId);
  const stale = staleReason(campaign, task);
  if (stale || !campaign) {
    logs.campaignTaskDropped(campaignId, "planner", stale ?? "no such campaign");
    return "dropped";
  }
  if (campaign.plannerPage === page + 1) {
    // This page was recorded, then the task failed: make sure the next page was enqueued.
    if (!campaign.planned) {
      await queue.plan({ campaignId, run, page: page + 1, cursor: campaign.plannerCursor });
    }
    return "recovered";
  }
  const filters = campaign.recipientFilters ?? {};
  const cursor = campaign.plannerCursor ?? null;
  const found = await candidatePage(filters, cursor, store);
  const recipients = found.candidates
    .filter(({ userId, row }) => ineligibility(userId, row, filters) === undefined)
    .map(({ userId }) => userId);
  await enqueueSends(task, recipients, batchSize, queue);
  const recorded = await store.updateCampaignAtomically(campaignId, (current) => {
    if (
      current?.status !== "running" ||
      current.plannerRun !== run ||
      current.plannerPage !== page
    ) {
      return { result: false };
    }
    return {
      result: true,
      changes: {
        "counts.total": (current.counts?.total ?? 0) + recipients.length,
        plannerPage: page + 1,
        plannerCursor: found.nextCursor,
        planned: found.done,
        updatedAt: Timestamp.fromDate(now),
      },
    };
  });
  if (!recorded) {
    logs.campaignTaskDropped(campaignId, "planner", "the campaign changed while planning");
    return "dropped";
  }
  logs.campaignPagePlanned(campaignId, page, recipients.length, found.done);
  if (found.done) return "done";
  await queue.plan({ campaignId, run, page: page + 1, cursor: found.nextCursor });
  return "planned";
}
