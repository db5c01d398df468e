/**
 * The task reads of the scheduled jobs: indexed queries on `tasks` (`assignedTo ==` +
 * `completed ==`, and a range on the date asked about), never a scan. Documents are parsed as
 * the client apps wrote them; a malformed one is left out with a logged reason.
 */
import { Timestamp, type Query } from "firebase-admin/firestore";
import { COLLECTIONS, db } from "../../data/firestore";
import { parseTask, type ClientTask } from "../../domain/clientDocs";
import { isoStringBounds, type InstantWindow } from "../../domain/dateWindows";
import * as logs from "../../logs";

/** Firestore's limit on the values of one `in` filter. */
const IN_LIMIT = 30;

/** A parsed task with its id. */
export interface TaskDoc {
  id: string;
  task: ClientTask;
}

/** Parses query results, leaving out (and logging) what cannot be used. */
export function parseTaskDocs(docs: readonly FirebaseFirestore.QueryDocumentSnapshot[]): TaskDoc[] {
  const tasks: TaskDoc[] = [];
  for (const doc of docs) {
    const parsed = parseTask(doc.data());
    if (parsed.ok) tasks.push({ id: doc.id, task: parsed.value });
    else logs.skippedDocument(`${COLLECTIONS.tasks}/${doc.id}`, parsed.reason);
  }
  return tasks;
}

function assigned(userId: string, completed: boolean): Query {
  return db()
    .collection(COLLECTIONS.tasks)
    .where("assignedTo", "==", userId)
    .where("completed", "==", completed);
}

/** Every task assigned to `userId` that is not completed. */
export async function pendingTasks(userId: string): Promise<TaskDoc[]> {
  return parseTaskDocs((await assigned(userId, false).get()).docs);
}

/** Pending tasks of many users at once: one query per 30 users (Firestore's `in` limit). */
export async function pendingTasksFor(userIds: readonly string[]): Promise<Map<string, TaskDoc[]>> {
  const byUser = new Map<string, TaskDoc[]>(userIds.map((id) => [id, []]));
  const chunks: string[][] = [];
  for (let i = 0; i < userIds.length; i += IN_LIMIT) chunks.push(userIds.slice(i, i + IN_LIMIT));
  const pages = await Promise.all(
    chunks.map((ids) =>
      db()
        .collection(COLLECTIONS.tasks)
        .where("assignedTo", "in", ids)
        .where("completed", "==", false)
        .get(),
    ),
  );
  for (const page of pages) {
    for (const doc of parseTaskDocs(page.docs)) byUser.get(doc.task.assignedTo)?.push(doc);
  }
  return byUser;
}

/**
 * Completed tasks of `userId` whose `completedAt` may fall in `window`: one query with
 * Timestamp bounds, one with (widened) string bounds, since Firestore orders the two types
 * apart. The caller decides exactly, resolving each date in the user's zone.
 */
export async function completedTasksAround(
  userId: string,
  window: InstantWindow,
): Promise<TaskDoc[]> {
  const { lower, upper } = isoStringBounds(window);
  const [timestamps, strings] = await Promise.all([
    assigned(userId, true)
      .where("completedAt", ">=", Timestamp.fromDate(window.start))
      .where("completedAt", "<", Timestamp.fromDate(window.end))
      .get(),
    assigned(userId, true).where("completedAt", ">=", lower).where("completedAt", "<", upper).get(),
  ]);
  return parseTaskDocs([...timestamps.docs, ...strings.docs]);
}
