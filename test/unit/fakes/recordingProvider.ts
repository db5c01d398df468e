/** A provider that records what it was asked to send, for the use cases run on fakes. */
import type {
  OutboundMessage,
  SendResult,
  SmsProvider,
} from "../../../functions/messaging/provider";

/** What the provider answers a send: accepted, or this error thrown. */
export type Reply = SendResult | Error;

/** Records what it was asked to send and answers as told (by default, accepted with a price). */
export class RecordingProvider implements SmsProvider {
  readonly name = "twilio";
  readonly channels = ["sms", "whatsapp", "voice"] as const;
  readonly received: OutboundMessage[] = [];
  /** Runs while the message is out, between the claim and the outcome. */
  duringSend?: () => void;

  constructor(private readonly replies: Reply[] = []) {}

  async send(message: OutboundMessage): Promise<SendResult> {
    this.received.push(message);
    this.duringSend?.();
    const reply = this.replies.shift();
    if (reply instanceof Error) throw reply;
    return (
      reply ?? {
        provider: "twilio",
        providerMessageId: `SM${this.received.length}`,
        price: 0.0079,
        priceUnit: "USD",
      }
    );
  }

  /** How many messages went to this number. */
  sentTo(to: string): number {
    return this.received.filter((message) => message.to === to).length;
  }
}
