/**
 * The provider port: the only thing the rest of the backend knows about SMS vendors.
 * Adapters (twilio, sns, console) implement it; the failover wrapper composes them.
 */
import type { ErrorKind } from "../domain/providerErrors";
import type { DeliveryReceipt } from "../domain/reconciliation";

export type { DeliveryReceipt } from "../domain/reconciliation";

export type ProviderName = "twilio" | "sns" | "console";
export type Channel = "sms" | "whatsapp" | "voice";
/**
 * What a message can go on: a provider's channel, or email, which no provider carries (it is
 * handed to the Trigger Email extension; services/outbox/email).
 */
export type MessageChannel = Channel | "email";

/** A message ready to leave: number already E.164, body already rendered. */
export interface OutboundMessage {
  to: string;
  body: string;
  channel: Channel;
  /** BCP-47-ish language of the body (`en`, `tr`), used for voice. */
  language?: string;
  /** Our message id, for logs and provider-side correlation. */
  messageId?: string;
  /** The body is a secret (a sign-in code): adapters must never log it. */
  sensitive?: boolean;
}

export interface SendResult {
  provider: ProviderName;
  providerMessageId: string;
  /** The provider's own status at acceptance (`queued`, `accepted`, ...). */
  providerStatus?: string;
  price?: number;
  priceUnit?: string;
}

export interface SmsProvider {
  readonly name: ProviderName;
  /** Channels this provider can carry; failover skips a fallback that cannot carry the message. */
  readonly channels: readonly Channel[];
  send(message: OutboundMessage): Promise<SendResult>;
}

/** A failed send, already classified: `retryable` decides failover and backoff. */
export class ProviderError extends Error {
  constructor(
    readonly provider: ProviderName,
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly userMessage: string,
    readonly retryable: boolean,
    /**
     * The provider was not called at all (its circuit is open): try again no earlier than this,
     * and do not count the try as an attempt.
     */
    readonly notCalledUntil?: Date,
  ) {
    super(message);
    this.name = "ProviderError";
  }
}

/** What identifies a sent message at its provider. */
export interface StatusLookup {
  providerMessageId: string;
  /** Calls and messages live in different places at a provider. */
  channel: Channel;
}

/**
 * A provider that can say where a message it accepted is now (Twilio can; SNS keeps no record
 * we can read). Reconciliation depends on this, not on a vendor.
 */
export interface StatusSource {
  /**
   * The provider's current account of the message, in our terms.
   *
   * @throws ProviderError when the provider cannot be asked or does not know the message.
   */
  fetchStatus(lookup: StatusLookup): Promise<DeliveryReceipt>;
}
