/**
 * A `DONE` (or `TAMAM`) reply to a task reminder (docs/contract.md §6): the task meant is the one
 * the user's latest `task_overdue` named, or, after a `task_reminder`, their only open task.
 * That task is completed as the client apps complete one (`completed: true`, `completedAt`),
 * which lets every trigger downstream react as usual, and the answer is queued in the same
 * transaction: a confirmation, the list of open tasks when it is not clear which one was meant,
 * or "nothing open".
 */
import { runTransaction } from "../../data/firestore";
import { latestMessageOfTypes } from "../../data/messages";
import { completeTaskIn, readTaskIn } from "../../data/tasks";
import { loadTemplate } from "../../data/templates";
import { parseTask } from "../../domain/clientDocs";
import { formatTaskList } from "../../domain/scheduledMessages";
import type { Language } from "../../domain/templates";
import type { Channel } from "../../messaging/provider";
import type { Settings } from "../../params";
import { compose } from "../outbox/compose";
import { stageMessages, type NewMessage } from "../outbox/enqueue";
import { birthClaim } from "../outbox/born";
import { sendStaged } from "../outbox/inline";
import { doneReplyId } from "../outbox/ids";
import { openTasksOf } from "../tasks/projections";

/** The messages a DONE can answer. */
const TASK_MESSAGE_TYPES = ["task_reminder", "task_overdue"] as const;

export interface DoneReply {
  providerMessageId: string;
  phone: string;
  channel: Channel;
  userId: string;
  language: Language;
}

type Answer =
  | { templateId: "done_confirmation"; taskId: string; taskTitle: string }
  | { templateId: "done_which"; tasks: string }
  | { templateId: "done_nothing" };

/** Which task the DONE means: the overdue one named last, else the only open one. */
async function decide(reply: DoneReply): Promise<Answer> {
  const latest = await latestMessageOfTypes(reply.userId, TASK_MESSAGE_TYPES);
  const open = (await openTasksOf([reply.userId])).get(reply.userId) ?? [];
  const named = latest?.record.type === "task_overdue" ? latest.record.taskId : null;
  const meant = named ? open.find((task) => task.id === named) : open.length === 1 ? open[0] : null;
  if (meant)
    return { templateId: "done_confirmation", taskId: meant.id, taskTitle: meant.task.title };
  if (open.length === 0) return { templateId: "done_nothing" };
  const titles = open.map((task) => task.task.title);
  return { templateId: "done_which", tasks: formatTaskList(titles, reply.language) };
}

async function answerMessage(
  reply: DoneReply,
  answer: Answer,
  settings: Settings,
): Promise<NewMessage | undefined> {
  const template = await loadTemplate(answer.templateId, settings.templateCacheMs);
  if (!template) return undefined;
  const variables: Record<string, string> =
    answer.templateId === "done_confirmation"
      ? { taskTitle: answer.taskTitle }
      : answer.templateId === "done_which"
        ? { tasks: answer.tasks }
        : {};
  return {
    id: doneReplyId(reply.providerMessageId),
    to: reply.phone,
    channel: reply.channel,
    ...compose(template, reply.language, variables),
    userId: reply.userId,
    // An answer to the user's own message, like HELP.
    optOutExempt: true,
  };
}

/** Completes the task meant, if clear, and answers; safe to run twice for one reply. */
export async function handleDone(reply: DoneReply, settings: Settings, now: Date): Promise<Answer> {
  const [decided, claim] = await Promise.all([decide(reply), birthClaim(settings, now)]);
  let answer = decided;
  const staged = await runTransaction(async (tx) => {
    if (answer.templateId === "done_confirmation") {
      // Completed since the projection was read (another DONE, the app): nothing left to do.
      const parsed = parseTask((await readTaskIn(tx, answer.taskId)).data);
      if (!parsed.ok || parsed.value.completed || parsed.value.assignedTo !== reply.userId) {
        answer = { templateId: "done_nothing" };
      }
    }
    const message = await answerMessage(reply, answer, settings);
    const stage = message ? await stageMessages(tx, [message], settings, now, claim) : undefined;
    if (answer.templateId === "done_confirmation") completeTaskIn(tx, answer.taskId, now);
    stage?.write();
    return stage?.messages ?? [];
  });
  await sendStaged(staged, settings, now);
  return answer;
}
