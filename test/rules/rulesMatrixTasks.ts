/** The matrix for `tasks`: creator, assignee, partner and admin, and the fields each may change. */
import { at, remove, row, task, without, type Row } from "./rulesMatrix";

const done = { completed: true, completedAt: at("2025-11-24T16:00:00Z") };

// One case per line (prettier-ignore).
// prettier-ignore
export const tasks: Row[] = [
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
