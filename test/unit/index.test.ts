/**
 * The entry point loads (as the Functions runtime loads it, without credentials or clock) and
 * exports the functions of docs/contract.md §5–6 under their public names.
 */
import * as functions from "../../functions/index";

describe("functions/index", () => {
  it.each([
    "onTaskWritten",
    "onUserWritten",
    "onReminderWritten",
    "onMessageCreated",
    "onMailWritten",
    "sweepOutboxJob",
    "dueRemindersJob",
    "dailyRemindersJob",
    "motivationJob",
    "weeklyProgressJob",
    "overdueJob",
    "dailySummaryJob",
    "twilioStatusCallback",
    "twilioInbound",
    "runJob",
    "sendDailySummary",
    "validatePhone",
    "listTemplates",
    "saveTemplate",
    "deleteTemplate",
    "previewTemplate",
    "getSmsStats",
    "sendSms",
    "sendBulkSms",
    "cancelScheduledSms",
    "getSmsStatus",
    "getSmsHistory",
    "scheduleTaskReminder",
    "listUpcomingReminders",
    "sendReminderNow",
    "getConversation",
    "replyToConversation",
    "createCampaign",
    "executeCampaign",
    "pauseCampaign",
    "resumeCampaign",
    "cancelCampaign",
    "getCampaignStatus",
    "listCampaigns",
    "campaignPlanner",
    "campaignSend",
    "dueCampaignsJob",
    "addSuppression",
    "removeSuppression",
    "listSuppressions",
    "importSuppressions",
    "reconcileJob",
    "getCostReport",
    "getSystemHealth",
    "healthz",
    "monitorJob",
  ])("exports %s as a deployable function", (name) => {
    const fn = (functions as Record<string, unknown>)[name] as { __endpoint?: object } | undefined;
    expect(fn?.__endpoint).toEqual(expect.objectContaining({ platform: "gcfv2" }));
  });
});
