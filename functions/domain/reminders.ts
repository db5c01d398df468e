/**
 * Reminders as client apps write them (docs/contract.md §2), and what a write of one means: when it runs
 * next, which status it has, and which confirmation the recipient gets. Pure: the trigger
 * gathers the documents and the zone, this decides.
 */
import { z } from "zod";
import { parseClientDate, sameClientDate, toInstant, type ClientDate } from "./clientDocs";
import { isValidTimeZone } from "./localTime";
import { nextOccurrence, toRecurrence, type Recurrence } from "./recurrence";

export type ReminderChannel = "sms" | "whatsapp" | "voice" | "email";
export type ReminderStatus =
  "scheduled" | "sending" | "sent" | "failed" | "completed" | "cancelled";

/** A reminder due less than this long ago is still sent (a slow app, a clock a little off). */
export const REMINDER_GRACE_MS = 15 * 60_000;

const optionalText = z
  .unknown()
  .optional()
  .transform((value) => (typeof value === "string" && value.trim() ? value.trim() : undefined));

export const reminderSchema = z
  .object({
    userId: optionalText,
    phone_number: optionalText,
    title: z
      .string()
      .trim()
      .min(3, "title must be 3 to 100 characters")
      .max(100, "title must be 3 to 100 characters"),
    message: z
      .string()
      .trim()
      .min(1, "message must be 1 to 480 characters")
      .max(480, "message must be 1 to 480 characters"),
    scheduledTime: z.unknown().transform((value, context) => {
      const date = parseClientDate(value);
      if (!date)
        context.addIssue({ code: "custom", message: "not a date (Timestamp or ISO-8601)" });
      return date as ClientDate;
    }),
    timezone: optionalText.refine(
      (tz) => tz === undefined || isValidTimeZone(tz),
      "unknown time zone",
    ),
    channel: z
      .unknown()
      .optional()
      .transform((value) => (value === undefined || value === null ? "sms" : value))
      .pipe(
        z.enum(
          ["sms", "whatsapp", "voice", "email"],
          "channel must be sms, whatsapp, voice or email",
        ),
      ),
    recurrence: z
      .unknown()
      .optional()
      .refine(
        (value) =>
          value === undefined ||
          value === null ||
          value === "none" ||
          toRecurrence(value) !== "none",
        "recurrence must be none, daily, weekly or monthly",
      )
      .transform((value): Recurrence => toRecurrence(value)),
    taskId: optionalText,
    createdBy: optionalText,
    completed: z
      .unknown()
      .optional()
      .transform((value) => value === true),
    status: optionalText,
  })
  .refine((reminder) => reminder.userId || reminder.phone_number, {
    message: "a reminder needs userId or phone_number",
    path: ["userId"],
  });

/** A reminder document as the backend uses it. */
export type Reminder = z.output<typeof reminderSchema>;

/** Parses a reminder; a reason names the fields that are wrong. */
export function parseReminder(
  data: unknown,
): { ok: true; value: Reminder } | { ok: false; reason: string } {
  if (typeof data !== "object" || data === null) return { ok: false, reason: "not an object" };
  const result = reminderSchema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    reason: result.error.issues
      .map((i) => `${i.path.join(".") || "reminder"}: ${i.message}`)
      .join("; "),
  };
}

/** When the reminder runs next after `now`, or undefined when it never will (long past). */
export function firstRun(reminder: Reminder, timeZone: string, now: Date): Date | undefined {
  const first = toInstant(reminder.scheduledTime, timeZone);
  const earliest = new Date(now.getTime() - REMINDER_GRACE_MS);
  return nextOccurrence(first, reminder.recurrence, timeZone, earliest);
}

/** What the backend writes and sends after a client's write of a reminder. */
export interface ReminderPlan {
  /** Backend fields to write; undefined: write nothing. */
  fields?: { status: ReminderStatus; nextRunAt: Date | null; errorMessage: string | null };
  confirmation?: "reminder_created" | "reminder_updated" | "reminder_completed";
}

const TIMING_FIELDS = ["timezone", "recurrence"] as const;

/**
 * The plan for a client's write. `before`/`after` are parsed reminders (null: absent or
 * deleted). Writes that change only backend fields (status other than a cancel, nextRunAt,
 * lastSentAt, ...) plan nothing, so the backend's own writes never cause a notification.
 */
export function planReminderChange(
  before: Reminder | null,
  after: Reminder | null,
  timeZone: string,
  now: Date,
): ReminderPlan {
  if (!after) return {};
  const cancelledNow = after.status === "cancelled" && before?.status !== "cancelled";
  if (cancelledNow) return { fields: { status: "cancelled", nextRunAt: null, errorMessage: null } };
  if (after.status === "cancelled") return {};
  if (after.completed) {
    if (before && !before.completed) {
      return {
        fields: { status: "completed", nextRunAt: null, errorMessage: null },
        confirmation: "reminder_completed",
      };
    }
    return {};
  }
  const timingChanged =
    !before ||
    !sameClientDate(before.scheduledTime, after.scheduledTime) ||
    TIMING_FIELDS.some((field) => before[field] !== after[field]) ||
    before.completed;
  const contentChanged =
    !!before && (before.message !== after.message || before.channel !== after.channel);
  if (!timingChanged && !contentChanged) return {};
  const confirmation = before ? "reminder_updated" : "reminder_created";
  if (!timingChanged) return { confirmation };
  const next = firstRun(after, timeZone, now);
  if (!next) {
    return {
      fields: {
        status: "failed",
        nextRunAt: null,
        errorMessage: "The reminder time has already passed. Choose a time in the future.",
      },
    };
  }
  return { fields: { status: "scheduled", nextRunAt: next, errorMessage: null }, confirmation };
}
