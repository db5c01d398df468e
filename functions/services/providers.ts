/** The provider for the current settings, built once per instance so SDK clients are reused. */
import { selectProvider, type ProviderSettings } from "../messaging";
import type { SmsProvider } from "../messaging/provider";

let cached: { key: string; provider: SmsProvider } | undefined;

/** The configured provider (Twilio, SNS, failover between them, or console). */
export function providerFor(settings: ProviderSettings): SmsProvider {
  const key = JSON.stringify(settings);
  if (cached?.key !== key) cached = { key, provider: selectProvider(settings) };
  return cached.provider;
}
