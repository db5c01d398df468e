/**
 * Which providers are configured and which send, told without a secret: booleans, roles and
 * the names of missing settings, never a value.
 */
import { selectProvider, type ProviderSettings } from "../../messaging";
import { isFailoverProvider } from "../../messaging/failover";
import type { ProviderName } from "../../messaging/provider";

/** A provider's part in sending. */
export type ProviderRole = "primary" | "fallback" | "only" | "unused";

export interface ProviderSetup {
  /** SMS_PROVIDER as set (`auto`, `twilio`, `sns`, `console`). */
  mode: string;
  /** The providers messages go through, in the order they are tried; empty when misconfigured. */
  sending: ProviderName[];
  /** Why nothing can be sent (a provider half configured), naming settings; null when fine. */
  configurationError: string | null;
  /** Whether each real provider has every setting it needs. */
  configured: { twilio: boolean; sns: boolean };
}

function has(value: string | undefined): boolean {
  return typeof value === "string" && value.trim() !== "";
}

/** The provider set-up of `settings`, as `selectProvider` builds it. */
export function providerSetup(settings: ProviderSettings): ProviderSetup {
  const { twilio, sns } = settings;
  const configured = {
    twilio:
      has(twilio.accountSid) &&
      has(twilio.authToken) &&
      (has(twilio.from) || has(twilio.messagingServiceSid)),
    sns: has(sns.region) && has(sns.accessKeyId) && has(sns.secretAccessKey),
  };
  const mode = String(settings.mode ?? "auto");
  try {
    const provider = selectProvider(settings);
    // selectProvider composes a failover only as Twilio first, SNS second.
    const sending: ProviderName[] = isFailoverProvider(provider)
      ? ["twilio", "sns"]
      : [provider.name];
    return { mode, sending, configurationError: null, configured };
  } catch (error) {
    const configurationError = error instanceof Error ? error.message : String(error);
    return { mode, sending: [], configurationError, configured };
  }
}

/** `provider`'s part in `sending`. */
export function roleOf(provider: ProviderName, sending: readonly ProviderName[]): ProviderRole {
  const index = sending.indexOf(provider);
  if (index < 0) return "unused";
  if (sending.length === 1) return "only";
  return index === 0 ? "primary" : "fallback";
}
