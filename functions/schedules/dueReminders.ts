/** Every minute: send the reminders whose `nextRunAt` has come. */
import { onSchedule } from "firebase-functions/scheduler";
import { readSettings } from "../params";

export const dueRemindersJob = onSchedule(
  { schedule: "every 1 minutes", timeoutSeconds: 300 },
  async (event) => {
    const { dispatchDueReminders } = await import("../services/reminderDispatch");
    // As of the scheduled time (see outboxSweep): a run fired by hand acts as of its time.
    const now = new Date(event.scheduleTime);
    await dispatchDueReminders(readSettings(), isNaN(now.getTime()) ? new Date() : now);
  },
);
