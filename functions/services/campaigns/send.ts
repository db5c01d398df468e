/**
 * The send task: queue and deliver the messages of one batch of recipients. They go into the
 * outbox like every other message (enqueueBatch: creates the batch under `campaign_<campaignId>_<uid>`
 * and charges the new ones to the admin's allowance), so a redelivered task or a
 * resumed campaign never queues one twice nor charges twice; the task then
 * delivers them itself, several at once (deliverMessage: the usual claim and policy, i.e.
 * suppressions, disabled users, the per-recipient limit, quiet hours for the non-urgent
 * `campaign` type), rather than one outbox trigger at a time. A message the task did not get
 * to stays queued and the sweep sends it. Past the admin's allowance (SMS_ADMIN_RATE_LIMIT),
 * messages are recorded `suppressed` with `sender_limit`.
 */
import { Timestamp } from "firebase-admin/firestore";
import { NotFoundError, RequestError } from "../../errors";
import { messageRef } from "../../data/messages";
import { ineligibility, recipientVariables } from "../../domain/campaigns";
import { toLanguage, type TemplateDefinition } from "../../domain/templates";
import { eachLimited } from "../../domain/concurrency";
import type { Settings } from "../../params";
import { deliverMessage, type DeliveryDeps } from "../outbox/delivery";
import { render, templateFor, type Content } from "../messages/manualSend";
import { enqueueBatch, type NewMessage } from "../outbox/enqueue";
import { recipientRows, type RecipientRow } from "../../data/recipients";
import type { SendTask } from "./queue";
import { campaignRef, skippedRef, type CampaignRecord } from "./store";
import { campaignMessageId } from "../outbox/ids";
import * as logs from "./logs";
import { deliveryError } from "../../logs";

/** Messages of a batch in delivery at once. */
const DELIVERY_CONCURRENCY = 20;

export type SendOutcome = "queued" | "already-queued" | "skipped";

/** What became of a batch: `dropped` when the campaign was not running. */
export type BatchOutcome = { dropped: true } | { dropped: false; outcomes: SendOutcome[] };

interface Recipient {
  campaignId: string;
  userId: string;
  run: number;
}

/**
 * Records that a planned recipient got no message, so the campaign can complete; not when a
 * message from an earlier run exists (that one counts).
 */
async function skip(recipient: Recipient, reason: string, now: Date): Promise<"skipped"> {
  const { campaignId, userId, run } = recipient;
  logs.campaignRecipientSkipped(campaignId, userId, reason);
  const existing = await messageRef(campaignMessageId(campaignId, userId)).get();
  if (!existing.exists) {
    await skippedRef(campaignId, userId).set({ reason, run, at: Timestamp.fromDate(now) });
  }
  return "skipped";
}

/** The campaign's template, read once per batch, or why it cannot be used. */
type TemplateLookup = { template: TemplateDefinition | undefined } | { missing: string };

async function lookUpTemplate(campaign: CampaignRecord): Promise<TemplateLookup> {
  if (!campaign.templateId) return { template: undefined };
  try {
    return { template: await templateFor({ templateId: campaign.templateId, variables: {} }) };
  } catch (error) {
    // Deleted since the campaign was created.
    if (error instanceof NotFoundError) return { missing: error.message };
    throw error;
  }
}

/** One recipient's message from their current row, or why they get none. */
async function prepareOne(
  recipient: Recipient,
  row: RecipientRow | undefined,
  campaign: CampaignRecord,
  lookup: TemplateLookup,
  settings: Settings,
  now: Date,
): Promise<NewMessage | "skipped"> {
  const { campaignId, userId } = recipient;
  // Consent and reachability may have changed since planning; the targeting has not.
  const reason = ineligibility(userId, row, {});
  if (reason || !row?.phone) return skip(recipient, reason ?? "no valid phone number", now);

  const language = toLanguage(row.language, toLanguage(settings.defaultLanguage, "en"));
  const content: Content = campaign.templateId
    ? {
        templateId: campaign.templateId,
        variables: { ...recipientVariables(row.name, language), ...campaign.variables },
      }
    : { message: campaign.body ?? "" };
  if ("missing" in lookup) return skip(recipient, lookup.missing, now);
  let rendered: { body: string; language: typeof language };
  try {
    rendered = render(content, lookup.template, language);
  } catch (error) {
    // The template changed since the campaign was created and now needs another variable.
    if (error instanceof RequestError) return skip(recipient, error.message, now);
    throw error;
  }
  return {
    id: campaignMessageId(campaignId, userId),
    to: row.phone,
    body: rendered.body,
    type: "campaign",
    language: rendered.language,
    userId,
    campaignId,
    templateId: campaign.templateId ?? undefined,
    deliveredInline: true,
    // Only admins create campaigns; their messages count against the admin allowance.
    sender: { uid: campaign.createdBy, role: "admin" },
    timeZone: row.timeZone,
  };
}

/**
 * Queues the messages of a batch, all at once, then delivers them; throws (to have the whole
 * batch retried, which queues and sends nothing twice) only on unexpected errors.
 */
export async function sendCampaignBatch(task: SendTask, deps: DeliveryDeps): Promise<BatchOutcome> {
  const { settings, now } = deps;
  const { campaignId, run } = task;
  const campaign = (await campaignRef(campaignId).get()).data() as CampaignRecord | undefined;
  if (campaign?.status !== "running") {
    logs.campaignTaskDropped(campaignId, "send", `the campaign is ${campaign?.status ?? "gone"}`);
    return { dropped: true };
  }
  const [rows, lookup] = await Promise.all([recipientRows(task.userIds), lookUpTemplate(campaign)]);
  const prepared = await Promise.all(
    task.userIds.map((userId) =>
      prepareOne({ campaignId, userId, run }, rows.get(userId), campaign, lookup, settings, now),
    ),
  );
  const messages = prepared.filter((item): item is NewMessage => item !== "skipped");
  // A pause or cancel that landed while the batch rendered stops it before anything is queued.
  if ((await campaignRef(campaignId).get()).get("status") !== "running") {
    logs.campaignTaskDropped(campaignId, "send", "the campaign stopped running");
    return { dropped: true };
  }
  const results = await enqueueBatch(messages, settings, now);
  const queued = new Map(results.map((result) => [result.messageId, result]));
  const outcomes = prepared.map((item): SendOutcome => {
    if (item === "skipped") return "skipped";
    return queued.get(item.id)?.created ? "queued" : "already-queued";
  });
  // Already-queued ones too: a retried batch delivers what its first attempt did not.
  const toDeliver = task.userIds.filter((_, i) => outcomes[i] !== "skipped");
  await eachLimited(toDeliver, DELIVERY_CONCURRENCY, async (userId) => {
    const messageId = campaignMessageId(campaignId, userId);
    try {
      await deliverMessage(messageId, deps);
    } catch (error) {
      deliveryError(messageId, error);
    }
  });
  return { dropped: false, outcomes };
}
