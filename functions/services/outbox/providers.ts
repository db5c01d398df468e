/** The provider for the current settings, built once per instance so SDK clients are reused. */
import { selectProvider, type ProviderSettings } from "../../messaging";
import { ProviderError, type SmsProvider } from "../../messaging/provider";
import { USER_MESSAGES } from "../../domain/providerErrors";

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

/** The configured provider (Twilio, SNS, failover between them, or console). */
export function providerFor(settings: ProviderSettings): SmsProvider {
  const key = JSON.stringify(settings);
  if (cached?.key !== key) {
    let provider: SmsProvider;
    try {
      provider = selectProvider(settings);
    } catch (error) {
      provider = misconfigured(error instanceof Error ? error.message : String(error));
    }
    cached = { key, provider };
  }
  return cached.provider;
}
