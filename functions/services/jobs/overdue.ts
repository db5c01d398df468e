/**
 * `overdue` (docs/contract.md §4), hourly: a `task_overdue` to the assignee of each task that is not
 * completed and whose deadline has passed, once per deadline (a deadline moved and missed
 * again is notified again). Id `task-overdue_<taskId>_<deadline millis>`. Urgent: quiet hours
 * do not hold it.
 *
 * Cost grows with the deadlines that passed recently, never with all tasks stored: it reads the
 * hour buckets of `sms_deadlines` (services/tasks/projections) for the last {@link OVERDUE_LOOKBACK_MS}
 * (a day and then some, so a late or missed run is covered), by id, then those tasks
 * themselves, and decides in memory with each assignee's zone. Pages of task ids, in id order,
 * are checkpointed, so a run that stops continues after the last page it finished.
 */
import { scheduledMessageId } from "../outbox/ids";
import { messagesExist } from "../../data/messages";
import { formatLocalDateTime, resolveTimeZone } from "../../domain/localTime";
import { chunk, missedDeadline } from "../../domain/scheduledMessages";
import type { TemplateDefinition } from "../../domain/templates";
import { recipientRows } from "../../data/recipients";
import { isSuppressed } from "../../data/suppressions";
import { PAGE_SIZE, toJobRecipient, type JobRecipient } from "./recipientJob";
import { queueRendered, requireTemplate } from "./queue";
import { eachLimited } from "../../domain/concurrency";
import { runJob, type JobDeps, type JobReport } from "./runner";
import { overdueCandidateIds, readTasks, type TaskDoc } from "../tasks/projections";
import * as logs from "../../logs";

const CONCURRENCY = 10;

/** Where a run continues: after the last task id of the last page it finished. */
export interface OverdueCursor {
  afterTaskId: string | null;
}

/** The assignees' rows, by user id (one batched read per page). */
async function loadRecipients(
  userIds: string[],
  deps: JobDeps,
): Promise<Map<string, JobRecipient>> {
  const found = new Map<string, JobRecipient>();
  for (const [userId, row] of await recipientRows(userIds)) {
    const recipient = toJobRecipient(userId, row, deps.settings);
    if (recipient) found.set(userId, recipient);
  }
  return found;
}

/** Message ids among `ids` that exist already: one batched read instead of a recipient's. */
async function existingMessages(ids: string[]): Promise<Set<string>> {
  const exists = await messagesExist(ids);
  return new Set(ids.filter((_, i) => exists[i]));
}

interface Missed {
  taskId: string;
  title: string;
  userId: string;
  deadline: Date;
  messageId: string;
}

async function handlePage(
  tasks: TaskDoc[],
  template: TemplateDefinition,
  deps: JobDeps,
  report: JobReport,
): Promise<void> {
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
    const optedOut = await isSuppressed(recipient.phone);
    const variables = {
      name: recipient.name,
      taskTitle: item.title,
      deadline: formatLocalDateTime(item.deadline, recipient.timeZone, recipient.language),
    };
    const outcome = await queueRendered(
      { id: item.messageId, template, variables, recipient, taskId: item.taskId, optedOut },
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
    const after = run.cursor?.afterTaskId ?? null;
    const candidates = (await overdueCandidateIds(deps.now)).filter(
      (id) => after === null || id > after,
    );
    for (const ids of chunk(candidates, PAGE_SIZE)) {
      await handlePage(await readTasks(ids), template, deps, run.report);
      await run.checkpoint({ afterTaskId: ids[ids.length - 1] });
    }
  });
}
