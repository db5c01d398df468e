/**
 * The task reads of the scheduled jobs. Open tasks come from the `sms_open_tasks` projection
 * (services/tasks/projections); completed ones from an indexed query on `tasks` (`assignedTo ==` +
 * `completed ==` and a range on `completedAt`), never a scan. Documents are parsed as the
 * client apps wrote them; a malformed one is left out with a logged reason.
 */
import { tasksCollection } from "../../data/refs";
import { Timestamp, type Query } from "firebase-admin/firestore";
import { isoStringBounds, type InstantWindow } from "../../domain/dateWindows";
import { openTasksOf, parseTaskDocs, type TaskDoc } from "./projections";

function assigned(userId: string, completed: boolean): Query {
  return tasksCollection().where("assignedTo", "==", userId).where("completed", "==", completed);
}

/** The open tasks of one user (their `sms_open_tasks` document). */
export async function pendingTasks(userId: string): Promise<TaskDoc[]> {
  return (await openTasksOf([userId])).get(userId) ?? [];
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
