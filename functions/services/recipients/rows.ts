/**
 * `sms_recipients/{uid}`: a backend-owned projection of each user with what the scheduled jobs
 * filter on, resolved once: time zone (default applied), role, language, E.164 number, whether
 * SMS is enabled. Client apps leave `timezone` out or write national numbers; Firestore cannot
 * query for a missing field, so "every student at 09:00 where they are" is a query on this
 * collection (timeZone in the zones at 09:00), never a scan of `users`.
 */
import { usersCollection } from "../../data/refs";
import { FieldValue } from "firebase-admin/firestore";
import { COLLECTIONS, db } from "../../data/firestore";
import { parseUser } from "../../domain/clientDocs";
import { resolveTimeZone } from "../../domain/localTime";
import { normalizePhone } from "../../domain/phone";
import { toLanguage } from "../../domain/templates";
import type { Settings } from "../../params";
import * as logs from "../../logs";

export const RECIPIENTS = "sms_recipients";

/** One row of the projection. */
export interface RecipientRow {
  timeZone: string;
  role: string | null;
  language: string;
  phone: string | null;
  smsEnabled: boolean;
  marketingOptIn: boolean;
  /** Opted in to the 21:00 daily summary (`daily_summary_enabled: true` on the user). */
  dailySummary: boolean;
  name: string | null;
  dailyStreak: number;
}

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

/**
 * The rows of these users that exist, by user id: one batched read. Rows are written only by
 * this module, so they are typed as written; callers that must not trust that parse them.
 */
export async function recipientRows(
  userIds: readonly string[],
): Promise<Map<string, RecipientRow>> {
  if (userIds.length === 0) return new Map();
  const snapshots = await db().getAll(...userIds.map((id) => db().collection(RECIPIENTS).doc(id)));
  return new Map(
    snapshots.filter((s) => s.exists).map((s) => [s.id, s.data() as RecipientRow] as const),
  );
}

/** Mirrors one user document (null: deleted) into the projection. Idempotent. */
export async function syncRecipient(
  userId: string,
  data: unknown | null,
  settings: Settings,
): Promise<void> {
  const ref = db().collection(RECIPIENTS).doc(userId);
  const row = data === null ? null : recipientRow(data, settings);
  if (!row) {
    if (data !== null) logs.skippedDocument(`${COLLECTIONS.users}/${userId}`, "malformed user");
    await ref.delete();
    return;
  }
  await ref.set({ ...row, updatedAt: FieldValue.serverTimestamp() });
}

/** Rebuilds the projection from `users`, a page at a time (after a deploy or a default change). */
export async function syncAllRecipients(settings: Settings, pageSize = 500): Promise<number> {
  let synced = 0;
  let last: FirebaseFirestore.QueryDocumentSnapshot | undefined;
  for (;;) {
    let query = usersCollection().orderBy("__name__").limit(pageSize);
    if (last) query = query.startAfter(last);
    const page = await query.get();
    if (page.empty) return synced;
    const batch = db().batch();
    for (const doc of page.docs) {
      const row = recipientRow(doc.data(), settings);
      const ref = db().collection(RECIPIENTS).doc(doc.id);
      if (row) batch.set(ref, { ...row, updatedAt: FieldValue.serverTimestamp() });
      else batch.delete(ref);
    }
    await batch.commit();
    synced += page.size;
    last = page.docs[page.docs.length - 1];
  }
}
