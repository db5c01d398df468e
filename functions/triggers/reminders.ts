/**
 * `reminders/{reminderId}` written by a client app → schedule it and confirm. It sends the
 * confirmation it queues itself (services/outbox/born), so it binds the secrets.
 */
import { onDocumentWritten } from "firebase-functions/firestore";
import { readSettings, SENDING_SECRETS } from "../params";
import { writeVersion } from "./version";

export const onReminderWritten = onDocumentWritten(
  { document: "reminders/{reminderId}", retry: true, secrets: SENDING_SECRETS },
  async (event) => {
    const change = event.data;
    if (!change) return;
    const { handleReminderChange } = await import("../services/reminders/changes");
    await handleReminderChange(
      {
        reminderId: event.params.reminderId,
        before: change.before.exists ? (change.before.data() ?? null) : null,
        after: change.after.exists ? (change.after.data() ?? null) : null,
        version: writeVersion(change.after, event.id),
        updateTime: change.after.exists ? change.after.updateTime : undefined,
      },
      readSettings(),
      new Date(),
    );
  },
);
