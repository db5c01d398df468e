/**
 * Notify on task change: turns one write of a `tasks` document into the messages it causes
 * (task_created, task_updated, task_completed), rendered in each recipient's language and
 * time zone, under deterministic ids; ./taskWritten queues and sends them.
 */
import { readUserDoc } from "../../data/users";
import { taskMessageId } from "../outbox/ids";
import { COLLECTIONS } from "../../data/firestore";
import { loadTemplate } from "../../data/templates";
import {
  parseTask,
  parseUser,
  toInstant,
  type ClientTask,
  type Parsed,
} from "../../domain/clientDocs";
import { formatLocalDateTime } from "../../domain/localTime";
import { firstName, UNNAMED_STUDENT } from "../../domain/names";
import { taskNotifications, type TaskNotification } from "../../domain/taskNotifications";
import {
  PHRASES,
  renderTemplate,
  TemplateVariableError,
  type TemplateDefinition,
} from "../../domain/templates";
import { compose, type Composed } from "../outbox/compose";
import type { Settings } from "../../params";
import type { Sender } from "../../domain/allowance";
import { taskAuthority } from "../../domain/authority";
import { roleOfAccount } from "../users/authority";
import type { NewMessage } from "../outbox/enqueue";
import { loadRecipient, type Recipient } from "../recipients/lookup";
import * as logs from "../../logs";

export interface TaskChange {
  taskId: string;
  /** The document data before and after the write; null when it did not exist. */
  before: unknown | null;
  after: unknown | null;
  /** Identifies this write (the document's update time), see `taskMessageId`. */
  version: string;
}

async function userName(userId: string | undefined): Promise<string | undefined> {
  if (!userId) return undefined;
  const parsed = parseUser((await readUserDoc(userId)) ?? {});
  return parsed.ok ? parsed.value.name : undefined;
}

async function variablesFor(
  notification: TaskNotification,
  task: ClientTask,
  recipient: Recipient,
): Promise<Record<string, string>> {
  const { language, timeZone, user } = recipient;
  const phrases = PHRASES[language];
  const name = firstName(user.name, language);
  switch (notification.kind) {
    case "task_created":
    case "task_updated": {
      const deadline = task.deadline
        ? formatLocalDateTime(toInstant(task.deadline, timeZone), timeZone, language)
        : phrases.noDeadline;
      return { name, taskTitle: task.title, deadline };
    }
    case "task_completed": {
      const days = user.daily_streak ?? 0;
      const streak = days > 0 ? renderTemplate(phrases.streak, { days }) : phrases.noStreak;
      return { name, taskTitle: task.title, streak };
    }
    case "task_completed_creator": {
      const studentName = (await userName(task.assignedTo)) ?? UNNAMED_STUDENT[language];
      return { name, studentName, taskTitle: task.title };
    }
  }
}

/** What a notification is rendered from: its recipient and its template. */
type Loaded = [Parsed<Recipient>, TemplateDefinition | undefined];

/** The message one notification becomes, or undefined (logged) when it cannot be sent. */
async function messageFor(
  notification: TaskNotification,
  change: TaskChange,
  task: ClientTask,
  author: Sender | undefined,
  [recipient, template]: Loaded,
): Promise<NewMessage | undefined> {
  const context = `${notification.kind} of tasks/${change.taskId}`;
  if (!recipient.ok) {
    logs.skippedRecipient(context, notification.recipientId, recipient.reason);
    return undefined;
  }
  if (!template) {
    logs.skippedRecipient(context, notification.recipientId, "no template");
    return undefined;
  }
  let composed: Composed;
  try {
    const variables = await variablesFor(notification, task, recipient.value);
    composed = compose(template, recipient.value.language, variables);
  } catch (error) {
    if (!(error instanceof TemplateVariableError)) throw error;
    logs.skippedRecipient(context, notification.recipientId, error.message);
    return undefined;
  }
  return {
    id: taskMessageId(notification, change.taskId, change.version),
    to: recipient.value.phone,
    ...composed,
    userId: notification.recipientId,
    taskId: change.taskId,
    // Completing is the assignee's doing; creating and editing, the author's.
    sender: notification.kind.startsWith("task_completed")
      ? { uid: task.assignedTo, role: undefined }
      : author,
    timeZone: recipient.value.timeZone,
  };
}

/**
 * The messages one task write causes, rendered and addressed (not yet queued); none for a
 * malformed document or an author without authority over the assignee.
 */
export async function taskNotificationMessages(
  change: TaskChange,
  settings: Settings,
): Promise<NewMessage[]> {
  const path = `${COLLECTIONS.tasks}/${change.taskId}`;
  if (change.after === null) return [];
  const after = parseTask(change.after);
  if (!after.ok) {
    logs.skippedDocument(path, after.reason);
    return [];
  }
  // A previous version that could not be parsed was never notified: treat it as absent.
  const before = change.before === null ? null : parseTask(change.before);
  const notifications = taskNotifications(before?.ok ? before.value : null, after.value);
  if (notifications.length === 0) return [];
  const { assignedTo, createdBy } = after.value;
  // Started together, so the author, the recipients and the templates take one round trip.
  const [authorRole, loaded] = await Promise.all([
    createdBy && createdBy !== assignedTo ? roleOfAccount(createdBy) : undefined,
    Promise.all(
      notifications.map((notification): Promise<Loaded> =>
        Promise.all([
          loadRecipient(notification.recipientId, settings),
          loadTemplate(notification.kind, settings.templateCacheMs),
        ]),
      ),
    ),
  ]);
  const authority = taskAuthority({ assignedTo, createdBy, authorRole });
  if (!authority.ok) {
    logs.refusedDocument(path, authority.reason);
    return [];
  }
  const messages = await Promise.all(
    notifications.map((notification, i) =>
      messageFor(notification, change, after.value, authority.sender, loaded[i]),
    ),
  );
  return messages.filter((message): message is NewMessage => message !== undefined);
}
