/**
 * How each A/B variant of a template did: its messages by status, delivery rate, and the
 * opt-outs and DONE replies that answered them (`sms_inbound` records the answered message's
 * template, campaign and variant). Aggregation queries only: about a dozen per variant
 * (statuses and two reply kinds), never a read per message.
 */
import { countVariantMessages, type CreatedRange } from "../../data/messageStats";
import { countVariantReplies } from "../../data/inbound";
import { MESSAGE_STATUSES, type MessageStatus } from "../../domain/messageStatus";
import { variantStats, type VariantStats } from "../../domain/smsStats";
import type { TemplateVariant } from "../../domain/templates";

export type { VariantStats } from "../../domain/smsStats";

/** Whose messages: a template's, created in a range; or a campaign's. */
export type VariantScope = { templateId: string; range: CreatedRange } | { campaignId: string };

/** The counts the breakdown needs; tests pass an in-memory one. */
export interface VariantCounter {
  /** Messages of the variant in the scope, in `status`. */
  countMessages(scope: VariantScope, variant: string, status: MessageStatus): Promise<number>;
  /** Replies of `keyword` (`stop`, `done`) answering a message of the variant in the scope. */
  countReplies(scope: VariantScope, variant: string, keyword: "stop" | "done"): Promise<number>;
}

/** Firestore aggregation queries (data/messageStats, data/inbound). */
export const firestoreVariantCounter: VariantCounter = {
  countMessages: (scope, variant, status) => countVariantMessages({ ...scope, variant }, status),
  countReplies: (scope, variant, keyword) =>
    countVariantReplies(
      "campaignId" in scope
        ? { campaignId: scope.campaignId, variant }
        : {
            templateId: scope.templateId,
            variant,
            answeredFrom: scope.range.start,
            answeredUntil: scope.range.end,
          },
      keyword,
    ),
};

/** The statistics of each variant, in the template's order; all queries run together. */
export async function variantBreakdown(
  variants: readonly Pick<TemplateVariant, "id" | "weight">[],
  scope: VariantScope,
  counter: VariantCounter = firestoreVariantCounter,
): Promise<VariantStats[]> {
  return Promise.all(
    variants.map(async ({ id, weight }) => {
      const [optOuts, doneReplies, ...counts] = await Promise.all([
        counter.countReplies(scope, id, "stop"),
        counter.countReplies(scope, id, "done"),
        ...MESSAGE_STATUSES.map((status) => counter.countMessages(scope, id, status)),
      ]);
      const byStatus = Object.fromEntries(
        MESSAGE_STATUSES.map((status, i) => [status, counts[i]]),
      ) as Record<MessageStatus, number>;
      return variantStats({ variant: id, weight, byStatus, optOuts, doneReplies });
    }),
  );
}
