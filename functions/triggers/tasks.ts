/**
 * `tasks/{taskId}` written by a client app → task notifications, the jobs' projections, the
 * partner links the rules read, and the end of its reminders once it is completed or deleted.
 */
import { onDocumentWritten } from "firebase-functions/firestore";
import { readSettings, SENDING_SECRETS } from "../params";
import { writeVersion } from "./version";

// Retried on failure: every message id is deterministic, so a retry never queues twice. It
// sends the notifications it queues itself (services/outbox/inline), so it binds the secrets.
export const onTaskWritten = onDocumentWritten(
  { document: "tasks/{taskId}", retry: true, secrets: SENDING_SECRETS },
  async (event) => {
    const change = event.data;
    if (!change) return;
    // Loaded on first use: every function in this codebase shares the entry point's cold start.
    const [{ notifyTaskChange }, { syncTask }, { syncPartnerLinks }, { stopRemindersOfEndedTask }] =
      await Promise.all([
        import("../services/tasks/notifications"),
        import("../services/tasks/projections"),
        import("../services/tasks/partnerLinks"),
        import("../services/reminders/taskEnded"),
      ]);
    const { taskId } = event.params;
    const before = change.before.exists ? change.before.data() : null;
    const after = change.after.exists ? change.after.data() : null;
    const previousAssignee: unknown = before?.assignedTo;
    await Promise.all([
      notifyTaskChange(
        {
          taskId,
          before,
          after,
          version: writeVersion(change.after, event.id),
        },
        readSettings(),
        new Date(),
      ),
      syncTask(taskId, typeof previousAssignee === "string" ? previousAssignee : undefined),
      syncPartnerLinks(before, after),
      stopRemindersOfEndedTask(taskId, after),
    ]);
  },
);
