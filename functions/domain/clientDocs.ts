/**
 * The documents the existing client apps write (docs/contract.md §2), parsed rather than trusted.
 * The apps will not change for us: snake_case users, camelCase tasks, dates as Firestore
 * Timestamps or ISO-8601 strings, optional fields missing. A document that cannot be used is
 * reported with a reason instead of throwing, so a trigger can log it and move on.
 */
import { z } from "zod";
import { formatInTimeZone, fromZonedTime, getTimezoneOffset } from "date-fns-tz";

/**
 * A date as a client app wrote it. A string without an offset is wall-clock time in some zone
 * that only the caller knows (the recipient's), so it stays unresolved until `toInstant`.
 */
export type ClientDate = { instant: Date } | { local: string };

const DATE = String.raw`\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])`;
const TIME = String.raw`([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?`;
const ISO_WITH_OFFSET = new RegExp(`^${DATE}T${TIME}(Z|[+-]\\d{2}:?\\d{2})$`, "i");
const ISO_LOCAL = new RegExp(`^${DATE}([T ]${TIME})?$`);
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** True when the calendar date exists (no 30 February). */
function isRealDate(text: string): boolean {
  const [year, month, day] = text.slice(0, 10).split("-").map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Firestore Timestamp (Admin SDK, or its plain JSON shapes) to Date; undefined if not one. */
function timestampToDate(value: unknown): Date | undefined {
  if (value instanceof Date) return value;
  if (typeof value !== "object" || value === null) return undefined;
  const candidate = value as { toDate?: unknown };
  if (typeof candidate.toDate === "function") return (candidate.toDate as () => Date)();
  const plain = value as Record<string, unknown>;
  const seconds = plain.seconds ?? plain._seconds;
  const nanos = plain.nanoseconds ?? plain._nanoseconds ?? 0;
  if (typeof seconds !== "number" || typeof nanos !== "number") return undefined;
  return new Date(seconds * 1000 + Math.floor(nanos / 1e6));
}

/** Parses one client date; undefined when the value is not a usable date. */
export function parseClientDate(value: unknown): ClientDate | undefined {
  const fromTimestamp = timestampToDate(value);
  if (fromTimestamp) return isNaN(fromTimestamp.getTime()) ? undefined : { instant: fromTimestamp };
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (!isRealDate(text)) return undefined;
  if (ISO_LOCAL.test(text)) return { local: text.replace(" ", "T") };
  if (!ISO_WITH_OFFSET.test(text)) return undefined;
  const instant = new Date(text);
  return isNaN(instant.getTime()) ? undefined : { instant };
}

/**
 * Resolves a client date in the recipient's zone. A date without a time is a deadline for
 * the whole day, so it means the end of that day there.
 */
export function toInstant(date: ClientDate, timeZone: string): Date {
  if ("instant" in date) return date.instant;
  const local = DATE_ONLY.test(date.local) ? `${date.local}T23:59:00` : date.local;
  const instant = fromZonedTime(local, timeZone);
  // A wall-clock time skipped by a DST change (02:30 on a spring-forward night) means the
  // same time on the offset before the change, i.e. an hour later on the new one (RFC 5545).
  const skipped = formatInTimeZone(instant, timeZone, "yyyy-MM-dd'T'HH:mm") !== local.slice(0, 16);
  if (!skipped) return instant;
  const asUtc = Date.parse(`${local}Z`);
  return new Date(asUtc - getTimezoneOffset(timeZone, new Date(asUtc - DAY_MS)));
}

/** Equality of two optional client dates, as written (not as resolved). */
export function sameClientDate(a: ClientDate | undefined, b: ClientDate | undefined): boolean {
  if (!a || !b) return a === b;
  if ("instant" in a && "instant" in b) return a.instant.getTime() === b.instant.getTime();
  if ("local" in a && "local" in b) return a.local === b.local;
  return false;
}

const optionalText = z
  .unknown()
  .optional()
  .transform((value) => (typeof value === "string" && value.trim() ? value.trim() : undefined));

const optionalDate = z
  .unknown()
  .optional()
  .transform((value) => parseClientDate(value));

/** `false` (or a string/number that clearly means false) disables; missing means enabled. */
const enabledFlag = z
  .unknown()
  .optional()
  .transform((value) => !(value === false || value === "false" || value === 0 || value === "0"));

const requiredId = z.string().trim().min(1);

export const clientUserSchema = z.object({
  name: optionalText,
  email: optionalText,
  role: optionalText,
  phone_number: z
    .unknown()
    .optional()
    .transform((value) =>
      typeof value === "number" && Number.isFinite(value)
        ? String(value)
        : typeof value === "string" && value.trim()
          ? value.trim()
          : undefined,
    ),
  daily_streak: z
    .unknown()
    .optional()
    .transform((value) =>
      typeof value === "number" && Number.isFinite(value) && value >= 0
        ? Math.floor(value)
        : undefined,
    ),
  sms_notifications_enabled: enabledFlag,
  email_notifications_enabled: enabledFlag,
  timezone: optionalText,
  language: optionalText,
  marketing_sms_opt_in: z
    .unknown()
    .optional()
    .transform((value) => value === true),
  daily_summary_enabled: z
    .unknown()
    .optional()
    .transform((value) => value === true),
});

/** A user document as the backend uses it. */
export type ClientUser = z.output<typeof clientUserSchema>;

export const clientTaskSchema = z.object({
  title: z.string().trim().min(1, "title is missing"),
  assignedTo: requiredId,
  createdBy: optionalText,
  subjectId: optionalText,
  chapterId: optionalText,
  taskType: optionalText,
  completed: z
    .unknown()
    .optional()
    .transform((value) => value === true),
  createdAt: optionalDate,
  deadline: optionalDate,
  completedAt: optionalDate,
});

/** A task document as the backend uses it. */
export type ClientTask = z.output<typeof clientTaskSchema>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

function parseWith<T>(schema: z.ZodType<T>, data: unknown): Parsed<T> {
  if (typeof data !== "object" || data === null) return { ok: false, reason: "not an object" };
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  const reason = result.error.issues
    .map((issue) => `${issue.path.join(".") || "document"}: ${issue.message}`)
    .join("; ");
  return { ok: false, reason };
}

/** Parses a `users/{uid}` document. */
export function parseUser(data: unknown): Parsed<ClientUser> {
  return parseWith(clientUserSchema, data);
}

/** Parses a `tasks/{taskId}` document. */
export function parseTask(data: unknown): Parsed<ClientTask> {
  return parseWith(clientTaskSchema, data);
}
