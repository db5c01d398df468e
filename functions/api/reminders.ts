/** `scheduleTaskReminder`: a reminder about a task for its assignee (docs/contract.md §5). */
import { readSettings } from "../params";
import { callable } from "./callable";

export const scheduleTaskReminder = callable("scheduleTaskReminder", {
  schema: () => import("./requests/reminders").then((m) => m.scheduleTaskReminderRequest),
  roles: ["admin", "partner", "student"],
  handler: async (request, caller) => {
    const { scheduleTaskReminder: schedule } = await import("../services/reminders/forTask");
    return schedule(request, caller, readSettings(), new Date());
  },
});
