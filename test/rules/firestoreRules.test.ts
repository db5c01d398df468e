/**
 * firestore.rules as an allow/deny matrix: every collection × every actor × get, list, create,
 * update (each protected field on its own) and delete, against the Firestore emulator alone
 * (`npm run test:rules`). The legitimate client flows are cases of their own, and so are the
 * attacks the rules exist to stop.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  assertFails,
  assertSucceeds,
  initializeTestEnvironment,
  type RulesTestEnvironment,
} from "@firebase/rules-unit-testing";
import firebase from "firebase/compat/app";
import "firebase/compat/firestore";

type Firestore = firebase.firestore.Firestore;
type Data = Record<string, unknown>;

const PROJECT_ID = process.env.GCLOUD_PROJECT ?? "demo-sms-rules";
const [HOST, PORT] = (process.env.FIRESTORE_EMULATOR_HOST ?? "127.0.0.1:8080").split(":");

/**
 * Who calls. Users documents (seeded below) say student-1 and student-2 are students,
 * partner-1 and partner-2 partners and fake-admin an admin; only admin-1 has the admin claim.
 * new-user has no users document yet; the claim-* actors check that a role claim wins.
 */
const ACTORS = {
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
type Actor = keyof typeof ACTORS;
const MAIN_ACTORS: Actor[] = [
  "anon",
  "student-1",
  "student-2",
  "partner-1",
  "partner-2",
  "admin-1",
  "fake-admin",
];

type Op = "get" | "list" | "create" | "update" | "delete";
type Expect = "allow" | "deny";
interface Row {
  name: string;
  expect: Expect;
  actor: Actor;
  op: Op;
  /** A document, or for `list` a collection. */
  path: string;
  /** The written fields, or for `list` the equality filters of the query. */
  data?: Data;
}

function row(expect: Expect, actor: Actor, op: Op, path: string, why: string, data?: Data): Row {
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

const remove = () => firebase.firestore.FieldValue.delete();
const without = (data: Data, key: string): Data =>
  Object.fromEntries(Object.entries(data).filter(([k]) => k !== key));
const at = (iso: string) => new Date(iso);

const profile = (role: string, extra: Data = {}): Data => ({
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

const task = (createdBy: string, assignedTo: string, extra: Data = {}): Data => ({
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
const reminder = (who: { userId?: string; createdBy?: string }, extra: Data = {}): Data => ({
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
const RUN_AT = at("2025-11-24T19:00:00Z");
const scheduled = { status: "scheduled", nextRunAt: RUN_AT };
const phoneOnly = (createdBy?: string) => reminder({ createdBy }, { phone_number: "+12125550199" });

const SEED: Record<string, Data> = {
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

// users, tasks and reminders keep one case per line (prettier-ignore).
const SIGNED_IN = MAIN_ACTORS.filter((actor) => actor !== "anon");
const ADMIN = ["admin-1"];

// prettier-ignore
const users: Row[] = [
  row("deny", "anon", "get", "users/student-1", "signed out"),
  row("allow", "student-1", "get", "users/student-1", "own profile"),
  row("deny", "student-2", "get", "users/student-1", "another student"),
  row("allow", "partner-1", "get", "users/student-1", "linked partner"),
  row("deny", "partner-1", "get", "users/student-2", "student not linked"),
  row("deny", "partner-2", "get", "users/student-1", "unrelated partner"),
  row("deny", "claim-student", "get", "users/student-2", "linked, claim says student"),
  row("allow", "admin-1", "get", "users/student-1", "admin claim"),
  row("deny", "fake-admin", "get", "users/student-1", "users doc admin, no claim"),

  row("deny", "anon", "list", "users", "signed out"),
  row("deny", "student-1", "list", "users", "a user may not list others"),
  row("deny", "student-2", "list", "users", "a user may not list others", { role: "student" }),
  row("deny", "partner-1", "list", "users", "not even their students"),
  row("deny", "partner-2", "list", "users", "a user may not list others"),
  row("allow", "admin-1", "list", "users", "admin claim"),
  row("deny", "fake-admin", "list", "users", "users doc admin, no claim"),

  row("deny", "anon", "create", "users/new-user", "signed out", profile("student")),
  row("allow", "new-user", "create", "users/new-user", "sign-up as student", profile("student")),
  row("allow", "new-user", "create", "users/new-user", "sign-up as partner", profile("partner")),
  row("allow", "new-user", "create", "users/new-user", "no role yet", { name: "New" }),
  row("deny", "new-user", "create", "users/new-user", "self-promotion", profile("admin")),
  row("deny", "new-user", "create", "users/new-user", "unknown role", profile("teacher")),
  row("deny", "student-1", "create", "users/new-user", "someone else's doc", profile("student")),
  row("deny", "student-2", "create", "users/new-user", "someone else's doc", profile("student")),
  row("deny", "partner-1", "create", "users/new-user", "someone else's doc", profile("student")),
  row("deny", "partner-2", "create", "users/new-user", "someone else's doc", profile("student")),
  row("allow", "admin-1", "create", "users/new-user", "admin may create any", profile("admin")),
  row("deny", "fake-admin", "create", "users/new-user", "no claim", profile("student")),

  row("allow", "student-1", "update", "users/student-1", "edits own profile", {
    name: "Sam Student",
    phone_number: "+12125550111",
    timezone: "Europe/Istanbul",
    language: "tr",
    sms_notifications_enabled: false,
    marketing_sms_opt_in: true,
  }),
  row("allow", "student-1", "update", "users/student-1", "app's activity fields", {
    daily_streak: 4,
    last_activity_date: "2025-11-24",
    email: "sam@example.com",
  }),
  row("allow", "student-1", "update", "users/student-1", "same role rewritten", { role: "student", name: "Sam" }),
  row("deny", "student-1", "update", "users/student-1", "self-promotion", { role: "admin" }),
  row("deny", "student-1", "update", "users/student-1", "student→partner", { role: "partner" }),
  row("deny", "student-1", "update", "users/student-1", "removes role", { role: remove() }),
  row("deny", "partner-1", "update", "users/partner-1", "self-promotion", { role: "admin" }),
  row("deny", "anon", "update", "users/student-1", "signed out", { name: "X" }),
  row("deny", "student-2", "update", "users/student-1", "another student", { name: "X" }),
  row("deny", "partner-1", "update", "users/student-1", "linked partner reads only", { phone_number: "+12125550122" }),
  row("deny", "partner-2", "update", "users/student-1", "unrelated partner", { name: "X" }),
  row("allow", "admin-1", "update", "users/student-1", "admin changes role", { role: "partner" }),
  row("deny", "fake-admin", "update", "users/student-1", "no claim", { role: "partner" }),

  row("deny", "anon", "delete", "users/student-1", "signed out"),
  row("deny", "student-1", "delete", "users/student-1", "own profile (re-creating it would change the role)"),
  row("deny", "student-2", "delete", "users/student-1", "another student"),
  row("deny", "partner-1", "delete", "users/student-1", "linked partner"),
  row("deny", "partner-2", "delete", "users/student-1", "unrelated partner"),
  row("allow", "admin-1", "delete", "users/student-1", "admin claim"),
  row("deny", "fake-admin", "delete", "users/student-1", "no claim"),
];

const done = { completed: true, completedAt: at("2025-11-24T16:00:00Z") };

// prettier-ignore
const tasks: Row[] = [
  row("deny", "anon", "get", "tasks/task-p1", "signed out"),
  row("allow", "student-1", "get", "tasks/task-p1", "assignee"),
  row("allow", "student-1", "get", "tasks/task-s1", "creator"),
  row("deny", "student-2", "get", "tasks/task-p1", "neither creator nor assignee"),
  row("allow", "partner-1", "get", "tasks/task-p1", "creator"),
  row("deny", "partner-2", "get", "tasks/task-p1", "unrelated partner"),
  row("allow", "admin-1", "get", "tasks/task-p1", "admin claim"),
  row("deny", "fake-admin", "get", "tasks/task-p1", "no claim"),

  row("deny", "anon", "list", "tasks", "signed out", { assignedTo: "student-1" }),
  row("allow", "student-1", "list", "tasks", "own assignments", { assignedTo: "student-1" }),
  row("allow", "student-1", "list", "tasks", "own creations", { createdBy: "student-1" }),
  row("deny", "student-1", "list", "tasks", "unconstrained"),
  row("deny", "student-2", "list", "tasks", "another's assignments", { assignedTo: "student-1" }),
  row("allow", "partner-1", "list", "tasks", "tasks they wrote", { createdBy: "partner-1" }),
  row("deny", "partner-1", "list", "tasks", "all of a student's", { assignedTo: "student-1" }),
  row("deny", "partner-2", "list", "tasks", "another partner's", { createdBy: "partner-1" }),
  row("allow", "admin-1", "list", "tasks", "admin claim"),
  row("deny", "fake-admin", "list", "tasks", "no claim"),

  row("deny", "anon", "create", "tasks/new", "signed out", task("student-1", "student-1")),
  row("allow", "student-1", "create", "tasks/new", "own task", task("student-1", "student-1")),
  row("deny", "student-1", "create", "tasks/new", "forged createdBy", task("partner-1", "student-1")),
  row("deny", "student-1", "create", "tasks/new", "to another student", task("student-1", "student-2")),
  row("deny", "student-1", "create", "tasks/new", "no assignee", without(task("student-1", "student-1"), "assignedTo")),
  row("deny", "student-1", "create", "tasks/new", "assignee not a string", {
    ...task("student-1", "student-1"),
    assignedTo: ["student-1"],
  }),
  row("deny", "student-2", "create", "tasks/new", "to another student", task("student-2", "student-1")),
  row("allow", "partner-1", "create", "tasks/new", "partner assigns", task("partner-1", "student-1")),
  row("allow", "partner-2", "create", "tasks/new", "any partner assigns", task("partner-2", "student-1")),
  row("deny", "partner-1", "create", "tasks/new", "forged createdBy", task("partner-2", "student-1")),
  row("allow", "admin-1", "create", "tasks/new", "admin assigns", task("admin-1", "student-2")),
  row("deny", "fake-admin", "create", "tasks/new", "doc admin is no partner", task("fake-admin", "student-1")),
  row("allow", "claim-partner", "create", "tasks/new", "partner by claim", task("claim-partner", "student-1")),
  row("deny", "claim-student", "create", "tasks/new", "claim beats users doc", task("claim-student", "student-1")),

  row("allow", "student-1", "update", "tasks/task-s1", "completes own task", done),
  row("allow", "student-1", "update", "tasks/task-s1", "edits own task", { title: "Read ch. 4" }),
  row("deny", "student-1", "update", "tasks/task-s1", "createdBy", { createdBy: "partner-1" }),
  row("deny", "student-1", "update", "tasks/task-s1", "reassigns to another", { assignedTo: "student-2" }),
  row("allow", "student-1", "update", "tasks/task-p1", "completes partner's task", done),
  row("deny", "student-1", "update", "tasks/task-p1", "assignee edits title", { title: "Skip it" }),
  row("deny", "student-1", "update", "tasks/task-p1", "assignee moves deadline", {
    deadline: at("2025-12-31T17:00:00Z"),
  }),
  row("deny", "student-1", "update", "tasks/task-p1", "assignee reassigns", { ...done, assignedTo: "student-2" }),
  row("deny", "student-1", "update", "tasks/task-p1", "assignee takes createdBy", { createdBy: "student-1" }),
  row("deny", "student-2", "update", "tasks/task-p1", "not the assignee", done),
  row("allow", "partner-1", "update", "tasks/task-p1", "partner edits", {
    title: "Read ch. 3 and 4",
    deadline: at("2025-11-26T17:00:00Z"),
  }),
  row("allow", "partner-1", "update", "tasks/task-p1", "partner reassigns", { assignedTo: "student-2" }),
  row("deny", "partner-1", "update", "tasks/task-p1", "createdBy", { createdBy: "partner-2" }),
  row("deny", "partner-1", "update", "tasks/task-p1", "removes createdBy", { createdBy: remove() }),
  row("deny", "partner-2", "update", "tasks/task-p1", "unrelated partner", { title: "Mine now" }),
  row("allow", "admin-1", "update", "tasks/task-p1", "admin edits", { title: "X", assignedTo: "student-2" }),
  row("deny", "admin-1", "update", "tasks/task-p1", "createdBy, even for admin", { createdBy: "admin-1" }),
  row("deny", "fake-admin", "update", "tasks/task-p1", "no claim", done),
  row("deny", "anon", "update", "tasks/task-p1", "signed out", done),

  row("deny", "anon", "delete", "tasks/task-p1", "signed out"),
  row("deny", "student-1", "delete", "tasks/task-p1", "assignee is not creator"),
  row("allow", "student-1", "delete", "tasks/task-s1", "creator"),
  row("deny", "student-2", "delete", "tasks/task-p1", "neither"),
  row("allow", "partner-1", "delete", "tasks/task-p1", "creator"),
  row("deny", "partner-2", "delete", "tasks/task-p1", "unrelated partner"),
  row("allow", "admin-1", "delete", "tasks/task-p1", "admin claim"),
  row("deny", "fake-admin", "delete", "tasks/task-p1", "no claim"),
];

const forStudent1 = (createdBy?: string, extra: Data = {}) =>
  reminder({ userId: "student-1", createdBy }, extra);
const forStudent2 = (createdBy?: string, extra: Data = {}) =>
  reminder({ userId: "student-2", createdBy }, extra);

// prettier-ignore
const reminders: Row[] = [
  row("deny", "anon", "get", "reminders/rem-s1", "signed out"),
  row("allow", "student-1", "get", "reminders/rem-s1", "own"),
  row("allow", "student-1", "get", "reminders/rem-p1", "recipient"),
  row("deny", "student-2", "get", "reminders/rem-s1", "another student's"),
  row("allow", "partner-1", "get", "reminders/rem-p1", "author"),
  row("deny", "partner-1", "get", "reminders/rem-s1", "student's own, even linked"),
  row("deny", "partner-2", "get", "reminders/rem-p1", "unrelated partner"),
  row("allow", "admin-1", "get", "reminders/rem-phone", "admin claim"),
  row("deny", "fake-admin", "get", "reminders/rem-s1", "no claim"),

  row("deny", "anon", "list", "reminders", "signed out", { userId: "student-1" }),
  row("allow", "student-1", "list", "reminders", "as recipient", { userId: "student-1" }),
  row("deny", "student-1", "list", "reminders", "unconstrained"),
  row("deny", "student-2", "list", "reminders", "another's", { userId: "student-1" }),
  row("allow", "partner-1", "list", "reminders", "as author", { createdBy: "partner-1" }),
  row("deny", "partner-1", "list", "reminders", "all of a student's", { userId: "student-1" }),
  row("deny", "partner-2", "list", "reminders", "another partner's", { createdBy: "partner-1" }),
  row("allow", "admin-1", "list", "reminders", "admin claim"),
  row("deny", "fake-admin", "list", "reminders", "no claim"),

  row("deny", "anon", "create", "reminders/new", "signed out", forStudent1()),
  row("allow", "student-1", "create", "reminders/new", "own, no createdBy", forStudent1()),
  row("allow", "student-1", "create", "reminders/new", "own, createdBy self", forStudent1("student-1")),
  row("deny", "student-1", "create", "reminders/new", "forged createdBy", forStudent1("partner-1")),
  row("deny", "student-1", "create", "reminders/new", "for another, no createdBy", forStudent2()),
  row("deny", "student-1", "create", "reminders/new", "for another, createdBy self", forStudent2("student-1")),
  row("deny", "student-1", "create", "reminders/new", "phone-only, createdBy", phoneOnly("student-1")),
  row("deny", "student-1", "create", "reminders/new", "phone-only", phoneOnly()),
  row("deny", "student-1", "create", "reminders/new", "writes status", forStudent1(undefined, { status: "sent" })),
  row("deny", "student-1", "create", "reminders/new", "writes nextRunAt", forStudent1(undefined, { nextRunAt: RUN_AT })),
  row("deny", "student-1", "create", "reminders/new", "writes lastSentAt", forStudent1(undefined, { lastSentAt: RUN_AT })),
  row("deny", "student-2", "create", "reminders/new", "for another student", forStudent1()),
  row("allow", "partner-1", "create", "reminders/new", "linked student", forStudent1("partner-1")),
  row("deny", "partner-1", "create", "reminders/new", "linked, without createdBy", forStudent1()),
  row("deny", "partner-1", "create", "reminders/new", "unlinked student", forStudent2("partner-1")),
  row("deny", "partner-1", "create", "reminders/new", "phone-only", phoneOnly("partner-1")),
  row("deny", "partner-1", "create", "reminders/new", "backend field", forStudent1("partner-1", scheduled)),
  row("allow", "partner-2", "create", "reminders/new", "taskId of own task, no link", forStudent2("partner-2", { taskId: "task-p2" })),
  row("deny", "partner-2", "create", "reminders/new", "unlinked student", forStudent1("partner-2")),
  row("deny", "partner-2", "create", "reminders/new", "taskId of another's task", forStudent1("partner-2", { taskId: "task-p1" })),
  row("deny", "partner-2", "create", "reminders/new", "own task, other student", forStudent1("partner-2", { taskId: "task-p2" })),
  row("deny", "partner-2", "create", "reminders/new", "taskId of no task", forStudent1("partner-2", { taskId: "missing" })),
  row("deny", "claim-student", "create", "reminders/new", "linked, claim says student", forStudent2("claim-student")),
  row("deny", "claim-student", "create", "reminders/new", "own task, claim says student", forStudent2("claim-student", { taskId: "task-cs" })),
  row("allow", "admin-1", "create", "reminders/new", "phone-only by admin", phoneOnly("admin-1")),
  row("deny", "admin-1", "create", "reminders/new", "phone-only, no createdBy", phoneOnly()),
  row("allow", "admin-1", "create", "reminders/new", "any student", forStudent1("admin-1")),
  row("deny", "admin-1", "create", "reminders/new", "forged createdBy", forStudent1("partner-1")),
  row("deny", "fake-admin", "create", "reminders/new", "phone-only", phoneOnly("fake-admin")),
  row("deny", "fake-admin", "create", "reminders/new", "any student", forStudent1("fake-admin")),

  row("allow", "student-1", "update", "reminders/rem-s1", "edits own", {
    title: "Revise more",
    scheduledTime: "2025-11-25T14:00:00-05:00",
  }),
  row("allow", "student-1", "update", "reminders/rem-s1", "completes own", { completed: true }),
  row("allow", "student-1", "update", "reminders/rem-s1", "cancels own (status: cancelled)", { status: "cancelled" }),
  row("deny", "student-1", "update", "reminders/rem-s1", "status other than cancelled", { status: "completed" }),
  row("deny", "student-1", "update", "reminders/rem-s1", "cancels and reschedules at once", {
    status: "cancelled",
    nextRunAt: at("2025-11-30T19:00:00Z"),
  }),
  row("deny", "student-1", "update", "reminders/rem-p1", "recipient cancels a partner's", { status: "cancelled" }),
  row("deny", "student-1", "update", "reminders/rem-s1", "nextRunAt", { nextRunAt: at("2025-11-30T19:00:00Z") }),
  row("deny", "student-1", "update", "reminders/rem-s1", "lastSentAt", { lastSentAt: at("2025-11-24T19:00:00Z") }),
  row("deny", "student-1", "update", "reminders/rem-s1", "lastMessageId", { lastMessageId: "m-1" }),
  row("deny", "student-1", "update", "reminders/rem-s1", "errorMessage", { errorMessage: "" }),
  row("deny", "student-1", "update", "reminders/rem-s1", "removes status", { status: remove() }),
  row("deny", "student-1", "update", "reminders/rem-s1", "to another student", { userId: "student-2" }),
  row("deny", "student-1", "update", "reminders/rem-s1", "adds createdBy", { createdBy: "student-1" }),
  row("allow", "student-1", "update", "reminders/rem-p1", "recipient completes", { completed: true }),
  row("deny", "student-1", "update", "reminders/rem-p1", "recipient edits message", {
    completed: true,
    message: "Never mind",
  }),
  row("deny", "student-1", "update", "reminders/rem-p1", "recipient removes createdBy", { createdBy: remove() }),
  row("deny", "student-2", "update", "reminders/rem-s1", "another student's", { completed: true }),
  row("allow", "partner-1", "update", "reminders/rem-p1", "author edits", {
    message: "Revise chapters 3 and 4",
    scheduledTime: "2025-11-24T15:00:00-05:00",
  }),
  row("deny", "partner-1", "update", "reminders/rem-p1", "createdBy", { createdBy: "partner-2" }),
  row("deny", "partner-1", "update", "reminders/rem-p1", "to an unlinked student", {
    userId: "student-2",
    taskId: remove(),
  }),
  row("deny", "partner-1", "update", "reminders/rem-p1", "status", { status: "sent" }),
  row("deny", "partner-1", "update", "reminders/rem-s1", "student's own", { message: "X" }),
  row("deny", "partner-2", "update", "reminders/rem-p1", "unrelated partner", { message: "X" }),
  row("allow", "admin-1", "update", "reminders/rem-p1", "admin edits", { message: "From admin" }),
  row("allow", "admin-1", "update", "reminders/rem-s1", "admin edits a student's own", { title: "Fixed" }),
  row("deny", "admin-1", "update", "reminders/rem-p1", "createdBy, even for admin", { createdBy: "admin-1" }),
  row("deny", "admin-1", "update", "reminders/rem-s1", "backend field, even for admin", { status: "sent" }),
  row("deny", "admin-1", "update", "reminders/rem-p1", "makes another's phone-only", {
    userId: remove(),
    taskId: remove(),
    phone_number: "+12125550199",
  }),
  row("deny", "fake-admin", "update", "reminders/rem-s1", "no claim", { message: "X" }),
  row("deny", "anon", "update", "reminders/rem-s1", "signed out", { completed: true }),

  row("deny", "anon", "delete", "reminders/rem-s1", "signed out"),
  row("allow", "student-1", "delete", "reminders/rem-s1", "own"),
  row("allow", "student-1", "delete", "reminders/rem-p1", "recipient"),
  row("deny", "student-2", "delete", "reminders/rem-s1", "another student's"),
  row("allow", "partner-1", "delete", "reminders/rem-p1", "author"),
  row("deny", "partner-1", "delete", "reminders/rem-s1", "student's own"),
  row("deny", "partner-2", "delete", "reminders/rem-p1", "unrelated partner"),
  row("allow", "admin-1", "delete", "reminders/rem-phone", "admin claim"),
  row("deny", "fake-admin", "delete", "reminders/rem-s1", "no claim"),
];

/** The outbox: each reads their own, an admin all; nobody writes, not even their own. */
const messages: Row[] = MAIN_ACTORS.flatMap((actor) => {
  const own = actor !== "anon" && actor !== "admin-1";
  const reads: Expect = actor === "student-1" || actor === "admin-1" ? "allow" : "deny";
  return [
    row(reads, actor, "get", "sms_messages/msg-s1", "student-1's message"),
    row(actor === "anon" ? "deny" : "allow", actor, "list", "sms_messages", "own messages", {
      userId: actor === "anon" ? "student-1" : actor,
    }),
    row(actor === "admin-1" ? "allow" : "deny", actor, "list", "sms_messages", "all messages"),
    row("deny", actor, "create", "sms_messages/new", "clients never write", {
      userId: own ? actor : "student-1",
      body: "Free SMS",
    }),
    row("deny", actor, "update", "sms_messages/msg-s1", "clients never write", {
      status: "queued",
    }),
    row("deny", actor, "delete", "sms_messages/msg-s1", "clients never write"),
  ];
});

/** Read-only backend collections: who reads them; every client write is denied. */
const READ_ONLY: { doc: string; readers: string[] }[] = [
  { doc: "sms_templates/tpl-1", readers: SIGNED_IN },
  { doc: "sms_campaigns/camp-1", readers: ADMIN },
  { doc: "sms_suppressions/+12125550188", readers: ADMIN },
  { doc: "sms_recipients/student-1", readers: ADMIN },
  { doc: "sms_inbound/in-1", readers: ADMIN },
  { doc: "sms_consent_events/ev-1", readers: ADMIN },
  { doc: "sms_partner_students/partner-1/students/student-1", readers: ["partner-1", "admin-1"] },
];

const backend: Row[] = READ_ONLY.flatMap(({ doc, readers }) => {
  const collection = doc.slice(0, doc.lastIndexOf("/"));
  return MAIN_ACTORS.flatMap((actor) => {
    const read: Expect = readers.includes(actor) ? "allow" : "deny";
    const why = read === "allow" ? "reader" : "not a reader";
    return [
      row(read, actor, "get", doc, why),
      row(read, actor, "list", collection, why),
      row("deny", actor, "create", `${collection}/new`, "clients never write", { any: "thing" }),
      row("deny", actor, "update", doc, "clients never write", { any: "thing" }),
      row("deny", actor, "delete", doc, "clients never write"),
    ];
  });
});

const unmatched: Row[] = [
  row("deny", "admin-1", "get", "sms_sender_allowances/partner-1", "no rule"),
  row("deny", "admin-1", "create", "sms_daily_usage/today", "no rule", { count: 0 }),
  row("deny", "partner-1", "get", "sms_partner_students/partner-1", "only students/ matched"),
  row("deny", "student-1", "create", "users/student-1/private/notes", "no recursive match", {
    any: "thing",
  }),
  row("deny", "admin-1", "create", "anything/else", "no catch-all", { any: "thing" }),
];

const ROWS: Row[] = [...users, ...tasks, ...reminders, ...messages, ...backend, ...unmatched];

let env: RulesTestEnvironment;
const clients = new Map<Actor, Firestore>();
/** Set when a write went through: the next case starts from a fresh seed. */
let dirty = true;

async function seed(): Promise<void> {
  await env.clearFirestore();
  await env.withSecurityRulesDisabled(async (context) => {
    const db = context.firestore();
    const batch = db.batch();
    for (const [docPath, data] of Object.entries(SEED)) batch.set(db.doc(docPath), data);
    await batch.commit();
  });
}

function client(actor: Actor): Firestore {
  let db = clients.get(actor);
  if (!db) {
    const claims = ACTORS[actor];
    const context =
      claims === null ? env.unauthenticatedContext() : env.authenticatedContext(actor, claims);
    db = context.firestore();
    clients.set(actor, db);
  }
  return db;
}

async function perform(db: Firestore, { op, path: target, data = {} }: Row): Promise<unknown> {
  switch (op) {
    case "get":
      return db.doc(target).get();
    case "list": {
      let query: firebase.firestore.Query = db.collection(target);
      for (const [field, value] of Object.entries(data)) query = query.where(field, "==", value);
      return query.get();
    }
    case "create":
      return db.doc(target).set(data);
    case "update":
      return db.doc(target).update(data);
    case "delete":
      return db.doc(target).delete();
  }
}

beforeAll(async () => {
  // Denied requests are the point here; the SDK would log each one.
  firebase.firestore.setLogLevel("silent");
  env = await initializeTestEnvironment({
    projectId: PROJECT_ID,
    firestore: {
      rules: readFileSync(path.join(__dirname, "../../firestore.rules"), "utf8"),
      host: HOST,
      port: Number(PORT),
    },
  });
});

beforeEach(async () => {
  if (!dirty) return;
  await seed();
  dirty = false;
});

afterAll(async () => {
  await env?.cleanup();
});

const collectionOf = (r: Row) => (r.op === "list" ? r.path : r.path.replace(/\/[^/]+$/, ""));

it("has a case for every collection × main actor × operation", () => {
  const collections = ["users", "tasks", "reminders", "sms_messages"];
  for (const { doc } of READ_ONLY) collections.push(doc.replace(/\/[^/]+$/, ""));
  const missing = collections.flatMap((collection) =>
    MAIN_ACTORS.flatMap((actor) =>
      (["get", "list", "create", "update", "delete"] as const)
        .filter(
          (op) =>
            !ROWS.some((r) => r.actor === actor && r.op === op && collectionOf(r) === collection),
        )
        .map((op) => `${actor} ${op} ${collection}`),
    ),
  );
  expect(missing).toEqual([]);
});

it.each(ROWS)("$name", async (testCase) => {
  const request = perform(client(testCase.actor), testCase);
  if (testCase.op !== "get" && testCase.op !== "list") {
    request.then(
      () => (dirty = true),
      () => undefined,
    );
  }
  if (testCase.expect === "allow") await assertSucceeds(request);
  else await assertFails(request);
});
