/**
 * Who may make the backend send, decided from facts the backend has checked (roles from
 * Firebase Auth, partner links from tasks), never from a field alone. The rules enforce the
 * same relations at write time; these decisions repeat them when the backend acts, because a
 * document written before the rules changed can still claim anything.
 */
import type { Sender } from "./allowance";
import type { Role } from "../errors";

/** The decision about a client document that would make the backend send. */
export type Authority =
  | {
      ok: true;
      /** Charged for the messages (absent: the recipient asked for them themself). */
      sender?: Sender;
      /** Sent even after STOP: only what recipients set for themselves. */
      optOutExempt: boolean;
    }
  | { ok: false; reason: string };

/** What the backend found out about a reminder's author and recipient. */
export interface ReminderFacts {
  userId?: string;
  createdBy?: string;
  /** The author's role, as Firebase Auth vouches for it (undefined when unknown). */
  authorRole?: Role;
  /** The author is a partner with a task assigned to `userId`. */
  authorIsPartnerOfUser: boolean;
  /** The message goes to the number on the recipient's own profile (not the reminder's). */
  toProfileNumber: boolean;
}

/**
 * Whether a reminder may send, who is charged, and whether it is exempt from opt-outs. Exempt
 * only when recipients set it for themselves and it goes to their own profile number; a
 * reminder to a bare phone number never is, and needs an admin author.
 */
export function reminderAuthority(facts: ReminderFacts): Authority {
  const { userId, createdBy, authorRole } = facts;
  if (!userId) {
    if (createdBy && authorRole === "admin") {
      return { ok: true, sender: { uid: createdBy, role: "admin" }, optOutExempt: false };
    }
    return { ok: false, reason: "a reminder to a phone number must be written by an admin" };
  }
  if (!createdBy || createdBy === userId) {
    return { ok: true, optOutExempt: facts.toProfileNumber };
  }
  if (authorRole === "admin") {
    return { ok: true, sender: { uid: createdBy, role: "admin" }, optOutExempt: false };
  }
  if (authorRole === "partner" && facts.authorIsPartnerOfUser) {
    return { ok: true, sender: { uid: createdBy, role: "partner" }, optOutExempt: false };
  }
  return { ok: false, reason: `${createdBy} is not an admin nor a partner of ${userId}` };
}

/** What the backend found out about a task's author. */
export interface TaskFacts {
  assignedTo: string;
  createdBy?: string;
  authorRole?: Role;
}

/**
 * Whether a task may notify its assignee, and who is charged: its author. A student's own task
 * is charged to the student; a task for someone else needs a partner or admin author.
 */
export function taskAuthority(facts: TaskFacts): Authority {
  const { assignedTo, createdBy, authorRole } = facts;
  // Tasks written before createdBy was required: the assignee's own, as far as we can tell.
  const author = createdBy ?? assignedTo;
  if (author === assignedTo) {
    return { ok: true, sender: { uid: author, role: authorRole }, optOutExempt: false };
  }
  if (authorRole === "admin" || authorRole === "partner") {
    return { ok: true, sender: { uid: author, role: authorRole }, optOutExempt: false };
  }
  return {
    ok: false,
    reason: `${author} is not a partner or admin and may not assign tasks to ${assignedTo}`,
  };
}
