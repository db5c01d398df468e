/**
 * The deployed functions. Definitions live beside their adapters; nothing else happens here.
 */
import { setGlobalOptions } from "firebase-functions/options";

setGlobalOptions({ region: "us-central1", maxInstances: 10 });

export { onTaskWritten } from "./triggers/tasks";
export { onUserWritten } from "./triggers/users";
export { onReminderWritten } from "./triggers/reminders";
export { onMessageCreated } from "./triggers/outbox";
export { onMailWritten } from "./triggers/mail";
export {
  dailyRemindersJob,
  motivationJob,
  weeklyProgressJob,
  overdueJob,
  dailySummaryJob,
  dueRemindersJob,
  sweepOutboxJob,
  dueCampaignsJob,
} from "./schedules/jobs";
export { twilioStatusCallback, twilioInbound } from "./webhooks/twilio";
export { runJob } from "./api/runJob";
export { setUserRole } from "./api/users";
export { scheduleTaskReminder } from "./api/reminders";
export { sendDailySummary } from "./api/sendDailySummary";
export { validatePhone } from "./api/validatePhone";
export { listTemplates, saveTemplate, deleteTemplate, previewTemplate } from "./api/templates";
export { getSmsStats } from "./api/stats";
export {
  sendSms,
  sendBulkSms,
  cancelScheduledSms,
  getSmsStatus,
  getSmsHistory,
  getConversation,
  replyToConversation,
} from "./api/messages";
export {
  createCampaign,
  executeCampaign,
  pauseCampaign,
  resumeCampaign,
  cancelCampaign,
  getCampaignStatus,
  listCampaigns,
} from "./api/campaigns";
export { campaignPlanner, campaignSend } from "./queues/campaigns";
export {
  addSuppression,
  removeSuppression,
  listSuppressions,
  importSuppressions,
} from "./api/suppressions";
export { listUpcomingReminders, sendReminderNow } from "./api/reminders";
export { getCostReport } from "./api/costs";
export { reconcileJob } from "./schedules/jobs";
export { getSystemHealth } from "./api/health";
export { healthz } from "./webhooks/healthz";
export { monitorJob } from "./schedules/jobs";
