/**
 * `sms_recipients/{uid}`: the backend's projection of each user (see services/recipients/rows
 * for what a row holds and when it is written), and the queries the jobs, campaigns and inbound
 * replies run on it.
 */
import { FieldPath, FieldValue, type Query } from "firebase-admin/firestore";
import { backendConverter, COLLECTIONS, db, getAll, readDoc } from "./firestore";

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

/** The rows, typed as this module writes them. */
export function recipientsCollection() {
  return db().collection(COLLECTIONS.recipients).withConverter(backendConverter<RecipientRow>());
}

function recipientRef(userId: string) {
  return recipientsCollection().doc(userId);
}

/** One user's row, or undefined when there is none. */
export async function recipientRowOf(userId: string): Promise<RecipientRow | undefined> {
  return (await readDoc(recipientRef(userId))).data();
}

/** The rows of these users that exist, by user id: one batched read. */
export async function recipientRows(
  userIds: readonly string[],
): Promise<Map<string, RecipientRow>> {
  const snapshots = await getAll(userIds.map(recipientRef));
  const rows = new Map<string, RecipientRow>();
  for (const snapshot of snapshots) {
    const row = snapshot.data();
    if (row) rows.set(snapshot.id, row);
  }
  return rows;
}

/** The user whose row has this E.164 number (national formats were resolved when written). */
export async function recipientWithPhone(
  e164: string,
): Promise<{ userId: string; row: RecipientRow } | undefined> {
  const match = await recipientsCollection().where("phone", "==", e164).limit(1).get();
  const doc = match.docs[0];
  return doc ? { userId: doc.id, row: doc.data() } : undefined;
}

/** Writes (a row) or removes (null) one user's row. Idempotent. */
export async function writeRecipientRow(userId: string, row: RecipientRow | null): Promise<void> {
  const ref = db().collection(COLLECTIONS.recipients).doc(userId);
  if (row) await ref.set({ ...row, updatedAt: FieldValue.serverTimestamp() });
  else await ref.delete();
}

/** Writes or removes many rows in one batch (at most 500). */
export async function writeRecipientRows(
  rows: readonly { userId: string; row: RecipientRow | null }[],
): Promise<void> {
  const batch = db().batch();
  for (const { userId, row } of rows) {
    const ref = db().collection(COLLECTIONS.recipients).doc(userId);
    if (row) batch.set(ref, { ...row, updatedAt: FieldValue.serverTimestamp() });
    else batch.delete(ref);
  }
  await batch.commit();
}

/** A page of rows in document-id order, after `cursor` (a user id). */
export interface RecipientPage {
  rows: { userId: string; row: RecipientRow }[];
  /** The last id of this page, where the next starts; the given cursor when empty. */
  nextCursor: string | null;
  /** The page was not full: nothing follows it. */
  last: boolean;
}

async function pageOf(
  query: Query<RecipientRow>,
  cursor: string | null,
  size: number,
): Promise<RecipientPage> {
  let paged = query.orderBy(FieldPath.documentId()).limit(size);
  if (cursor) paged = paged.startAfter(cursor);
  const page = await paged.get();
  return {
    rows: page.docs.map((doc) => ({ userId: doc.id, row: doc.data() })),
    nextCursor: page.docs.at(-1)?.id ?? cursor,
    last: page.size < size,
  };
}

/** Rows that may receive a campaign: marketing opt-in and SMS on, of the given roles if any. */
export function marketingRecipientsPage(
  roles: readonly string[] | undefined,
  cursor: string | null,
  size: number,
): Promise<RecipientPage> {
  let query = recipientsCollection()
    .where("marketingOptIn", "==", true)
    .where("smsEnabled", "==", true);
  if (roles) query = query.where("role", "in", roles);
  return pageOf(query, cursor, size);
}

/**
 * Rows with SMS on in these zones (at most 30), of the students or of those who opted in to
 * the daily summary: the audience of an "at HH:00 local" job.
 */
export function jobRecipientsPage(
  audience: "students" | "dailySummary",
  zones: readonly string[],
  cursor: string | null,
  size: number,
): Promise<RecipientPage> {
  let query = recipientsCollection().where("smsEnabled", "==", true);
  query =
    audience === "students"
      ? query.where("role", "==", "student")
      : query.where("dailySummary", "==", true);
  return pageOf(query.where("timeZone", "in", zones), cursor, size);
}
