/**
 * Amazon SNS adapter: plain SMS only, used as the fallback when Twilio is down. The AWS
 * SDK is loaded on the first send, never at module load (cold start).
 */
import type { SNSClient } from "@aws-sdk/client-sns";
import { findNetworkCode } from "../errors";
import { classifySnsError } from "./errors";
import {
  ProviderError,
  type Channel,
  type OutboundMessage,
  type SendResult,
  type SmsProvider,
} from "../provider";

/** SNS settings, normally from the AWS_* and SNS_ENDPOINT params. */
export interface SnsConfig {
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Replaces the AWS endpoint, e.g. a local stand-in. */
  endpoint?: string;
  /** Alphanumeric sender id, where the destination country supports one. */
  senderId?: string;
  /** Connection and request timeout; default 10 s. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const CHANNELS: readonly Channel[] = ["sms"];

type SdkModule = typeof import("@aws-sdk/client-sns");

/** Pulls what classification needs out of an SNS service exception or a socket error. */
export function toSnsProviderError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  const e = (typeof error === "object" && error !== null ? error : {}) as {
    name?: unknown;
    Code?: unknown;
    code?: unknown;
    message?: unknown;
    $metadata?: { httpStatusCode?: unknown };
  };
  // The query protocol keeps the wire code (`Throttling`) on `Code`; `name` may be the SDK class.
  const name = [e.Code, e.name].find((v): v is string => typeof v === "string" && v !== "");
  const statusCode = e.$metadata?.httpStatusCode;
  const c = classifySnsError({
    name,
    statusCode: typeof statusCode === "number" ? statusCode : undefined,
    message: typeof e.message === "string" ? e.message : String(error),
    networkCode: typeof e.code === "string" ? e.code : findNetworkCode(e.message),
  });
  return new ProviderError("sns", c.kind, c.code, c.message, c.userMessage, c.retryable);
}

async function buildClient(config: SnsConfig): Promise<{ sdk: SdkModule; client: SNSClient }> {
  const sdk = await import("@aws-sdk/client-sns");
  const timeout = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const client = new sdk.SNSClient({
    region: config.region,
    endpoint: config.endpoint || undefined,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    // Our own backoff (and the failover) decide about retries; one attempt per send.
    maxAttempts: 1,
    requestHandler: {
      connectionTimeout: timeout,
      requestTimeout: timeout,
      throwOnRequestTimeout: true,
    },
  });
  return { sdk, client };
}

/**
 * Creates the SNS provider. Nothing is loaded or connected until the first send; the
 * client is then reused for the life of the instance.
 */
export function createSnsProvider(config: SnsConfig): SmsProvider {
  let loaded: ReturnType<typeof buildClient> | null = null;
  const load = (): ReturnType<typeof buildClient> => {
    loaded ??= buildClient(config).catch((error: unknown) => {
      loaded = null; // a failed load must not poison every later send
      throw error;
    });
    return loaded;
  };

  return {
    name: "sns",
    channels: CHANNELS,
    async send(message: OutboundMessage): Promise<SendResult> {
      if (!CHANNELS.includes(message.channel)) {
        throw new ProviderError(
          "sns",
          "configuration",
          "sns:unsupported-channel",
          `SNS cannot send ${message.channel} messages`,
          `The backup SMS service cannot send ${message.channel} messages.`,
          false,
        );
      }
      try {
        const { sdk, client } = await load();
        const attributes: NonNullable<
          ConstructorParameters<SdkModule["PublishCommand"]>[0]["MessageAttributes"]
        > = {
          // Transactional: SNS optimises for delivery, not cost; these are notifications.
          "AWS.SNS.SMS.SMSType": { DataType: "String", StringValue: "Transactional" },
        };
        if (config.senderId) {
          attributes["AWS.SNS.SMS.SenderID"] = { DataType: "String", StringValue: config.senderId };
        }
        const output = await client.send(
          new sdk.PublishCommand({
            PhoneNumber: message.to,
            Message: message.body,
            MessageAttributes: attributes,
          }),
        );
        if (!output.MessageId) throw new Error("SNS answered without a MessageId");
        return { provider: "sns", providerMessageId: output.MessageId };
      } catch (error) {
        throw toSnsProviderError(error);
      }
    },
  };
}
