/**
 * Settings as a deployment would have them, for the use cases run on in-memory fakes: the
 * console provider, New York by default, no quiet hours and no daily limit unless a test sets
 * them; each test overrides what it is about.
 */
import type { Settings } from "../../../functions/params";

export function testSettings(overrides: Partial<Settings> = {}): Settings {
  return {
    provider: { mode: "console", twilio: {}, sns: {} },
    publicBaseUrl: "",
    defaultCountry: "US",
    defaultTimeZone: "America/New_York",
    defaultLanguage: "en",
    rateLimitPerHour: 100,
    quietHours: "",
    retentionDays: 90,
    maxAttempts: 5,
    senderRateLimitPerHour: 1000,
    adminRateLimitPerHour: 10000,
    allowedCountries: ["*"],
    dailySegmentLimit: 0,
    ...overrides,
  };
}
