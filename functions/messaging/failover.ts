/**
 * Failover: send with the primary provider; when it fails for a reason on its own side
 * (an outage, a misconfigured account), send with the fallback instead. A failure that is
 * about the recipient (bad number, opted out) or the message stops here: the fallback
 * would refuse it too, and trying it could only confuse the record.
 */
import { isProviderSide, USER_MESSAGES } from "../domain/providerErrors";
import {
  ProviderError,
  type Channel,
  type OutboundMessage,
  type SendResult,
  type SmsProvider,
} from "./provider";

/**
 * Optional hooks; `onFailover` lets the caller log the switch with its own log helpers, and
 * `guard` wraps each provider before it is composed (its circuit breaker, messaging/circuitGuard).
 */
export interface FailoverOptions {
  onFailover?: (primaryError: ProviderError, message: OutboundMessage) => void;
  guard?: (provider: SmsProvider) => SmsProvider;
}

// The composed providers, so a caller can tell one from a single adapter of the same name.
const composed = new WeakSet<SmsProvider>();

/** Whether `provider` is a failover composition (its two providers are guarded inside it). */
export function isFailoverProvider(provider: SmsProvider): boolean {
  return composed.has(provider);
}

/**
 * Any error as a ProviderError of `provider`. Adapters already classify their errors;
 * anything else (a bug, an SDK surprise) is treated as transient so the error path itself
 * never crashes and the message is retried rather than lost.
 */
export function asProviderError(error: unknown, provider: SmsProvider): ProviderError {
  if (error instanceof ProviderError) return error;
  return new ProviderError(
    provider.name,
    "transient",
    `${provider.name}:unexpected`,
    error instanceof Error ? error.message : String(error),
    USER_MESSAGES.transient,
    true,
  );
}

async function attempt(
  provider: SmsProvider,
  message: OutboundMessage,
): Promise<{ result: SendResult } | { error: ProviderError }> {
  try {
    return { result: await provider.send(message) };
  } catch (error) {
    return { error: asProviderError(error, provider) };
  }
}

/**
 * When both failed for provider-side reasons, report the one that keeps the message
 * alive: a retryable error if either is (a later attempt may reach a recovered provider),
 * preferring the primary's, which is the provider the next attempt starts with.
 */
function pickBothFailed(primary: ProviderError, fallback: ProviderError): ProviderError {
  // The fallback reached a verdict about the recipient itself: that is the answer.
  if (!isProviderSide(fallback.kind)) return fallback;
  // The primary was not called (its circuit is open): the fallback's was the only real try.
  if (primary.notCalledUntil) return fallback;
  if (primary.retryable || !fallback.retryable) return primary;
  return fallback;
}

/**
 * Composes two providers. The result is named after the primary and carries the union
 * of their channels; each SendResult names the provider that actually sent.
 */
export function createFailoverProvider(
  unguardedPrimary: SmsProvider,
  unguardedFallback: SmsProvider,
  options: FailoverOptions = {},
): SmsProvider {
  const primary = options.guard ? options.guard(unguardedPrimary) : unguardedPrimary;
  const fallback = options.guard ? options.guard(unguardedFallback) : unguardedFallback;
  const channels: readonly Channel[] = [...new Set([...primary.channels, ...fallback.channels])];
  const failover: SmsProvider = {
    name: primary.name,
    channels,
    async send(message: OutboundMessage): Promise<SendResult> {
      const fallbackCarries = fallback.channels.includes(message.channel);
      // A primary that cannot carry the channel at all is skipped, not failed over from.
      if (!primary.channels.includes(message.channel) && fallbackCarries) {
        const only = await attempt(fallback, message);
        if ("result" in only) return only.result;
        throw only.error;
      }
      const first = await attempt(primary, message);
      if ("result" in first) return first.result;
      if (!isProviderSide(first.error.kind) || !fallbackCarries) throw first.error;

      try {
        options.onFailover?.(first.error, message);
      } catch {
        // A logging hook must never stand between the message and the fallback.
      }
      const second = await attempt(fallback, message);
      if ("result" in second) return second.result;
      throw pickBothFailed(first.error, second.error);
    },
  };
  composed.add(failover);
  return failover;
}
