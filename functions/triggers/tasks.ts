/** `tasks/{taskId}` written by a client app → task notifications. */
import { onDocumentWritten } from "firebase-functions/firestore";
import { readSettings } from "../params";
import { writeVersion } from "./version";

// Retried on failure: every message id is deterministic, so a retry never queues twice.
export const onTaskWritten = onDocumentWritten(
  { document: "tasks/{taskId}", retry: true },
  async (event) => {
    const change = event.data;
    if (!change) return;
    // Loaded on first use: every function in this codebase shares the entry point's cold start.
    const { notifyTaskChange } = await import("../services/taskNotifications");
    await notifyTaskChange(
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
