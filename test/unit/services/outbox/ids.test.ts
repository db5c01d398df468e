/**
 * Message ids are what makes a notification exactly-once across retries and deploys: a format
 * that changed would let one queued before a deploy be queued again after it. Pinned here.
 */
import {
  campaignMessageId,
  dailySummaryNowId,
  helpReplyId,
  manualMessageId,
  reminderConfirmationId,
  reminderOccurrenceId,
  scheduledMessageId,
  taskMessageId,
} from "../../../../functions/services/outbox/ids";

it.each([
  [scheduledMessageId.dailyReminder("u1", "2026-11-28"), "daily-reminder_u1_2026-11-28"],
  [scheduledMessageId.motivation("u1", "2026-11-28"), "motivation_u1_2026-11-28"],
  [scheduledMessageId.weeklyProgress("u1", "2026-W48"), "weekly-progress_u1_2026-W48"],
  [scheduledMessageId.dailySummary("u1", "2026-11-28"), "daily-summary_u1_2026-11-28"],
  [
    scheduledMessageId.taskOverdue("t1", new Date("2026-11-28T17:00:00Z")),
    "task-overdue_t1_1795885200000",
  ],
  [
    taskMessageId({ kind: "task_completed_creator", recipientId: "p_1" }, "t_1", "v1"),
    "task-completed-creator_t%5F1_p%5F1_v1",
  ],
  [reminderConfirmationId("reminder_created", "r1", "v1"), "reminder-created_r1_v1"],
  [reminderOccurrenceId("r1", "2026-11-28T09:00"), "reminder_r1_2026-11-28T09:00"],
  [helpReplyId("SM123"), "help_SM123"],
  [campaignMessageId("c1", "u1"), "campaign_c1_u1"],
  [dailySummaryNowId("u1", "2026-11-28T2105"), "daily-summary-now_u1_2026-11-28T2105"],
])("%s", (id, expected) => {
  expect(id).toBe(expected);
});

it("gives every manual send a new id", () => {
  expect(manualMessageId()).toMatch(/^manual_[0-9a-f-]{36}$/);
  expect(manualMessageId()).not.toBe(manualMessageId());
});
