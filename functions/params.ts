/**
 * Every configuration value of the backend (docs/contract.md §3), declared once.
 * Locally the values come from `.env` / `.env.<project>` beside package.json and secrets from
 * `.secret.local`; deployed, from the params prompted at deploy time and Secret Manager.
 * Values are read with `.value()` only inside handlers (see `readSettings`).
 */
import { defineBoolean, defineInt, defineSecret, defineString } from "firebase-functions/params";
import type { ProviderMode, ProviderSettings } from "./messaging";
import { parseAllowedCountries } from "./domain/countries";
import { parseBudget, parseShare, type AlertThresholds } from "./domain/alerts";
import { DEFAULT_MIN_CALLS_FOR_RATE, type BreakerConfig } from "./domain/circuitBreaker";
import { parsePriceTable, type PriceTable } from "./domain/pricing";
import * as logs from "./logs";

export const SMS_PROVIDER = defineString("SMS_PROVIDER", { default: "auto" });
export const TWILIO_ACCOUNT_SID = defineString("TWILIO_ACCOUNT_SID", { default: "" });
export const TWILIO_AUTH_TOKEN = defineSecret("TWILIO_AUTH_TOKEN");
export const TWILIO_PHONE_NUMBER = defineString("TWILIO_PHONE_NUMBER", { default: "" });
export const TWILIO_MESSAGING_SERVICE_SID = defineString("TWILIO_MESSAGING_SERVICE_SID", {
  default: "",
});
export const TWILIO_WHATSAPP_NUMBER = defineString("TWILIO_WHATSAPP_NUMBER", { default: "" });
export const TWILIO_API_BASE_URL = defineString("TWILIO_API_BASE_URL", {
  default: "https://api.twilio.com",
});
export const AWS_REGION = defineString("AWS_REGION", { default: "" });
export const AWS_ACCESS_KEY_ID = defineString("AWS_ACCESS_KEY_ID", { default: "" });
export const AWS_SECRET_ACCESS_KEY = defineSecret("AWS_SECRET_ACCESS_KEY");
export const SNS_ENDPOINT = defineString("SNS_ENDPOINT", { default: "" });
export const PUBLIC_BASE_URL = defineString("PUBLIC_BASE_URL", { default: "" });
export const DEFAULT_COUNTRY = defineString("DEFAULT_COUNTRY", { default: "US" });
export const DEFAULT_TIMEZONE = defineString("DEFAULT_TIMEZONE", { default: "America/New_York" });
export const DEFAULT_LANGUAGE = defineString("DEFAULT_LANGUAGE", { default: "en" });
export const SMS_RATE_LIMIT = defineInt("SMS_RATE_LIMIT", { default: 100 });
export const QUIET_HOURS = defineString("QUIET_HOURS", { default: "21:00-08:00" });
export const SMS_RETENTION_DAYS = defineInt("SMS_RETENTION_DAYS", { default: 90 });
export const SMS_MAX_ATTEMPTS = defineInt("SMS_MAX_ATTEMPTS", { default: 5 });
export const SMS_SENDER_RATE_LIMIT = defineInt("SMS_SENDER_RATE_LIMIT", { default: 1000 });
export const SMS_ADMIN_RATE_LIMIT = defineInt("SMS_ADMIN_RATE_LIMIT", { default: 10000 });
/** ISO codes, comma-separated, or `*`; empty means DEFAULT_COUNTRY and TR. */
export const SMS_ALLOWED_COUNTRIES = defineString("SMS_ALLOWED_COUNTRIES", { default: "" });
/** Segments the whole project may send per UTC day; 0 turns the limit off. */
export const SMS_DAILY_LIMIT = defineInt("SMS_DAILY_LIMIT", { default: 100000 });
export const ENFORCE_APP_CHECK = defineBoolean("ENFORCE_APP_CHECK", { default: false });
/** Campaign messages queued per second: the size of the batch `campaignSend` takes each second. */
export const CAMPAIGN_SENDS_PER_SECOND = defineInt("CAMPAIGN_SENDS_PER_SECOND", { default: 10 });
/** How long a trigger may render with a template its instance read before (0: always read). */
export const TEMPLATE_CACHE_SECONDS = defineInt("TEMPLATE_CACHE_SECONDS", { default: 10 });
/**
 * Per-country, per-segment price estimates for providers that report none (SNS), as JSON:
 * `{"currency":"USD","default":0.05,"US":0.00645,"TR":0.0505}`; empty means those defaults.
 */
export const SMS_PRICE_TABLE = defineString("SMS_PRICE_TABLE", { default: "" });

/** The secrets a function that sends messages must bind. */
export const SENDING_SECRETS = [TWILIO_AUTH_TOKEN, AWS_SECRET_ACCESS_KEY];

/** Plain settings the services take, so they never touch params or process.env. */
export interface Settings {
  provider: ProviderSettings;
  /** Where Twilio reaches our webhooks, without a trailing slash; empty when not set. */
  publicBaseUrl: string;
  defaultCountry: string;
  defaultTimeZone: string;
  defaultLanguage: string;
  rateLimitPerHour: number;
  quietHours: string;
  retentionDays: number;
  maxAttempts: number;
  /** Messages one account may cause per hour (callables, tasks, reminders for others). */
  senderRateLimitPerHour: number;
  /** The same allowance for an admin (campaigns included). */
  adminRateLimitPerHour: number;
  /** Destination countries (ISO codes); `*` allows every country. */
  allowedCountries: readonly string[];
  /** Segments per UTC day for the whole project; 0: no limit. */
  dailySegmentLimit: number;
  /** TEMPLATE_CACHE_SECONDS in milliseconds; absent means 0 (templates are always read). */
  templateCacheMs?: number;
  /** SMS_PRICE_TABLE, parsed; absent (in tests) means its defaults. */
  smsPriceTable?: PriceTable;
}

/** A secret that is not bound or not set reads as empty instead of throwing. */
function secretValue(secret: ReturnType<typeof defineSecret>): string {
  try {
    return secret.value();
  } catch {
    return "";
  }
}

let priceTableRead: { text: string; table: PriceTable } | undefined;

/**
 * SMS_PRICE_TABLE parsed once per instance (and again only if it changes). A malformed table
 * is logged as an error once and the defaults are used: it must never stop a send.
 */
function priceTableSetting(text: string): PriceTable {
  if (priceTableRead?.text !== text) {
    const { table, problem } = parsePriceTable(text);
    if (problem) logs.priceTableInvalid(problem);
    priceTableRead = { text, table };
  }
  return priceTableRead.table;
}

/** Reads every param; call inside a handler, never at module scope. */
export function readSettings(): Settings {
  const publicBaseUrl = PUBLIC_BASE_URL.value().replace(/\/+$/, "");
  return {
    provider: {
      mode: SMS_PROVIDER.value() as ProviderMode,
      twilio: {
        accountSid: TWILIO_ACCOUNT_SID.value(),
        authToken: secretValue(TWILIO_AUTH_TOKEN),
        from: TWILIO_PHONE_NUMBER.value(),
        messagingServiceSid: TWILIO_MESSAGING_SERVICE_SID.value(),
        whatsappFrom: TWILIO_WHATSAPP_NUMBER.value(),
        apiBaseUrl: TWILIO_API_BASE_URL.value(),
        statusCallbackUrl: publicBaseUrl ? `${publicBaseUrl}/twilioStatusCallback` : undefined,
      },
      sns: {
        region: AWS_REGION.value(),
        accessKeyId: AWS_ACCESS_KEY_ID.value(),
        secretAccessKey: secretValue(AWS_SECRET_ACCESS_KEY),
        endpoint: SNS_ENDPOINT.value() || undefined,
      },
    },
    publicBaseUrl,
    defaultCountry: DEFAULT_COUNTRY.value(),
    defaultTimeZone: DEFAULT_TIMEZONE.value(),
    defaultLanguage: DEFAULT_LANGUAGE.value(),
    rateLimitPerHour: SMS_RATE_LIMIT.value(),
    quietHours: QUIET_HOURS.value(),
    retentionDays: SMS_RETENTION_DAYS.value(),
    maxAttempts: SMS_MAX_ATTEMPTS.value(),
    senderRateLimitPerHour: SMS_SENDER_RATE_LIMIT.value(),
    adminRateLimitPerHour: SMS_ADMIN_RATE_LIMIT.value(),
    allowedCountries: parseAllowedCountries(SMS_ALLOWED_COUNTRIES.value(), DEFAULT_COUNTRY.value()),
    dailySegmentLimit: SMS_DAILY_LIMIT.value(),
    smsPriceTable: priceTableSetting(SMS_PRICE_TABLE.value()),
    templateCacheMs: Math.max(TEMPLATE_CACHE_SECONDS.value(), 0) * 1000,
  };
}

// Provider health and alerts (docs/alerts.md).
/** Consecutive provider-side failures that open a provider's circuit; 0 turns the breaker off. */
export const SMS_BREAKER_FAILURES = defineInt("SMS_BREAKER_FAILURES", { default: 5 });
/** How long an open circuit skips its provider before one probe message tries it again. */
export const SMS_BREAKER_COOLDOWN_SECONDS = defineInt("SMS_BREAKER_COOLDOWN_SECONDS", {
  default: 300,
});
/** Share of failed calls (`0.5` or `50%`) within SMS_BREAKER_WINDOW_SECONDS that opens it too. */
export const SMS_BREAKER_FAILURE_RATE = defineString("SMS_BREAKER_FAILURE_RATE", {
  default: "0.5",
});
export const SMS_BREAKER_WINDOW_SECONDS = defineInt("SMS_BREAKER_WINDOW_SECONDS", { default: 60 });
/** Share of the last hour's messages that failed (`0.2` or `20%`) that raises an alert. */
export const SMS_ALERT_FAILURE_RATE = defineString("SMS_ALERT_FAILURE_RATE", { default: "0.2" });
/** Spend per UTC day that raises an alert: `50` (USD) or `50 EUR`; empty for none. */
export const SMS_DAILY_BUDGET = defineString("SMS_DAILY_BUDGET", { default: "" });
/** Stuck messages (past their due time or lease) that raise an alert; 0 for none. */
export const SMS_ALERT_STUCK_MESSAGES = defineInt("SMS_ALERT_STUCK_MESSAGES", { default: 1 });

const reportedInvalid = new Set<string>();

/** A share param, or `fallback` (said once per value) when it is not a share. */
function shareSetting(name: string, text: string, fallback: number | null): number | null {
  const share = parseShare(text);
  if (share !== "invalid") return share;
  if (!reportedInvalid.has(`${name}=${text}`)) {
    reportedInvalid.add(`${name}=${text}`);
    logs.settingInvalid(name, text, String(fallback ?? "off"));
  }
  return fallback;
}

/** The circuit breaker's thresholds; read on every send, so it only reads and parses. */
export function readBreakerSettings(): BreakerConfig {
  return {
    failureThreshold: Math.max(0, SMS_BREAKER_FAILURES.value()),
    cooldownMs: Math.max(0, SMS_BREAKER_COOLDOWN_SECONDS.value()) * 1000,
    failureRate:
      shareSetting("SMS_BREAKER_FAILURE_RATE", SMS_BREAKER_FAILURE_RATE.value(), 0.5) ?? 0,
    windowMs: Math.max(1, SMS_BREAKER_WINDOW_SECONDS.value()) * 1000,
    minCallsForRate: DEFAULT_MIN_CALLS_FOR_RATE,
  };
}

/** The alert thresholds of the monitor job, `getSystemHealth` and `healthz`. */
export function readAlertSettings(): AlertThresholds {
  const budgetText = SMS_DAILY_BUDGET.value();
  let dailyBudget = parseBudget(budgetText);
  if (dailyBudget === "invalid") {
    if (!reportedInvalid.has(`SMS_DAILY_BUDGET=${budgetText}`)) {
      reportedInvalid.add(`SMS_DAILY_BUDGET=${budgetText}`);
      logs.settingInvalid("SMS_DAILY_BUDGET", budgetText, "off");
    }
    dailyBudget = null;
  }
  return {
    failureRate: shareSetting("SMS_ALERT_FAILURE_RATE", SMS_ALERT_FAILURE_RATE.value(), 0.2),
    dailyBudget,
    stuckMessages: Math.max(0, SMS_ALERT_STUCK_MESSAGES.value()),
  };
}
