/**
 * `sms_recipients/{uid}`: a backend-owned projection of each user with what the scheduled jobs
 * filter on, resolved once: time zone (default applied), role, language, E.164 number, whether
 * SMS is enabled. Client apps leave `timezone` out or write national numbers; Firestore cannot
 * query for a missing field, so "every student at 09:00 where they are" is a query on this
 * collection (timeZone in the zones at 09:00), never a scan of `users`.
 */
import { userPage } from "../../data/users";
import { COLLECTIONS } from "../../data/firestore";
import { writeRecipientRow, writeRecipientRows, type RecipientRow } from "../../data/recipients";
import { parseUser } from "../../domain/clientDocs";
import { resolveTimeZone } from "../../domain/localTime";
import { normalizePhone } from "../../domain/phone";
import { toLanguage } from "../../domain/templates";
import type { Settings } from "../../params";
import * as logs from "../../logs";

export type { RecipientRow };

/** The row for a user document, or null when the user should not be indexed (deleted). */
export function recipientRow(
  data: unknown,
  settings: Pick<Settings, "defaultTimeZone" | "defaultLanguage" | "defaultCountry">,
): RecipientRow | null {
  const parsed = parseUser(data);
  if (!parsed.ok) return null;
  const user = parsed.value;
  const phone = normalizePhone(user.phone_number, settings.defaultCountry);
  return {
    timeZone: resolveTimeZone([user.timezone], settings.defaultTimeZone),
    role: user.role ?? null,
    language: toLanguage(user.language, toLanguage(settings.defaultLanguage, "en")),
    phone: phone.ok ? phone.e164 : null,
    smsEnabled: user.sms_notifications_enabled,
    marketingOptIn: user.marketing_sms_opt_in,
    dailySummary: user.daily_summary_enabled,
    name: user.name ?? null,
    dailyStreak: user.daily_streak ?? 0,
  };
}

/** Mirrors one user document (null: deleted) into the projection. Idempotent. */
export async function syncRecipient(
  userId: string,
  data: unknown | null,
  settings: Settings,
): Promise<void> {
  const row = data === null ? null : recipientRow(data, settings);
  if (!row && data !== null)
    logs.skippedDocument(`${COLLECTIONS.users}/${userId}`, "malformed user");
  await writeRecipientRow(userId, row);
}

/** Rebuilds the projection from `users`, a page at a time (after a deploy or a default change). */
export async function syncAllRecipients(settings: Settings, pageSize = 500): Promise<number> {
  let synced = 0;
  let after: string | null = null;
  for (;;) {
    const page = await userPage(after, pageSize);
    if (page.length === 0) return synced;
    await writeRecipientRows(
      page.map((user) => ({ userId: user.id, row: recipientRow(user.data, settings) })),
    );
    synced += page.length;
    after = page[page.length - 1].id;
  }
}
