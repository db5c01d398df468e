/**
 * The reminder callables (docs/contract.md §5): `scheduleTaskReminder`, a reminder about a task
 * for its assignee; and for admins `listUpcomingReminders` and `sendReminderNow`.
 */
import { readSettings, SENDING_SECRETS } from "../params";
import { callable } from "./callable";

export const scheduleTaskReminder = callable("scheduleTaskReminder", {
  schema: () => import("./requests/reminders").then((m) => m.scheduleTaskReminderRequest),
  roles: ["admin", "partner", "student"],
  handler: async (request, caller) => {
    const { scheduleTaskReminder: schedule } = await import("../services/reminders/forTask");
    return schedule(request, caller, readSettings(), new Date());
  },
});

/** `listUpcomingReminders` (admin): the reminder runs in a window, recurrences expanded. */
export const listUpcomingReminders = callable("listUpcomingReminders", {
  schema: () => import("./requests/reminders").then((m) => m.listUpcomingRemindersRequest),
  roles: ["admin"],
  handler: async ({ from, to, userId }) => {
    const { listUpcomingReminders: list } = await import("../services/reminders/upcoming");
    return list({ from: new Date(from), to: new Date(to), userId }, readSettings());
  },
});

/** `sendReminderNow` (admin): a reminder's next occurrence, sent now, once. */
export const sendReminderNow = callable("sendReminderNow", {
  schema: () => import("./requests/reminders").then((m) => m.sendReminderNowRequest),
  roles: ["admin"],
  // The occurrence is sent from this call (services/outbox/born).
  secrets: SENDING_SECRETS,
  handler: async ({ reminderId }, caller) => {
    const { sendReminderNow: send } = await import("../services/reminders/sendNow");
    return send(reminderId, caller, readSettings(), new Date());
  },
});
