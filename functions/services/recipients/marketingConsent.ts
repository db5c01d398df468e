/**
 * A user's marketing opt-in (`marketing_sms_opt_in`, written by the apps) is consent too: each
 * change is recorded in `sms_consent_events`, once per write, beside the opt-outs.
 */
import { recordConsentEvent } from "../../data/suppressions";
import { parseUser } from "../../domain/clientDocs";
import { normalizePhone } from "../../domain/phone";
import type { Settings } from "../../params";

/** Whether the user document (null: absent) opts in to marketing messages. */
function optedIn(data: unknown): boolean {
  const parsed = data === null ? null : parseUser(data);
  return parsed?.ok === true && parsed.value.marketing_sms_opt_in;
}

/**
 * Records the change of the opt-in between two versions of a user document, if any. `writeId`
 * names the write (the trigger's event id), so a redelivered event records nothing more.
 */
export async function recordMarketingConsent(
  userId: string,
  before: unknown,
  after: unknown,
  writeId: string,
  settings: Pick<Settings, "defaultCountry">,
): Promise<void> {
  const was = optedIn(before);
  const is = optedIn(after);
  if (was === is) return;
  const parsed = after === null ? null : parseUser(after);
  const phone = parsed?.ok
    ? normalizePhone(parsed.value.phone_number, settings.defaultCountry)
    : null;
  await recordConsentEvent(`marketing_${writeId}`, {
    phone: phone?.ok ? phone.e164 : null,
    action: is ? "opted_in" : "opted_out",
    source: "marketing",
    reason: after === null ? "user deleted" : `marketing_sms_opt_in set to ${is}`,
    userId,
  });
}
