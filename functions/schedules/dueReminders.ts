/** Every minute: send the reminders whose `nextRunAt` has come. */
import { onSchedule } from "firebase-functions/scheduler";
import { readSettings } from "../params";
import { scheduledNow } from "./scheduledNow";

export const dueRemindersJob = onSchedule(
  { schedule: "every 1 minutes", timeoutSeconds: 300 },
  async (event) => {
    const { dispatchDueReminders } = await import("../services/reminderDispatch");
    await dispatchDueReminders(readSettings(), scheduledNow(event.scheduleTime));
  },
);
