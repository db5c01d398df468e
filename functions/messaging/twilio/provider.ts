/**
 * Twilio adapter: SMS and WhatsApp through the Messages API, voice through the Calls API
 * with inline TwiML, and what Twilio knows of either afterwards (its status, price, segments,
 * duration) for reconciliation. The SDK is loaded on the first use, never at module load,
 * because importing it eagerly adds a few hundred milliseconds to every function's cold start.
 */
import type TwilioSdk from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient";
import { findNetworkCode } from "../errors";
import { classifyTwilioError } from "./errors";
import { receiptFromTwilio } from "./statuses";
import {
  ProviderError,
  type Channel,
  type DeliveryReceipt,
  type OutboundMessage,
  type SendResult,
  type SmsProvider,
  type StatusLookup,
  type StatusSource,
} from "../provider";

/** Twilio settings, normally from the TWILIO_* params. */
export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  /** Sender for SMS and voice (E.164). */
  from?: string;
  /** Preferred over `from` for SMS when set. */
  messagingServiceSid?: string;
  /** Sender for WhatsApp, with or without the `whatsapp:` prefix. */
  whatsappFrom?: string;
  /** Replaces `https://api.twilio.com` (and any other `*.twilio.com` host), e.g. a local stand-in. */
  apiBaseUrl?: string;
  /** Where Twilio posts message and call status updates. */
  statusCallbackUrl?: string;
  /** Per-request timeout; default 10 s. */
  timeoutMs?: number;
}

type TwilioClient = TwilioSdk.Twilio;
type RequestClientClass = typeof RequestClient;

/** The Twilio provider: it sends, and it can say where a message or call it sent is now. */
export type TwilioProvider = SmsProvider & StatusSource;

const TWILIO_ORIGIN = /^https:\/\/[a-z0-9.-]+\.twilio\.com(?::443)?(?=\/|$)/i;
const DEFAULT_BASE_URL = "https://api.twilio.com";
const DEFAULT_TIMEOUT_MS = 10_000;
const CHANNELS: readonly Channel[] = ["sms", "whatsapp", "voice"];
/** Call progress reported to the status callback; busy, no-answer etc. come with `completed`. */
const CALL_EVENTS = ["initiated", "ringing", "answered", "completed"];

/**
 * Rewrites the `https://<sub>.twilio.com` origin of an SDK request URL to `baseUrl`,
 * keeping the path and query.
 */
export function rewriteTwilioUrl(uri: string, baseUrl: string): string {
  return uri.replace(TWILIO_ORIGIN, baseUrl.replace(/\/+$/, ""));
}

const XML_ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

/** Escapes text for an XML element or attribute, so a message body cannot break the TwiML. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ENTITIES[c] ?? c);
}

/** Voice TwiML that reads `body` aloud once, in Turkish or English. */
export function voiceTwiml(body: string, language?: string): string {
  const lang = language?.toLowerCase().startsWith("tr") ? "tr-TR" : "en-US";
  return `<Response><Say language="${lang}">${escapeXml(body)}</Say></Response>`;
}

function withPrefix(number: string, prefix: string): string {
  return number.startsWith(prefix) ? number : `${prefix}${number}`;
}

function configurationError(code: string, message: string, userMessage: string): ProviderError {
  return new ProviderError(
    "twilio",
    "configuration",
    `twilio:${code}`,
    message,
    userMessage,
    false,
  );
}

/**
 * Pulls what classification needs out of whatever the SDK threw: a RestException or
 * TwilioServiceException (`status`, numeric `code`), or an axios/socket error (string `code`).
 */
export function toTwilioProviderError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  const e = (typeof error === "object" && error !== null ? error : {}) as {
    status?: unknown;
    code?: unknown;
    message?: unknown;
    detail?: unknown;
    title?: unknown;
    cause?: { code?: unknown };
  };
  const text = [e.message, e.detail, e.title].find((v) => typeof v === "string" && v !== "");
  const message = typeof text === "string" ? text : String(error);
  const status = typeof e.status === "number" ? e.status : undefined;
  // TwilioServiceException reports a missing code as 0.
  const code =
    (typeof e.code === "number" && e.code !== 0) || typeof e.code === "string" ? e.code : undefined;
  const causeCode = typeof e.cause?.code === "string" ? e.cause.code : undefined;
  const c =
    status !== undefined
      ? classifyTwilioError({ status, code, message })
      : classifyTwilioError({
          message,
          networkCode: typeof code === "string" ? code : (causeCode ?? findNetworkCode(message)),
        });
  return new ProviderError("twilio", c.kind, c.code, c.message, c.userMessage, c.retryable);
}

function toResult(resource: {
  sid: string;
  status?: string;
  price?: string | null;
  priceUnit?: string | null;
}): SendResult {
  const result: SendResult = { provider: "twilio", providerMessageId: resource.sid };
  if (resource.status) result.providerStatus = String(resource.status);
  const price = resource.price == null ? NaN : parseFloat(resource.price);
  // Twilio reports cost as a negative amount ("-0.0075"); we store what was spent.
  if (Number.isFinite(price)) {
    result.price = Math.abs(price);
    if (resource.priceUnit) result.priceUnit = resource.priceUnit;
  }
  return result;
}

async function buildClient(config: TwilioConfig): Promise<TwilioClient> {
  const sdk = (await import("twilio")).default;
  const base = config.apiBaseUrl?.replace(/\/+$/, "");
  const Base: RequestClientClass = sdk.RequestClient;
  // Our own backoff decides when to retry, so the SDK must not retry 429s behind our back.
  const options: RequestClient.RequestClientOptions = {
    timeout: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    autoRetry: false,
  };
  let httpClient: RequestClient;
  if (base && base !== DEFAULT_BASE_URL) {
    const target = base;
    class RewritingRequestClient extends Base {
      override request<TData>(opts: RequestClient.RequestOptions<TData>) {
        return super.request({ ...opts, uri: rewriteTwilioUrl(opts.uri, target) });
      }
    }
    httpClient = new RewritingRequestClient(options);
  } else {
    httpClient = new Base(options);
  }
  return new sdk.Twilio(config.accountSid, config.authToken, { httpClient, autoRetry: false });
}

/**
 * Creates the Twilio provider. Nothing is loaded or connected until the first use;
 * the client is then reused for the life of the instance.
 */
export function createTwilioProvider(config: TwilioConfig): TwilioProvider {
  let client: Promise<TwilioClient> | null = null;
  const getClient = (): Promise<TwilioClient> => {
    client ??= buildClient(config).catch((error: unknown) => {
      client = null; // a failed load must not poison every later send
      throw error;
    });
    return client;
  };

  /** Our id in the callback URL finds the message even before its Twilio SID is recorded. */
  function statusCallbackFor(message: OutboundMessage): string | undefined {
    if (!config.statusCallbackUrl) return undefined;
    const url = new URL(config.statusCallbackUrl);
    if (message.messageId) url.searchParams.set("messageId", message.messageId);
    return url.toString();
  }

  async function sendMessage(message: OutboundMessage, twilio: TwilioClient): Promise<SendResult> {
    const params: Parameters<TwilioClient["messages"]["create"]>[0] = {
      to: message.to,
      body: message.body,
    };
    if (message.channel === "whatsapp") {
      if (!config.whatsappFrom) {
        throw configurationError(
          "missing-whatsapp-from",
          "TWILIO_WHATSAPP_NUMBER is not set",
          "WhatsApp is not set up; an administrator needs to set the WhatsApp sender number.",
        );
      }
      params.to = withPrefix(message.to, "whatsapp:");
      params.from = withPrefix(config.whatsappFrom, "whatsapp:");
    } else if (config.messagingServiceSid) {
      params.messagingServiceSid = config.messagingServiceSid;
    } else if (config.from) {
      params.from = config.from;
    } else {
      throw configurationError(
        "missing-sender",
        "Neither TWILIO_PHONE_NUMBER nor TWILIO_MESSAGING_SERVICE_SID is set",
        "The SMS sender is not set up; an administrator needs to set the Twilio phone number.",
      );
    }
    const statusCallback = statusCallbackFor(message);
    if (statusCallback) params.statusCallback = statusCallback;
    return toResult(await twilio.messages.create(params));
  }

  async function placeCall(message: OutboundMessage, twilio: TwilioClient): Promise<SendResult> {
    // A Messaging Service cannot place calls: voice needs a phone number of our own.
    if (!config.from) {
      throw configurationError(
        "missing-voice-from",
        "TWILIO_PHONE_NUMBER is not set; voice calls need it",
        "Voice calls are not set up; an administrator needs to set the Twilio phone number.",
      );
    }
    const params: Parameters<TwilioClient["calls"]["create"]>[0] = {
      to: message.to,
      from: config.from,
      twiml: voiceTwiml(message.body, message.language),
    };
    const statusCallback = statusCallbackFor(message);
    if (statusCallback) {
      params.statusCallback = statusCallback;
      params.statusCallbackEvent = CALL_EVENTS;
      params.statusCallbackMethod = "POST";
    }
    return toResult(await twilio.calls.create(params));
  }

  async function fetchReceipt(
    lookup: StatusLookup,
    twilio: TwilioClient,
  ): Promise<DeliveryReceipt> {
    const sid = lookup.providerMessageId;
    if (lookup.channel === "voice") {
      const call = await twilio.calls(sid).fetch();
      return receiptFromTwilio({
        kind: "call",
        status: call.status,
        price: call.price,
        priceUnit: call.priceUnit,
        duration: call.duration,
        at: call.endTime ?? call.dateUpdated,
      });
    }
    const fetched = await twilio.messages(sid).fetch();
    return receiptFromTwilio({
      kind: "message",
      status: fetched.status,
      errorCode: fetched.errorCode,
      errorMessage: fetched.errorMessage,
      price: fetched.price,
      priceUnit: fetched.priceUnit,
      numSegments: fetched.numSegments,
      at: fetched.dateUpdated,
    });
  }

  return {
    name: "twilio",
    channels: CHANNELS,
    async send(message: OutboundMessage): Promise<SendResult> {
      try {
        const twilio = await getClient();
        return message.channel === "voice"
          ? await placeCall(message, twilio)
          : await sendMessage(message, twilio);
      } catch (error) {
        throw toTwilioProviderError(error);
      }
    },
    async fetchStatus(lookup: StatusLookup): Promise<DeliveryReceipt> {
      try {
        return await fetchReceipt(lookup, await getClient());
      } catch (error) {
        throw toTwilioProviderError(error);
      }
    },
  };
}
