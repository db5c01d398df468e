/**
 * The planner task: one page of a running campaign's audience per task. It finds the page's
 * candidates, keeps the eligible ones, enqueues them in `campaignSend` batches, records the page
 * on the campaign (`counts.total`, `plannerCursor`) in a transaction, and enqueues the next
 * page; the last page sets `planned`. A task of an earlier run, of a page already recorded, or
 * of a campaign that is not running is dropped, so pause stops planning and resume starts over.
 */
import { tasksCollection } from "../../data/refs";
import { FieldValue, Timestamp } from "firebase-admin/firestore";
import { db } from "../../data/firestore";
import {
  candidateSource,
  ineligibility,
  type CandidateRow,
  type RecipientFilters,
} from "../../domain/campaigns";
import { marketingRecipientsPage, recipientRows } from "../../data/recipients";
import { chunk } from "../../domain/scheduledMessages";
import { MAX_SEND_BATCH, type CampaignQueue, type PlannerTask } from "./queue";
import { campaignRef, type CampaignRecord } from "./store";
import * as logs from "./logs";

/** Candidates per planner task: one query or getAll, a few send tasks to enqueue. */
export const PLANNER_PAGE = MAX_SEND_BATCH;
/** Send tasks enqueued at once. */
const ENQUEUE_CONCURRENCY = 25;

interface CandidatePage {
  candidates: { userId: string; row: CandidateRow | undefined }[];
  nextCursor: string | null;
  done: boolean;
}

/** Opted-in rows with SMS on (and a targeted role), by document id. */
async function queryPage(filters: RecipientFilters, cursor: string | null): Promise<CandidatePage> {
  const page = await marketingRecipientsPage(filters.roles, cursor, PLANNER_PAGE);
  return {
    candidates: page.rows.map(({ userId, row }) => ({ userId, row })),
    nextCursor: page.nextCursor,
    done: page.last,
  };
}

/** The listed users (stored sorted), after the cursor. */
async function usersPage(userIds: string[], cursor: string | null): Promise<CandidatePage> {
  const remaining = cursor === null ? userIds : userIds.filter((uid) => uid > cursor);
  const ids = remaining.slice(0, PLANNER_PAGE);
  const rows = await recipientRows(ids);
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
async function subjectsPage(subjectIds: string[], cursor: string | null): Promise<CandidatePage> {
  let query = tasksCollection().where("subjectId", "in", subjectIds).orderBy("assignedTo");
  if (cursor) query = query.where("assignedTo", ">", cursor);
  const page = await query.select("assignedTo").limit(PLANNER_PAGE).get();
  const assignees = [
    ...new Set(
      page.docs
        .map((doc) => doc.get("assignedTo"))
        .filter((v): v is string => typeof v === "string" && v !== ""),
    ),
  ];
  const rows = await recipientRows(assignees);
  return {
    candidates: assignees.map((userId) => ({ userId, row: rows.get(userId) })),
    nextCursor: assignees.at(-1) ?? cursor,
    done: page.size < PLANNER_PAGE,
  };
}

function candidatePage(filters: RecipientFilters, cursor: string | null): Promise<CandidatePage> {
  const source = candidateSource(filters);
  if (source === "subjects") return subjectsPage(filters.subjectIds!, cursor);
  if (source === "users") return usersPage(filters.userIds!, cursor);
  return queryPage(filters, cursor);
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
): Promise<PlanOutcome> {
  const { campaignId, run, page } = task;
  const ref = campaignRef(campaignId);
  const campaign = (await ref.get()).data() as CampaignRecord | undefined;
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
  const found = await candidatePage(filters, cursor);
  const recipients = found.candidates
    .filter(({ userId, row }) => ineligibility(userId, row, filters) === undefined)
    .map(({ userId }) => userId);
  await enqueueSends(task, recipients, batchSize, queue);
  const recorded = await db().runTransaction(async (tx) => {
    const current = (await tx.get(ref)).data() as CampaignRecord | undefined;
    if (
      current?.status !== "running" ||
      current.plannerRun !== run ||
      current.plannerPage !== page
    ) {
      return false;
    }
    tx.update(ref, {
      "counts.total": FieldValue.increment(recipients.length),
      plannerPage: page + 1,
      plannerCursor: found.nextCursor,
      planned: found.done,
      updatedAt: Timestamp.fromDate(now),
    });
    return true;
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
