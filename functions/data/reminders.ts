/**
 * `reminders/{reminderId}`: documents the client apps write, on which the backend keeps a few
 * fields of its own (status, nextRunAt, errorMessage, lastMessageId). The client's fields are
 * parsed by domain/reminders; this module reads and writes only the backend's.
 */
import {
  FieldPath,
  Timestamp,
  type DocumentData,
  type Transaction,
} from "firebase-admin/firestore";
import { isAlreadyExists, isFailedPrecondition, runTransaction } from "./firestore";
import { reminderRef, remindersCollection } from "./refs";
import type { ReminderStatus } from "../domain/reminders";
import type { ReminderOutcomeFields, ReminderState } from "./delivery";

/** The backend's scheduling fields of a reminder. */
export interface ReminderFields {
  status: ReminderStatus;
  nextRunAt: Date | null;
  errorMessage: string | null;
}

/** The fields a dispatch writes: the scheduling fields and the occurrence's message. */
export interface ReminderDispatchFields extends ReminderFields {
  lastMessageId: string;
}

/** A reminder as stored: the document (parsed by domain/reminders) and the backend's fields. */
export interface StoredReminder {
  data: DocumentData;
  status: string | undefined;
  nextRunAt: Date | undefined;
}

function toStored(fields: ReminderFields): DocumentData {
  const { nextRunAt, ...rest } = fields;
  return { ...rest, nextRunAt: nextRunAt ? Timestamp.fromDate(nextRunAt) : null };
}

// Duck-typed: a trigger's snapshot may carry another copy of the SDK's Timestamp class.
function isTimestamp(value: unknown): value is Pick<Timestamp, "toDate"> {
  return typeof (value as { toDate?: unknown } | null)?.toDate === "function";
}

/** `nextRunAt` of a reminder document's data as a Date; undefined when unset. */
export function nextRunAtOf(data: DocumentData | null | undefined): Date | undefined {
  const value: unknown = data?.nextRunAt;
  return isTimestamp(value) ? value.toDate() : undefined;
}

function statusOf(data: DocumentData | undefined): string | undefined {
  const value: unknown = data?.status;
  return typeof value === "string" ? value : undefined;
}

/**
 * Writes backend fields onto the reminder. With `lastUpdateTime`, only on top of that write:
 * false when the client has written the reminder since (its own trigger run plans from it).
 */
export async function writeReminderFields(
  reminderId: string,
  fields: ReminderFields,
  lastUpdateTime?: Timestamp,
): Promise<boolean> {
  const ref = reminderRef(reminderId);
  try {
    if (lastUpdateTime) await ref.update(toStored(fields), { lastUpdateTime });
    else await ref.update(toStored(fields));
    return true;
  } catch (error) {
    if (isFailedPrecondition(error)) return false;
    throw error;
  }
}

/**
 * In one transaction, on top of the write at `lastUpdateTime` (when given): runs `work` (its
 * reads in `tx`, then its writes) and writes the fields it returns onto the reminder. False,
 * and nothing written, when the reminder is gone or the client has written it since.
 */
export async function updateOnTopOf(
  reminderId: string,
  lastUpdateTime: Timestamp | undefined,
  work: (tx: Transaction) => Promise<ReminderFields | undefined>,
): Promise<boolean> {
  const ref = reminderRef(reminderId);
  return runTransaction(async (tx) => {
    const current = await tx.get(ref);
    if (!current.exists) return false;
    if (lastUpdateTime && !current.updateTime?.isEqual(lastUpdateTime)) return false;
    const fields = await work(tx);
    if (fields) tx.update(ref, toStored(fields));
    return true;
  });
}

/** The reminder as it is now; undefined when there is none. */
export async function readReminder(reminderId: string): Promise<StoredReminder | undefined> {
  const snapshot = await reminderRef(reminderId).get();
  const data = snapshot.data();
  if (!data) return undefined;
  return { data, status: statusOf(data), nextRunAt: nextRunAtOf(data) };
}

/** Up to `limit` reminders scheduled at or before `now`, oldest first, by id. */
export async function dueReminderIds(now: Date, limit: number): Promise<string[]> {
  const due = await remindersCollection()
    .where("status", "==", "scheduled")
    .where("nextRunAt", "<=", Timestamp.fromDate(now))
    .orderBy("nextRunAt")
    .limit(limit)
    .get();
  return due.docs.map((doc) => doc.id);
}

/**
 * In one transaction: when the reminder is still `scheduled` at `dueAt`, runs `work` (which
 * makes its own reads in `tx`, then its writes) and writes the fields it returns onto the
 * reminder. Undefined, and nothing written, when the occurrence is no longer due (another run
 * took it, or the client changed the reminder).
 */
export async function updateIfStillDue<T>(
  reminderId: string,
  dueAt: Date,
  work: (tx: Transaction) => Promise<{ fields: ReminderDispatchFields; value: T }>,
): Promise<T | undefined> {
  const ref = reminderRef(reminderId);
  return runTransaction(async (tx) => {
    const current = (await tx.get(ref)).data();
    const stillDue =
      statusOf(current) === "scheduled" && nextRunAtOf(current)?.getTime() === dueAt.getTime();
    if (!stillDue) return undefined;
    const { fields, value } = await work(tx);
    tx.update(ref, toStored(fields));
    return value;
  });
}

/** Where a page of `scheduledRemindersUntil` ended: the last reminder's nextRunAt and id. */
export interface ReminderCursor {
  nextRunAt: Date;
  reminderId: string;
}

/**
 * A page of the reminders `scheduled` to run at or before `until` (of one recipient when
 * `userId` is given), by nextRunAt then id, after `cursor`. Indexed: status + nextRunAt, and
 * userId + status + nextRunAt (firestore.indexes.json).
 */
export async function scheduledRemindersUntil(
  until: Date,
  page: { userId?: string; cursor?: ReminderCursor; limit: number },
): Promise<(StoredReminder & { reminderId: string })[]> {
  let query = remindersCollection().where("status", "==", "scheduled");
  if (page.userId !== undefined) query = query.where("userId", "==", page.userId);
  query = query
    .where("nextRunAt", "<=", Timestamp.fromDate(until))
    .orderBy("nextRunAt")
    .orderBy(FieldPath.documentId())
    .limit(page.limit);
  if (page.cursor) {
    query = query.startAfter(Timestamp.fromDate(page.cursor.nextRunAt), page.cursor.reminderId);
  }
  const found = await query.get();
  return found.docs.map((doc) => {
    const data = doc.data();
    return { reminderId: doc.id, data, status: statusOf(data), nextRunAt: nextRunAtOf(data) };
  });
}

/** The reminders about this task that are still scheduled. */
export async function scheduledReminderIdsOfTask(taskId: string): Promise<string[]> {
  const found = await remindersCollection()
    .where("taskId", "==", taskId)
    .where("status", "==", "scheduled")
    .get();
  return found.docs.map((doc) => doc.id);
}

/**
 * Cancels the reminder if it is still `scheduled` (one being sent is left to finish); true when
 * it was cancelled.
 */
export async function cancelIfScheduled(reminderId: string): Promise<boolean> {
  const ref = reminderRef(reminderId);
  return runTransaction(async (tx) => {
    if (statusOf((await tx.get(ref)).data()) !== "scheduled") return false;
    tx.update(ref, toStored({ status: "cancelled", nextRunAt: null, errorMessage: null }));
    return true;
  });
}

/** Creates the reminder document as a client app would; false when one has this id already. */
export async function createReminderDoc(
  reminderId: string,
  data: Record<string, unknown>,
): Promise<boolean> {
  try {
    await reminderRef(reminderId).create(data);
    return true;
  } catch (error) {
    if (isAlreadyExists(error)) return false;
    throw error;
  }
}

/** Inside `tx`: what a message's outcome needs to know of its reminder; undefined if none. */
export async function readReminderStateIn(
  tx: Transaction,
  reminderId: string,
): Promise<ReminderState | undefined> {
  const snapshot = await tx.get(reminderRef(reminderId));
  if (!snapshot.exists) return undefined;
  const text = (field: string) => {
    const value: unknown = snapshot.get(field);
    return typeof value === "string" ? value : null;
  };
  return { lastMessageId: text("lastMessageId"), status: text("status") };
}

/** Inside `tx`: writes a message's outcome onto its (existing) reminder. */
export function updateReminderOutcomeIn(
  tx: Transaction,
  reminderId: string,
  { lastSentAt, ...fields }: ReminderOutcomeFields,
): void {
  tx.update(
    reminderRef(reminderId),
    lastSentAt ? { lastSentAt: Timestamp.fromDate(lastSentAt), ...fields } : fields,
  );
}
