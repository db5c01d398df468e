/**
 * The rules matrix's vocabulary: who calls (actors and their claims), one allow/deny case per
 * row, the documents clients write, and the seed every case starts from.
 */
import firebase from "firebase/compat/app";
import "firebase/compat/firestore";

export type Data = Record<string, unknown>;

/**
 * Who calls. Users documents (seeded below) say student-1 and student-2 are students,
 * partner-1 and partner-2 partners and fake-admin an admin; only admin-1 has the admin claim.
 * new-user has no users document yet; the claim-* actors check that a role claim wins.
 */
export const ACTORS = {
  anon: null,
  "student-1": {},
  "student-2": {},
  "partner-1": {},
  "partner-2": {},
  "admin-1": { role: "admin" },
  "fake-admin": {},
  "new-user": {},
  "claim-partner": { role: "partner" },
  "claim-student": { role: "student" },
} satisfies Record<string, Data | null>;
export type Actor = keyof typeof ACTORS;
export const MAIN_ACTORS: Actor[] = [
  "anon",
  "student-1",
  "student-2",
  "partner-1",
  "partner-2",
  "admin-1",
  "fake-admin",
];

export type Op = "get" | "list" | "create" | "update" | "delete";
export type Expect = "allow" | "deny";
export interface Row {
  name: string;
  expect: Expect;
  actor: Actor;
  op: Op;
  /** A document, or for `list` a collection. */
  path: string;
  /** The written fields, or for `list` the equality filters of the query. */
  data?: Data;
}

export function row(
  expect: Expect,
  actor: Actor,
  op: Op,
  path: string,
  why: string,
  data?: Data,
): Row {
  const filters = op === "list" && data ? Object.entries(data) : [];
  const where = filters.map(([field, value]) => ` where ${field} == ${String(value)}`).join("");
  return {
    name: `${expect}: ${actor} ${op} ${path}${where} (${why})`,
    expect,
    actor,
    op,
    path,
    data,
  };
}

export const remove = () => firebase.firestore.FieldValue.delete();
export const without = (data: Data, key: string): Data =>
  Object.fromEntries(Object.entries(data).filter(([k]) => k !== key));
export const at = (iso: string) => new Date(iso);

export const profile = (role: string, extra: Data = {}): Data => ({
  role,
  name: "Name",
  email: "someone@example.com",
  phone_number: "+12125550100",
  timezone: "America/New_York",
  language: "en",
  sms_notifications_enabled: true,
  marketing_sms_opt_in: false,
  ...extra,
});

export const task = (createdBy: string, assignedTo: string, extra: Data = {}): Data => ({
  title: "Read chapter 3",
  subjectId: "math",
  chapterId: "ch-3",
  taskType: "reading",
  completed: false,
  assignedTo,
  createdBy,
  createdAt: at("2025-11-20T10:00:00Z"),
  deadline: at("2025-11-25T17:00:00Z"),
  ...extra,
});

/** A reminder as a client writes it: `who` holds userId and createdBy (undefined omits). */
export const reminder = (who: { userId?: string; createdBy?: string }, extra: Data = {}): Data => ({
  ...(who.userId === undefined ? {} : { userId: who.userId }),
  ...(who.createdBy === undefined ? {} : { createdBy: who.createdBy }),
  title: "Revise",
  message: "Revise chapter 3",
  scheduledTime: "2025-11-24T14:00:00-05:00",
  timezone: "America/New_York",
  channel: "sms",
  recurrence: "none",
  completed: false,
  ...extra,
});

/** What the backend has written on a scheduled reminder. */
export const RUN_AT = at("2025-11-24T19:00:00Z");
export const scheduled = { status: "scheduled", nextRunAt: RUN_AT };
export const phoneOnly = (createdBy?: string) =>
  reminder({ createdBy }, { phone_number: "+12125550199" });

export const SEED: Record<string, Data> = {
  "users/student-1": profile("student"),
  "users/student-2": profile("student"),
  "users/partner-1": profile("partner"),
  "users/partner-2": profile("partner"),
  "users/fake-admin": profile("admin"),
  "users/claim-student": profile("partner"),
  "sms_partner_students/partner-1/students/student-1": { taskIds: ["task-p1"] },
  // partner-1 → student-1 (linked); partner-2 → student-2 with no link document (yet).
  "tasks/task-p1": task("partner-1", "student-1"),
  "tasks/task-p2": task("partner-2", "student-2"),
  "tasks/task-s1": task("student-1", "student-1"),
  "tasks/task-s2": task("student-2", "student-2"),
  // A former partner (now a student by claim) whose task and link document remain.
  "tasks/task-cs": task("claim-student", "student-2"),
  "sms_partner_students/claim-student/students/student-2": { taskIds: ["task-cs"] },
  "reminders/rem-s1": reminder({ userId: "student-1" }, scheduled),
  "reminders/rem-s2": reminder({ userId: "student-2" }, scheduled),
  "reminders/rem-p1": reminder(
    { userId: "student-1", createdBy: "partner-1" },
    { taskId: "task-p1", ...scheduled },
  ),
  "reminders/rem-phone": { ...phoneOnly("admin-1"), ...scheduled },
  "sms_messages/msg-s1": { userId: "student-1", body: "mine", status: "sent" },
  "sms_messages/msg-s2": { userId: "student-2", body: "theirs", status: "sent" },
  "sms_templates/tpl-1": { type: "reminder", content: { en: "Hi" } },
  "sms_campaigns/camp-1": { name: "Exam week", status: "draft" },
  "sms_suppressions/+12125550188": { reason: "STOP" },
  "sms_recipients/student-1": { phone: "+12125550100", timeZone: "America/New_York" },
  "sms_inbound/in-1": { from: "+12125550100", body: "STOP" },
  "sms_consent_events/ev-1": { userId: "student-1", type: "opt_out" },
  "sms_sender_allowances/partner-1": { count: 1 },
};
