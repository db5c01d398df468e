/**
 * `overdue` (DESIGN §4), hourly: a `task_overdue` to the assignee of each task that is not
 * completed and whose deadline has passed, once per deadline (a deadline moved and missed
 * again is notified again). Id `task-overdue_<taskId>_<deadline millis>`. Urgent: quiet hours
 * do not hold it.
 *
 * Cost grows with the deadlines that passed recently, never with all tasks stored: it queries
 * `completed == false` with deadlines in the last {@link OVERDUE_LOOKBACK_MS} (a day and then
 * some, so a late or missed run is covered). Deadlines are Timestamps or ISO strings (naive
 * ones are local time in the assignee's zone), which Firestore orders apart: one query per
 * type, the string one widened (domain/dateWindows), and the exact decision in memory.
 */
import { FieldPath, Timestamp, type Query } from "firebase-admin/firestore";
import { COLLECTIONS, db } from "../../data/firestore";
import { isoStringBounds } from "../../domain/dateWindows";
import { formatLocalDateTime, resolveTimeZone } from "../../domain/localTime";
import {
  missedDeadline,
  OVERDUE_LOOKBACK_MS,
  scheduledMessageId,
} from "../../domain/scheduledMessages";
import type { TemplateDefinition } from "../../domain/templates";
import { RECIPIENTS } from "../recipientIndex";
import { isSuppressed, PAGE_SIZE, toJobRecipient, type JobRecipient } from "./recipientJob";
import { queueRendered, requireTemplate } from "./queue";
import { eachLimited } from "../../domain/concurrency";
import { runJob, type JobDeps, type JobReport } from "./runner";
import { parseTaskDocs } from "./tasks";
import * as logs from "../../logs";

/** One query per deadline type, in this order, then done. */
type Phase = "timestamp" | "string" | "done";
const NEXT_PHASE: Record<Phase, Phase> = { timestamp: "string", string: "done", done: "done" };
const CONCURRENCY = 10;

/** Where a run continues: the query (by deadline type) and the last task handled in it. */
export interface OverdueCursor {
  phase: Phase;
  deadline: Timestamp | string | null;
  id: string | null;
}

function deadlineQuery(phase: Exclude<Phase, "done">, now: Date): Query {
  const since = new Date(now.getTime() - OVERDUE_LOOKBACK_MS);
  const open = db().collection(COLLECTIONS.tasks).where("completed", "==", false);
  const ranged =
    phase === "timestamp"
      ? open
          .where("deadline", ">", Timestamp.fromDate(since))
          .where("deadline", "<=", Timestamp.fromDate(now))
      : (({ lower, upper }) => open.where("deadline", ">=", lower).where("deadline", "<", upper))(
          isoStringBounds({ start: since, end: now }),
        );
  return ranged.orderBy("deadline").orderBy(FieldPath.documentId()).limit(PAGE_SIZE);
}

/** The assignees' rows, by user id (one batched read per page). */
async function loadRecipients(
  userIds: string[],
  deps: JobDeps,
): Promise<Map<string, JobRecipient>> {
  const found = new Map<string, JobRecipient>();
  if (userIds.length === 0) return found;
  const refs = userIds.map((id) => db().collection(RECIPIENTS).doc(id));
  for (const snapshot of await db().getAll(...refs)) {
    const recipient = snapshot.exists
      ? toJobRecipient(snapshot.id, snapshot.data(), deps.settings)
      : undefined;
    if (recipient) found.set(snapshot.id, recipient);
  }
  return found;
}

/** Message ids among `ids` that exist already: one batched read instead of a recipient's. */
async function existingMessages(ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const refs = ids.map((id) => db().collection(COLLECTIONS.messages).doc(id));
  const snapshots = await db().getAll(...refs);
  return new Set(snapshots.filter((s) => s.exists).map((s) => s.id));
}

interface Missed {
  taskId: string;
  title: string;
  userId: string;
  deadline: Date;
  messageId: string;
}

async function handlePage(
  docs: FirebaseFirestore.QueryDocumentSnapshot[],
  template: TemplateDefinition,
  deps: JobDeps,
  report: JobReport,
): Promise<void> {
  const tasks = parseTaskDocs(docs);
  const recipients = await loadRecipients([...new Set(tasks.map((t) => t.task.assignedTo))], deps);
  const missed: Missed[] = [];
  for (const { id, task } of tasks) {
    const zone =
      recipients.get(task.assignedTo)?.timeZone ??
      resolveTimeZone([deps.settings.defaultTimeZone], "UTC");
    const deadline = missedDeadline(task, zone, deps.now);
    if (!deadline) continue;
    const messageId = scheduledMessageId.taskOverdue(id, deadline);
    missed.push({ taskId: id, title: task.title, userId: task.assignedTo, deadline, messageId });
  }
  report.recipients += missed.length;
  const existing = await existingMessages(missed.map((m) => m.messageId));
  await eachLimited(missed, CONCURRENCY, async (item) => {
    if (existing.has(item.messageId)) {
      report.alreadyQueued++;
      return;
    }
    const skip = (reason: string) => {
      report.skipped++;
      logs.jobRecipientSkipped("overdue", item.userId, `${item.taskId}: ${reason}`);
    };
    const recipient = recipients.get(item.userId);
    if (!recipient) return skip("no sms_recipients row for the assignee");
    if (!recipient.smsEnabled) return skip("SMS notifications disabled");
    if (!recipient.phone) return skip("no valid phone number");
    if (await isSuppressed(recipient.phone)) return skip("opted out (sms_suppressions)");
    const variables = {
      name: recipient.name,
      taskTitle: item.title,
      deadline: formatLocalDateTime(item.deadline, recipient.timeZone, recipient.language),
    };
    const outcome = await queueRendered(
      { id: item.messageId, template, variables, recipient, taskId: item.taskId },
      deps,
    );
    if (outcome === "queued") report.queued++;
    else if (outcome === "alreadyQueued") report.alreadyQueued++;
    else skip(outcome.skip);
  });
}

/** One run of the overdue sweep at `deps.now`. */
export async function runOverdue(deps: JobDeps): Promise<JobReport> {
  const template = await requireTemplate("task_overdue");
  return runJob<OverdueCursor>("overdue", deps, async (run) => {
    let cursor: OverdueCursor = run.cursor ?? { phase: "timestamp", deadline: null, id: null };
    while (cursor.phase !== "done") {
      let query = deadlineQuery(cursor.phase, deps.now);
      if (cursor.deadline !== null && cursor.id)
        query = query.startAfter(cursor.deadline, cursor.id);
      const page = await query.get();
      await handlePage(page.docs, template, deps, run.report);
      const last = page.docs[page.docs.length - 1];
      cursor =
        page.size < PAGE_SIZE
          ? { phase: NEXT_PHASE[cursor.phase], deadline: null, id: null }
          : { phase: cursor.phase, deadline: last.get("deadline"), id: last.id };
      await run.checkpoint(cursor);
    }
  });
}
