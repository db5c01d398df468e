/**
 * The send task: queue one recipient's campaign message. It goes into the outbox like every
 * other message (enqueueMessage), under `campaign_<campaignId>_<uid>` with create(), so a
 * redelivered task or a resumed campaign never queues it twice; delivery then applies the
 * usual policy (suppressions, disabled users, the per-recipient limit, quiet hours for the
 * non-urgent `campaign` type). Campaign sends do not count against the per-sender limit of
 * the callables: nothing here checks it.
 */
import { Timestamp } from "firebase-admin/firestore";
import { NotFoundError, RequestError } from "../../api/callable";
import { db } from "../../data/firestore";
import { messageRef } from "../../data/messages";
import { ineligibility, recipientVariables } from "../../domain/campaigns";
import { toLanguage } from "../../domain/templates";
import type { Settings } from "../../params";
import { render, templateFor, type Content } from "../manualSend";
import { enqueueMessage } from "../outbox";
import { RECIPIENTS, type RecipientRow } from "../recipientIndex";
import type { SendTask } from "./queue";
import { campaignMessageId, campaignRef, skippedRef, type CampaignRecord } from "./store";
import * as logs from "./logs";

export type SendOutcome = "queued" | "already-queued" | "skipped" | "dropped";

/**
 * Records that a planned recipient got no message, so the campaign can complete; not when a
 * message from an earlier run exists (that one counts).
 */
async function skip(task: SendTask, reason: string, now: Date): Promise<SendOutcome> {
  logs.campaignRecipientSkipped(task.campaignId, task.userId, reason);
  const existing = await messageRef(campaignMessageId(task.campaignId, task.userId)).get();
  if (!existing.exists) {
    await skippedRef(task.campaignId, task.userId).set({
      reason,
      run: task.run,
      at: Timestamp.fromDate(now),
    });
  }
  return "skipped";
}

/** Queues the message of one recipient; throws (to be retried) only on unexpected errors. */
export async function sendCampaignMessage(
  task: SendTask,
  settings: Settings,
  now: Date,
): Promise<SendOutcome> {
  const { campaignId, userId } = task;
  const campaign = (await campaignRef(campaignId).get()).data() as CampaignRecord | undefined;
  if (campaign?.status !== "running") {
    logs.campaignTaskDropped(campaignId, "send", `the campaign is ${campaign?.status ?? "gone"}`);
    return "dropped";
  }
  const row = (await db().collection(RECIPIENTS).doc(userId).get()).data() as
    RecipientRow | undefined;
  // Consent and reachability may have changed since planning; the targeting has not.
  const reason = ineligibility(userId, row, {});
  if (reason || !row?.phone) return skip(task, reason ?? "no valid phone number", now);

  const language = toLanguage(row.language, toLanguage(settings.defaultLanguage, "en"));
  const content: Content = campaign.templateId
    ? {
        templateId: campaign.templateId,
        variables: { ...recipientVariables(row.name, language), ...campaign.variables },
      }
    : { message: campaign.body ?? "" };
  let rendered: { body: string; language: typeof language };
  try {
    rendered = render(content, await templateFor(content), language);
  } catch (error) {
    // The template was deleted or changed since the campaign was created.
    if (error instanceof NotFoundError || error instanceof RequestError) {
      return skip(task, error.message, now);
    }
    throw error;
  }
  const result = await enqueueMessage(
    {
      id: campaignMessageId(campaignId, userId),
      to: row.phone,
      body: rendered.body,
      type: "campaign",
      language: rendered.language,
      userId,
      campaignId,
      templateId: campaign.templateId ?? undefined,
      createdBy: campaign.createdBy,
      timeZone: row.timeZone,
    },
    settings,
    now,
  );
  return result.created ? "queued" : "already-queued";
}
