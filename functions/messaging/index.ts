/**
 * The messaging layer's entry: picks the provider from settings (docs/contract.md §3, SMS_PROVIDER)
 * and re-exports the port. Importing this loads no vendor SDK; adapters load theirs on
 * their first send.
 */
import { createConsoleProvider } from "./console";
import { createFailoverProvider, type FailoverOptions } from "./failover";
import type { SmsProvider } from "./provider";
import { createSnsProvider, type SnsConfig } from "./sns/provider";
import { createTwilioProvider, type TwilioConfig } from "./twilio/provider";

export * from "./provider";
export { createConsoleProvider, type ConsoleLog } from "./console";
export { asProviderError, createFailoverProvider, type FailoverOptions } from "./failover";
export { createSnsProvider, type SnsConfig } from "./sns/provider";
export { createTwilioProvider, type TwilioConfig } from "./twilio/provider";

/** SMS_PROVIDER: `auto` picks from the credentials present; the others force one provider. */
export type ProviderMode = "auto" | "twilio" | "sns" | "console";

/** Provider settings as read from params; empty strings count as unset. */
export interface ProviderSettings {
  mode: ProviderMode;
  twilio: Partial<TwilioConfig>;
  sns: Partial<SnsConfig>;
}

const MODES: readonly ProviderMode[] = ["auto", "twilio", "sns", "console"];

/** Drops empty and blank strings, so `""` from an unset param reads as absent. */
function present<T extends object>(values: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [key, value] of Object.entries(values) as [keyof T, T[keyof T]][]) {
    if (value === undefined || value === null) continue;
    if (typeof value === "string" && value.trim() === "") continue;
    out[key] = (typeof value === "string" ? value.trim() : value) as T[keyof T];
  }
  return out;
}

function missingTwilio(twilio: Partial<TwilioConfig>): string[] {
  const missing: string[] = [];
  if (!twilio.accountSid) missing.push("TWILIO_ACCOUNT_SID");
  if (!twilio.authToken) missing.push("TWILIO_AUTH_TOKEN");
  if (!twilio.from && !twilio.messagingServiceSid) {
    missing.push("TWILIO_PHONE_NUMBER or TWILIO_MESSAGING_SERVICE_SID");
  }
  return missing;
}

function missingSns(sns: Partial<SnsConfig>): string[] {
  const missing: string[] = [];
  if (!sns.region) missing.push("AWS_REGION");
  if (!sns.accessKeyId) missing.push("AWS_ACCESS_KEY_ID");
  if (!sns.secretAccessKey) missing.push("AWS_SECRET_ACCESS_KEY");
  return missing;
}

function incomplete(provider: string, missing: string[]): Error {
  return new Error(`${provider} is not fully configured: set ${missing.join(", ")}.`);
}

/**
 * Builds the provider. `auto`: Twilio when its account, token and a sender are set, with
 * SNS as failover when AWS is set too; SNS alone; else the console provider. A vendor
 * that is half configured (a credential set, another missing) throws instead of quietly
 * falling back to the console, which would report messages sent that never left.
 * Explicit modes use that provider alone and throw naming the missing settings.
 */
export function selectProvider(settings: ProviderSettings, options?: FailoverOptions): SmsProvider {
  const mode = (String(settings.mode ?? "")
    .trim()
    .toLowerCase() || "auto") as ProviderMode;
  if (!MODES.includes(mode)) {
    throw new Error(`SMS_PROVIDER must be one of ${MODES.join(", ")}; got "${settings.mode}".`);
  }
  const twilio = present(settings.twilio ?? {});
  const sns = present(settings.sns ?? {});
  const twilioMissing = missingTwilio(twilio);
  const snsMissing = missingSns(sns);
  const buildTwilio = () => createTwilioProvider(twilio as TwilioConfig);
  const buildSns = () => createSnsProvider(sns as SnsConfig);

  switch (mode) {
    case "console":
      return createConsoleProvider();
    case "twilio":
      if (twilioMissing.length > 0) throw incomplete("Twilio", twilioMissing);
      return buildTwilio();
    case "sns":
      if (snsMissing.length > 0) throw incomplete("Amazon SNS", snsMissing);
      return buildSns();
    case "auto": {
      // Only the non-secret settings show intent: a function binds its secrets whether or not
      // they are used, so they may hold placeholders (the emulator's .secret.local does).
      // Base URL and callback do not count either, nor AWS_REGION, common in any environment.
      const twilioStarted = Boolean(twilio.accountSid || twilio.from || twilio.messagingServiceSid);
      const snsStarted = Boolean(sns.accessKeyId);
      if (twilioStarted && twilioMissing.length > 0) throw incomplete("Twilio", twilioMissing);
      if (snsStarted && snsMissing.length > 0) throw incomplete("Amazon SNS", snsMissing);
      if (twilioStarted && snsStarted)
        return createFailoverProvider(buildTwilio(), buildSns(), options);
      if (twilioStarted) return buildTwilio();
      if (snsStarted) return buildSns();
      return createConsoleProvider();
    }
  }
}
