/**
 * The provider for the current settings, built once per instance so SDK clients are reused.
 * Each real provider sits behind its circuit breaker (services/health/circuits): inside the
 * failover, an open Twilio circuit sends straight to SNS; alone, it makes the send a transient
 * failure that the outbox retries after backoff, without calling Twilio.
 */
import { selectProvider, type ProviderSettings } from "../../messaging";
import { isFailoverProvider } from "../../messaging/failover";
import { ProviderError, type SmsProvider } from "../../messaging/provider";
import { USER_MESSAGES } from "../../domain/providerErrors";
import type { BreakerConfig } from "../../domain/circuitBreaker";
import { readBreakerSettings } from "../../params";
import { circuitGuard } from "../health/circuits";

let cached: { key: string; provider: SmsProvider } | undefined;

/**
 * A provider that fails every send with the configuration problem, so messages end `failed`
 * with a reason an admin can act on instead of crashing the trigger over and over.
 */
function misconfigured(reason: string): SmsProvider {
  return {
    name: "console",
    channels: ["sms", "whatsapp", "voice"],
    send: () => {
      const error = new ProviderError(
        "console",
        "configuration",
        "config:provider",
        reason,
        USER_MESSAGES.configuration,
        false,
      );
      return Promise.reject(error);
    },
  };
}

/** The configured provider (Twilio, SNS, failover between them, or console), guarded. */
export function providerFor(
  settings: ProviderSettings,
  breaker: BreakerConfig = readBreakerSettings(),
): SmsProvider {
  const key = JSON.stringify([settings, breaker]);
  if (cached?.key !== key) {
    let provider: SmsProvider;
    try {
      const guard = circuitGuard(breaker);
      const selected = selectProvider(settings, { guard });
      // A failover guarded its two providers itself; a single provider is guarded here.
      provider = isFailoverProvider(selected) ? selected : guard(selected);
    } catch (error) {
      provider = misconfigured(error instanceof Error ? error.message : String(error));
    }
    cached = { key, provider };
  }
  return cached.provider;
}
