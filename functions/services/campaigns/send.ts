/**
 * The send task: queue and deliver the messages of one batch of recipients. They go into the
 * outbox like every other message (enqueueBatch: creates the batch under `campaign_<campaignId>_<uid>`
 * and charges the new ones to the admin's allowance), so a redelivered task or a
 * resumed campaign never queues one twice nor charges twice. The due ones the policy would
 * send (suppressions, disabled users, the per-recipient limit, quiet hours for the non-urgent
 * `campaign` type) are created already claimed, a transaction per hundred (outbox/born), and
 * the task sends them itself, several at once; the others go through the usual claim. A
 * message the task did not get to is the sweep's (queued at once, claimed after its lease).
 * Past the admin's allowance (SMS_ADMIN_RATE_LIMIT), messages are recorded `suppressed` with
 * `sender_limit`.
 */
import { ineligibility } from "../../domain/campaigns";
import { campaignContent } from "../../domain/campaignContent";
import { toLanguage, type TemplateDefinition } from "../../domain/templates";
import { eachLimited } from "../../domain/concurrency";
import type { Settings } from "../../params";
import type { ClaimedSend, DeliveryDeps } from "../outbox/delivery";
import { deliverOne } from "../outbox/inline";
import { birthClaim } from "../outbox/born";
import { enqueueBatch, type EnqueueResult, type NewMessage } from "../outbox/enqueue";
import { recipientRows, type RecipientRow } from "../../data/recipients";
import { messagesExist } from "../../data/messages";
import { loadTemplate } from "../../data/templates";
import {
  readCampaign,
  recordSkippedRecipient,
  type CampaignRecord,
  type SkippedRecipient,
} from "../../data/campaigns";
import type { SendTask } from "./queue";
import { campaignMessageId } from "../outbox/ids";
import * as logs from "./logs";
import { deliveryError } from "../../logs";

/** Messages of a batch in delivery at once. */
const DELIVERY_CONCURRENCY = 20;

/** What the send task reads and writes, and the outbox it queues into and delivers from. */
export interface CampaignSendPort {
  /** The campaign as stored now; undefined when there is none. */
  readCampaign(campaignId: string): Promise<CampaignRecord | undefined>;
  /** The `sms_recipients` rows of these users that exist, by user id. */
  recipientRows(userIds: readonly string[]): Promise<Map<string, RecipientRow>>;
  /** The template to render for this id; undefined when there is none. */
  loadTemplate(templateId: string): Promise<TemplateDefinition | undefined>;
  /** Whether the outbox holds a message with this id, in any status. */
  messageExists(messageId: string): Promise<boolean>;
  /** Records that a planned recipient got no message (`skipped/{uid}`). */
  recordSkipped(campaignId: string, userId: string, skipped: SkippedRecipient): Promise<void>;
  /**
   * Queues messages of one sender, charging only the new ones, the due ones born claimed
   * (services/outbox/enqueue, born).
   */
  enqueueBatch(
    messages: readonly NewMessage[],
    settings: Settings,
    now: Date,
  ): Promise<EnqueueResult[]>;
  /** Sends a message claimed at birth, or claims and sends a queued one (services/outbox). */
  deliverMessage(messageId: string, deps: DeliveryDeps, claimed?: ClaimedSend): Promise<unknown>;
}

/** Firestore and the real outbox. */
export const firestoreSendPort: CampaignSendPort = {
  readCampaign,
  recipientRows,
  loadTemplate,
  messageExists: async (messageId) => (await messagesExist([messageId]))[0],
  recordSkipped: recordSkippedRecipient,
  enqueueBatch: async (messages, settings, now) =>
    enqueueBatch(messages, settings, now, await birthClaim(settings, now)),
  deliverMessage: deliverOne,
};

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
async function skip(
  recipient: Recipient,
  reason: string,
  now: Date,
  port: CampaignSendPort,
): Promise<"skipped"> {
  const { campaignId, userId, run } = recipient;
  logs.campaignRecipientSkipped(campaignId, userId, reason);
  if (!(await port.messageExists(campaignMessageId(campaignId, userId)))) {
    await port.recordSkipped(campaignId, userId, { reason, run, at: now });
  }
  return "skipped";
}

/** One recipient's message from their current row, or why they get none. */
async function prepareOne(
  recipient: Recipient,
  row: RecipientRow | undefined,
  campaign: CampaignRecord,
  template: TemplateDefinition | undefined,
  deps: { settings: Settings; now: Date; port: CampaignSendPort },
): Promise<NewMessage | "skipped"> {
  const { campaignId, userId } = recipient;
  const { settings, now, port } = deps;
  // Consent and reachability may have changed since planning; the targeting has not.
  const reason = ineligibility(userId, row, {});
  if (reason || !row?.phone) return skip(recipient, reason ?? "no valid phone number", now, port);

  const language = toLanguage(row.language, toLanguage(settings.defaultLanguage, "en"));
  const content = campaignContent(campaign, template, { name: row.name, language });
  if (!content.ok) return skip(recipient, content.reason, now, port);
  return {
    id: campaignMessageId(campaignId, userId),
    to: row.phone,
    body: content.body,
    variants: content.variants,
    type: "campaign",
    language: content.language,
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
export async function sendCampaignBatch(
  task: SendTask,
  deps: DeliveryDeps,
  port: CampaignSendPort = firestoreSendPort,
): Promise<BatchOutcome> {
  const { settings, now } = deps;
  const { campaignId, run } = task;
  const campaign = await port.readCampaign(campaignId);
  if (campaign?.status !== "running") {
    logs.campaignTaskDropped(campaignId, "send", `the campaign is ${campaign?.status ?? "gone"}`);
    return { dropped: true };
  }
  // The template is read once per batch, not per recipient.
  const [rows, template] = await Promise.all([
    port.recipientRows(task.userIds),
    campaign.templateId ? port.loadTemplate(campaign.templateId) : undefined,
  ]);
  const prepared = await Promise.all(
    task.userIds.map((userId) =>
      prepareOne({ campaignId, userId, run }, rows.get(userId), campaign, template, {
        settings,
        now,
        port,
      }),
    ),
  );
  const messages = prepared.filter((item): item is NewMessage => item !== "skipped");
  // A pause or cancel that landed while the batch rendered stops it before anything is queued.
  if ((await port.readCampaign(campaignId))?.status !== "running") {
    logs.campaignTaskDropped(campaignId, "send", "the campaign stopped running");
    return { dropped: true };
  }
  const results = await port.enqueueBatch(messages, settings, now);
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
      await port.deliverMessage(messageId, deps, queued.get(messageId)?.claimed);
    } catch (error) {
      deliveryError(messageId, error);
    }
  });
  return { dropped: false, outcomes };
}
