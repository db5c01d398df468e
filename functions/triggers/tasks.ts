/**
 * `tasks/{taskId}` written by a client app → task notifications, the jobs' projections, the
 * partner links the rules read, and the end of its reminders once it is completed or deleted.
 */
import { onDocumentWritten } from "firebase-functions/firestore";
import { readSettings, SENDING_SECRETS } from "../params";
import { writeVersion } from "./version";

// Retried on failure: every message id is deterministic, so a retry never queues twice. It
// sends the notifications it queues itself (services/tasks/taskWritten), so it binds the secrets.
export const onTaskWritten = onDocumentWritten(
  { document: "tasks/{taskId}", retry: true, secrets: SENDING_SECRETS },
  async (event) => {
    const change = event.data;
    if (!change) return;
    // Loaded on first use: every function in this codebase shares the entry point's cold start.
    const { handleTaskWrite } = await import("../services/tasks/taskWritten");
    await handleTaskWrite(
      {
        taskId: event.params.taskId,
        before: change.before.exists ? change.before.data() : null,
        after: change.after.exists ? change.after.data() : null,
        version: writeVersion(change.after, event.id),
      },
      readSettings(),
      new Date(),
    );
  },
);
