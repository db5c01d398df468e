/** `reminders/{reminderId}` written by a client app → schedule it and confirm. */
import { onDocumentWritten } from "firebase-functions/firestore";
import { readSettings } from "../params";
import { writeVersion } from "./version";

export const onReminderWritten = onDocumentWritten(
  { document: "reminders/{reminderId}", retry: true },
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
