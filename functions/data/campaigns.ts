/**
 * `sms_campaigns/{campaignId}` (docs/contract.md §2) as the backend writes it. Status changes
 * happen in transactions (services/campaigns/lifecycle); the planner's bookkeeping
 * (`plannerRun`, `plannerPage`, `plannerCursor`, `planned`) lets a redelivered or stale planner
 * task notice it has nothing to do. `skipped/{uid}` records a planned recipient who was no
 * longer eligible when their message was due, so the campaign can still complete.
 */
import {
  FieldPath,
  FieldValue,
  Timestamp,
  type Query,
  type QueryDocumentSnapshot,
} from "firebase-admin/firestore";
import { backendConverter, COLLECTIONS, db, runTransaction } from "./firestore";
import { messagesCollection, transitionFields, type MessageRecord } from "./messages";
import type { CampaignCounts, CampaignStatus, RecipientFilters } from "../domain/campaigns";
import type { MessageStatus } from "../domain/messageStatus";
import { tasksCollection } from "./refs";

/** A campaign document. Absent values are null. */
export interface CampaignRecord {
  name: string;
  templateId: string | null;
  body: string | null;
  variables: Record<string, string | number>;
  recipientFilters: RecipientFilters;
  scheduledFor: Timestamp | null;
  status: CampaignStatus;
  counts: CampaignCounts;
  createdBy: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  startedAt: Timestamp | null;
  pausedAt: Timestamp | null;
  cancelledAt: Timestamp | null;
  completedAt: Timestamp | null;
  /** The planner has gone through every page of the current run. */
  planned: boolean;
  /** Incremented by each execute / start / resume; tasks of an earlier run are dropped. */
  plannerRun: number;
  /** The page the planner of the current run does next. */
  plannerPage: number;
  /** The id after which the next page starts; null for the first page. */
  plannerCursor: string | null;
}

/** A campaign with its document id. */
export interface StoredCampaign {
  campaignId: string;
  campaign: CampaignRecord;
}

/** `skipped/{uid}`: a planned recipient who got no message, and why. */
export interface SkippedRecipient {
  reason: string;
  /** The planner run that planned them: a later run counts its own skips. */
  run: number;
  at: Date;
}

/**
 * The fields a change writes; `counts.total` alone may be set without the other counts.
 * Without `updatedAt`, the server's time is stamped.
 */
export type CampaignChanges = Partial<CampaignRecord> & { "counts.total"?: number };

/** What a transaction on one campaign decided: its result, and the changes to write, if any. */
export interface CampaignDecision<T> {
  result: T;
  changes?: CampaignChanges;
}

/** The campaigns collection, typed. */
export function campaignsCollection() {
  return db().collection(COLLECTIONS.campaigns).withConverter(backendConverter<CampaignRecord>());
}

/** A campaign document reference. */
export function campaignRef(campaignId: string) {
  return campaignsCollection().doc(campaignId);
}

function skippedCollection(campaignId: string) {
  return campaignRef(campaignId).collection("skipped");
}

/** The campaign as stored now; undefined when there is none. */
export async function readCampaign(campaignId: string): Promise<CampaignRecord | undefined> {
  return (await campaignRef(campaignId).get()).data();
}

/** Writes a new campaign under a new id, which it returns. */
export async function createCampaignRecord(record: CampaignRecord): Promise<string> {
  const ref = campaignsCollection().doc();
  await ref.create(record);
  return ref.id;
}

/**
 * Reads the campaign and writes what `decide` makes of it, in one transaction (retried on
 * contention, so `decide` must be pure). An error thrown by `decide` writes nothing.
 */
export function updateCampaignAtomically<T>(
  campaignId: string,
  decide: (current: CampaignRecord | undefined) => CampaignDecision<T>,
): Promise<T> {
  const ref = campaignRef(campaignId);
  return runTransaction(async (tx) => {
    const { result, changes } = decide((await tx.get(ref)).data());
    if (changes) tx.update(ref, { updatedAt: FieldValue.serverTimestamp(), ...changes });
    return result;
  });
}

/** Records that a planned recipient of the campaign got no message (idempotent). */
export async function recordSkippedRecipient(
  campaignId: string,
  userId: string,
  skipped: SkippedRecipient,
): Promise<void> {
  await skippedCollection(campaignId)
    .doc(userId)
    .set({ reason: skipped.reason, run: skipped.run, at: Timestamp.fromDate(skipped.at) });
}

async function count(query: Query): Promise<number> {
  return (await query.count().get()).data().count;
}

/**
 * How many messages the campaign has (in one of `statuses` when given): an aggregation query,
 * billed one read per 1,000 index entries, never a read per message.
 */
export function countCampaignMessages(
  campaignId: string,
  statuses?: readonly MessageStatus[],
): Promise<number> {
  const ofCampaign = messagesCollection().where("campaignId", "==", campaignId);
  if (!statuses) return count(ofCampaign);
  return count(
    statuses.length === 1
      ? ofCampaign.where("status", "==", statuses[0])
      : ofCampaign.where("status", "in", [...statuses]),
  );
}

/** How many recipients run `run` of the campaign skipped. */
export function countSkippedRecipients(campaignId: string, run: number): Promise<number> {
  return count(skippedCollection(campaignId).where("run", "==", run));
}

/** Scheduled campaigns whose `scheduledFor` has come by `now`, the earliest first. */
export async function dueScheduledCampaignIds(now: Date, limit: number): Promise<string[]> {
  const due = await campaignsCollection()
    .where("status", "==", "scheduled")
    .where("scheduledFor", "<=", Timestamp.fromDate(now))
    .orderBy("scheduledFor")
    .limit(limit)
    .get();
  return due.docs.map((doc) => doc.id);
}

/** Running campaigns whose planner is done: the ones that may be complete. */
export async function plannedRunningCampaigns(limit: number): Promise<StoredCampaign[]> {
  const running = await campaignsCollection()
    .where("status", "==", "running")
    .where("planned", "==", true)
    .limit(limit)
    .get();
  return running.docs.map((doc) => ({ campaignId: doc.id, campaign: doc.data() }));
}

/** A page of campaigns, newest first. */
export interface CampaignPage {
  campaigns: StoredCampaign[];
  /** The last campaign of this page when more follow, else null. */
  nextCursor: string | null;
}

/**
 * Campaigns (of `status`, when given) newest first, after the campaign `cursor`; undefined when
 * the cursor names no campaign.
 */
export async function campaignsPage(query: {
  status?: CampaignStatus;
  limit: number;
  cursor?: string;
}): Promise<CampaignPage | undefined> {
  let q: Query<CampaignRecord> = campaignsCollection();
  if (query.status) q = q.where("status", "==", query.status);
  q = q.orderBy("createdAt", "desc").orderBy(FieldPath.documentId(), "desc");
  if (query.cursor) {
    const after = await campaignRef(query.cursor).get();
    if (!after.exists) return undefined;
    q = q.startAfter(after);
  }
  // One more than asked tells whether another page follows.
  const page = await q.limit(query.limit + 1).get();
  const docs = page.docs.slice(0, query.limit);
  return {
    campaigns: docs.map((doc) => ({ campaignId: doc.id, campaign: doc.data() })),
    nextCursor: page.size > query.limit ? docs[docs.length - 1].id : null,
  };
}

const CANCEL_PAGE = 200;

/**
 * Cancels the campaign's messages in one of `statuses`, a page at a time. Each write is
 * conditional on the message not having changed since it was read, so a message claimed for
 * sending meanwhile is left alone. Returns how many were cancelled.
 */
export async function cancelCampaignMessages(
  campaignId: string,
  statuses: readonly MessageStatus[],
): Promise<number> {
  let cancelled = 0;
  let last: QueryDocumentSnapshot<MessageRecord> | undefined;
  for (;;) {
    let query = messagesCollection()
      .where("campaignId", "==", campaignId)
      .where("status", "in", [...statuses])
      .orderBy(FieldPath.documentId())
      .limit(CANCEL_PAGE);
    if (last) query = query.startAfter(last);
    const page = await query.get();
    if (page.empty) return cancelled;
    const writer = db().bulkWriter();
    writer.onWriteError(() => false); // a failed precondition is not retried
    const writes = page.docs.map((doc) =>
      writer
        .update(doc.ref, transitionFields(doc.data(), "cancelled", { nextAttemptAt: null }), {
          lastUpdateTime: doc.updateTime,
        })
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

/** A page of the distinct assignees of tasks in some subjects. */
export interface AssigneePage {
  /** In id order, without duplicates or blanks. */
  assignees: string[];
  /** The page was not full: nothing follows it. */
  last: boolean;
}

/**
 * Distinct assignees of tasks in the subjects (at most 30), in assignee order, after `cursor`
 * (an assignee), from at most `size` tasks: the next page starts after the last assignee, so
 * an assignee with many tasks is counted once.
 */
export async function subjectAssigneesPage(
  subjectIds: readonly string[],
  cursor: string | null,
  size: number,
): Promise<AssigneePage> {
  let query = tasksCollection()
    .where("subjectId", "in", [...subjectIds])
    .orderBy("assignedTo");
  if (cursor) query = query.where("assignedTo", ">", cursor);
  const page = await query.select("assignedTo").limit(size).get();
  const assignees = page.docs
    .map((doc) => doc.get("assignedTo") as unknown)
    .filter((value): value is string => typeof value === "string" && value !== "");
  return { assignees: [...new Set(assignees)], last: page.size < size };
}
