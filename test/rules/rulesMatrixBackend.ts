/**
 * The matrix for what only the backend writes (the outbox and the read-only collections), and
 * for paths no rule matches.
 */
import { MAIN_ACTORS, row, type Expect, type Row } from "./rulesMatrix";

const SIGNED_IN = MAIN_ACTORS.filter((actor) => actor !== "anon");
const ADMIN = ["admin-1"];

/** The outbox: each reads their own, an admin all; nobody writes, not even their own. */
export const messages: Row[] = MAIN_ACTORS.flatMap((actor) => {
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
export const READ_ONLY: { doc: string; readers: string[] }[] = [
  { doc: "sms_templates/tpl-1", readers: SIGNED_IN },
  { doc: "sms_campaigns/camp-1", readers: ADMIN },
  { doc: "sms_suppressions/+12125550188", readers: ADMIN },
  { doc: "sms_recipients/student-1", readers: ADMIN },
  { doc: "sms_inbound/in-1", readers: ADMIN },
  { doc: "sms_consent_events/ev-1", readers: ADMIN },
  { doc: "sms_partner_students/partner-1/students/student-1", readers: ["partner-1", "admin-1"] },
];

export const backend: Row[] = READ_ONLY.flatMap(({ doc, readers }) => {
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

export const unmatched: Row[] = [
  row("deny", "admin-1", "get", "sms_sender_allowances/partner-1", "no rule"),
  row("deny", "admin-1", "create", "sms_daily_usage/today", "no rule", { count: 0 }),
  // A client that could write a marker could make the outbox trigger run at will.
  row("deny", "admin-1", "create", "sms_outbox_queue/any-message", "no rule", { expireAt: 1 }),
  row("deny", "student-1", "get", "sms_outbox_queue/any-message", "no rule"),
  row("deny", "partner-1", "get", "sms_partner_students/partner-1", "only students/ matched"),
  row("deny", "student-1", "create", "users/student-1/private/notes", "no recursive match", {
    any: "thing",
  }),
  row("deny", "admin-1", "create", "anything/else", "no catch-all", { any: "thing" }),
];
