/**
 * One write of `tasks/{taskId}`, in one transaction: the task is read as it is now and filed in
 * the jobs' projections, the partner link it proves is stored, and the notifications it causes
 * are queued, the due ones already claimed (../outbox/born), all in one round trip of reads and
 * one commit. The claimed ones are sent right after, from the same invocation. Safe to run
 * twice: message ids are deterministic and the projections file what they read.
 */
import { runTransaction } from "../../data/firestore";
import type { Settings } from "../../params";
import { birthClaim } from "../outbox/born";
import { stageMessages, type EnqueueResult } from "../outbox/enqueue";
import { sendStaged } from "../outbox/inline";
import { stopRemindersOfEndedTask } from "../reminders/taskEnded";
import { taskNotificationMessages, type TaskChange } from "./notifications";
import { stagePartnerLinks } from "./partnerLinks";
import { stageTaskSync } from "./projections";

/** The assignee a document names, if any. */
function assigneeOf(data: unknown): string | undefined {
  const assignee: unknown = (data as { assignedTo?: unknown } | null)?.assignedTo;
  return typeof assignee === "string" ? assignee : undefined;
}

/** Handles one task write; returns what was queued (and sent, or being sent). */
export async function handleTaskWrite(
  change: TaskChange,
  settings: Settings,
  now: Date,
): Promise<EnqueueResult[]> {
  const { taskId, before, after } = change;
  const [messages, claim] = await Promise.all([
    taskNotificationMessages(change, settings),
    birthClaim(settings, now),
  ]);
  const { staged, links } = await runTransaction(async (tx) => {
    const sync = stageTaskSync(tx, taskId, assigneeOf(before));
    const [task, links, queued] = await Promise.all([
      sync,
      stagePartnerLinks(
        tx,
        before,
        after,
        sync.then((read) => read.data),
      ),
      stageMessages(tx, messages, settings, now, claim),
    ]);
    task.write();
    links.write();
    queued.write();
    return { staged: queued.messages, links };
  });
  const [results] = await Promise.all([
    sendStaged(staged, settings, now),
    links.syncRest(),
    stopRemindersOfEndedTask(taskId, after),
  ]);
  return results;
}
