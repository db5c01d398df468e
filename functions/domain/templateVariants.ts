/**
 * Template variants (A/B tests): which variant a message gets, and each variant's text. The
 * choice is a function of the message id alone, so a retried trigger, job or batch, which
 * queues the same id, always picks the same variant, whatever process or order it runs in.
 * Pure (node:crypto only).
 */
import { createHash } from "node:crypto";
import { pickContent, renderTemplate, type Language, type TemplateVariant } from "./templates";

/** A variant id: short, and safe in a Firestore field value, a log line and a URL. */
export const VARIANT_ID_PATTERN = /^[A-Za-z0-9_-]{1,20}$/;

/** The most variants one template may have; each costs a dozen count queries in the stats. */
export const MAX_VARIANTS = 5;

// 48 bits: the most a double holds exactly; far finer than any weight anyone will set.
const POINT_BYTES = 6;
const POINT_RANGE = 2 ** (8 * POINT_BYTES);

/**
 * Where a message id falls in [0, 1): the first 48 bits of its SHA-256. A cryptographic hash,
 * so ids that differ by one character (`campaign_c1_u1`, `campaign_c1_u2`) land independently.
 */
export function variantPoint(messageId: string): number {
  const digest = createHash("sha256").update(messageId, "utf8").digest();
  return digest.readUIntBE(0, POINT_BYTES) / POINT_RANGE;
}

/**
 * The variant of the message `messageId`: the variants split [0, 1) in their order, each in
 * proportion to its weight, and the message gets the one its point falls in. Undefined when
 * there are none. Variants whose weight is not a positive number (never a validated template)
 * get no share; when none has a valid weight, the first is used.
 */
export function chooseVariant<V extends Pick<TemplateVariant, "weight">>(
  variants: readonly V[],
  messageId: string,
): V | undefined {
  if (variants.length === 0) return undefined;
  const shareOf = (variant: V) =>
    Number.isFinite(variant.weight) && variant.weight > 0 ? variant.weight : 0;
  const total = variants.reduce((sum, variant) => sum + shareOf(variant), 0);
  if (total === 0) return variants[0];
  const target = variantPoint(messageId) * total;
  let reached = 0;
  for (const variant of variants) {
    reached += shareOf(variant);
    if (target < reached) return variant;
  }
  // Only rounding can leave the target at the very end: it belongs to the last real share.
  return [...variants].reverse().find((variant) => shareOf(variant) > 0);
}

/** One variant rendered for a recipient, ready for the outbox to choose from. */
export interface RenderedVariant {
  id: string;
  weight: number;
  body: string;
  /** The language used: the reader's, else the variant's English (as for any template). */
  language: Language;
}

/**
 * Every variant rendered for a reader of `language` with `variables`. All are rendered (not
 * only the one chosen later, by message id) so that a missing variable fails the same way
 * whichever variant a recipient would have got.
 *
 * @throws TemplateVariableError when a placeholder has no value.
 */
export function renderVariants(
  variants: readonly TemplateVariant[],
  language: Language,
  variables: Record<string, string | number>,
): RenderedVariant[] {
  return variants.map((variant) => {
    const picked = pickContent(variant.content, language);
    return {
      id: variant.id,
      weight: variant.weight,
      body: renderTemplate(picked.text, variables),
      language: picked.language,
    };
  });
}
