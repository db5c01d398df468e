/**
 * The A/B variant of a message, chosen where the outbox records it: here the message id is
 * known for every path (compose, which renders the variants, is called before it is), and a
 * retried job or redelivered trigger, which queues the same id, gets the same variant.
 */
import type { MessageRecord } from "../../data/messages";
import { chooseVariant, type RenderedVariant } from "../../domain/templateVariants";
import { buildMessageRecord, type NewMessage as PlainMessage } from "./record";

/**
 * A notification ready to queue: recipient as found (any phone format), body rendered, and,
 * when its template has variants, each of them rendered (services/outbox/compose).
 */
export interface NewMessage extends PlainMessage {
  variants?: readonly RenderedVariant[];
}

type RecordSettings = Parameters<typeof buildMessageRecord>[1];

/**
 * The outbox record of `message` (./record): with variants, the one its id chooses gives the
 * body and language, and is recorded as `variant`; without, the message is recorded as it is.
 */
export function buildVariantRecord(
  message: NewMessage,
  settings: RecordSettings,
  now: Date,
): MessageRecord {
  const { variants, ...plain } = message;
  const chosen = chooseVariant(variants ?? [], message.id);
  if (!chosen) return buildMessageRecord(plain, settings, now);
  const { body, language } = chosen;
  return { ...buildMessageRecord({ ...plain, body, language }, settings, now), variant: chosen.id };
}
