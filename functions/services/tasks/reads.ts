/**
 * The task reads of the scheduled jobs. Open tasks come from the `sms_open_tasks` projection
 * (services/tasks/projections); completed ones from an indexed query on `tasks` (`assignedTo ==` +
 * `completed ==` and a range on `completedAt`), never a scan. Documents are parsed as the
 * client apps wrote them; a malformed one is left out with a logged reason.
 */
import { completedTaskDocs } from "../../data/tasks";
import { isoStringBounds, type InstantWindow } from "../../domain/dateWindows";
import { openTasksOf, parseTaskDocs, type TaskDoc } from "./projections";

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
  return parseTaskDocs(await completedTaskDocs(userId, window, isoStringBounds(window)));
}
