/**
 * `getSmsStats`: counts, delivery rate and cost of the messages created in a range, from
 * aggregation queries (data/messageStats), never by reading the messages; with a template id,
 * also how each of its A/B variants did (./variantStats).
 */
import { NotFoundError } from "../../errors";
import { builtInTemplate, savedTemplate } from "../../data/templates";
import { countCreated, type CountedField, type CreatedRange } from "../../data/messageStats";
import { MESSAGE_STATUSES, type MessageStatus } from "../../domain/messageStatus";
import { deliveryRate, type SmsCost } from "../../domain/smsStats";
import { MESSAGE_TYPES } from "../../domain/templateRules";
import type { MessageType } from "../../domain/templates";
import type { ProviderName } from "../../messaging/provider";
import { variantBreakdown, type VariantStats } from "./variantStats";
import { costOf } from "./cost";

// A Record over the union makes the compiler insist on every provider, and on no other.
const PROVIDERS: Record<ProviderName, true> = { twilio: true, sns: true, console: true };
const PROVIDER_NAMES = Object.keys(PROVIDERS) as ProviderName[];

/** The `getSmsStats` response. Every status, type and provider is present, 0 when unused. */
export interface SmsStats {
  total: number;
  byStatus: Record<MessageStatus, number>;
  byType: Record<MessageType, number>;
  byProvider: Record<ProviderName, number>;
  /** delivered / (delivered + undelivered + failed), from 0 to 1; 0 when none settled. */
  deliveryRate: number;
  /** What the providers reported, plus SNS estimates; `cost.estimated` is the estimated part. */
  cost: SmsCost;
  /**
   * Only when asked with a `templateId`: each of the template's variants (as saved now,
   * even while inactive), over its messages created in the range; empty without variants.
   */
  byVariant?: VariantStats[];
}

/** Counts per value of `field`, one aggregation query each, run together. */
async function countsBy<Value extends string>(
  range: CreatedRange,
  field: CountedField,
  values: readonly Value[],
): Promise<Record<Value, number>> {
  const counts = await Promise.all(values.map((value) => countCreated(range, { field, value })));
  return Object.fromEntries(values.map((value, i) => [value, counts[i]])) as Record<Value, number>;
}

/**
 * The variants of the template's messages in the range.
 *
 * @throws NotFoundError when there is no template with this id, saved or built in.
 */
async function byVariantOf(templateId: string, range: CreatedRange): Promise<VariantStats[]> {
  const saved = await savedTemplate(templateId);
  if (!saved && !builtInTemplate(templateId)) throw new NotFoundError(`No template ${templateId}.`);
  return variantBreakdown(saved?.variants ?? [], { templateId, range });
}

/** Statistics of the messages created in `[start, end)`; per variant of `templateId`, if given. */
export async function smsStats(start: Date, end: Date, templateId?: string): Promise<SmsStats> {
  const range = { start, end };
  const [total, byStatus, byType, byProvider, cost, byVariant] = await Promise.all([
    countCreated(range),
    countsBy(range, "status", MESSAGE_STATUSES),
    countsBy(range, "type", MESSAGE_TYPES),
    countsBy(range, "provider", PROVIDER_NAMES),
    costOf({ range }),
    templateId === undefined ? undefined : byVariantOf(templateId, range),
  ]);
  return {
    total,
    byStatus,
    byType,
    byProvider,
    deliveryRate: deliveryRate(byStatus),
    cost,
    ...(byVariant === undefined ? {} : { byVariant }),
  };
}
