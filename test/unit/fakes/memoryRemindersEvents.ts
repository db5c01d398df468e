/**
 * Scenarios on the in-memory reminders: the people in them, the reminders they write, and each
 * write as Firestore triggers see it (a client's, or the echo of the backend's own), as the
 * `ReminderChange` the trigger would hand over.
 */
import type { DocumentData, Timestamp } from "firebase-admin/firestore";
import {
  handleReminderChange,
  type ReminderChange,
} from "../../../functions/services/reminders/changes";
import { memoryReminderWorld, type MemoryReminderWorld } from "./memoryReminders";
import { testSettings } from "./settings";

/** When the tests' client writes happen, unless a test says otherwise. */
export const CHANGE_TIME = new Date("2026-11-21T12:00:00Z");
const settings = testSettings();

/** The trigger handles `change` at `now`, on the world's fakes. */
export function handle(world: MemoryReminderWorld, change: ReminderChange, now = CHANGE_TIME) {
  return handleReminderChange(change, settings, now, world.ports);
}

/** A client writes `fields` onto `reminderId`, and the trigger handles that write. */
export function write(world: MemoryReminderWorld, reminderId: string, fields: DocumentData) {
  return handle(world, clientWrites(world, reminderId, fields));
}

/** The backend's fields of a reminder that will not run again. */
export const failed = (errorMessage: string) => ({
  status: "failed",
  nextRunAt: null,
  errorMessage,
});

/** As triggers/version names a write: its update time, to the nanosecond. */
export function versionOf(updateTime: Timestamp): string {
  return `${updateTime.seconds}${String(updateTime.nanoseconds).padStart(9, "0")}`;
}

/** The event of the reminder's latest write (the client's or the backend's own). */
export function eventOf(
  world: MemoryReminderWorld,
  reminderId: string,
  before: DocumentData | null,
): ReminderChange {
  const updateTime = world.reminders.updateTime(reminderId);
  if (!updateTime) throw new Error(`no reminder ${reminderId}`);
  const after = world.reminders.data(reminderId) ?? null;
  return { reminderId, before, after, version: versionOf(updateTime), updateTime };
}

/** A client app writes these fields onto the reminder (merged, as an app's update is). */
export function clientWrites(
  world: MemoryReminderWorld,
  reminderId: string,
  fields: DocumentData,
): ReminderChange {
  const before = world.reminders.data(reminderId) ?? null;
  world.reminders.put(reminderId, { ...before, ...fields });
  return eventOf(world, reminderId, before);
}

/** The backend's fields of the stored reminder, nextRunAt as an ISO string. */
export function storedFields(world: MemoryReminderWorld, reminderId: string) {
  const data = world.reminders.data(reminderId);
  const nextRunAt = data?.nextRunAt as Timestamp | null | undefined;
  return {
    status: data?.status,
    nextRunAt: nextRunAt?.toDate().toISOString() ?? null,
    errorMessage: data?.errorMessage,
  };
}

/** Two students (Turkish in Istanbul, English in New York), a partner, an admin, and a student
 * without a number. */
export function studentWorld(): MemoryReminderWorld {
  const world = memoryReminderWorld();
  world.people.add("stu-tr", {
    role: "student",
    phone: "+905321234567",
    language: "tr",
    timeZone: "Europe/Istanbul",
  });
  world.people.add("stu-en", {
    role: "student",
    phone: "+12125550100",
    language: "en",
    timeZone: "America/New_York",
  });
  world.people.add("partner-1", { role: "partner", phone: "+12125550101" });
  world.people.add("admin-1", { role: "admin" });
  world.people.add("stu-nophone", { role: "student", language: "tr" });
  return world;
}

export const REMINDER_TITLE = "Revise chapter 3";

/** A reminder a user wrote for themself, at 10:00 on 22 November 2026 in their zone. */
export const ownReminder = (userId: string, fields: DocumentData = {}): DocumentData => ({
  userId,
  createdBy: userId,
  title: REMINDER_TITLE,
  message: "Time to revise chapter 3.",
  scheduledTime: "2026-11-22T10:00",
  ...fields,
});
