/**
 * Facts about authority the backend reads when it acts on a client document: an account's role
 * as Firebase Auth vouches for it, and whether a partner has a task assigned to a student.
 */
import { hasTaskFromTo } from "../../data/tasks";
import { accountClaims, readUserDoc } from "../../data/users";
import { documentRole, isRole, type Role } from "../../errors";

/**
 * The role of an account: `admin` only from its custom claim; otherwise the claim, else the
 * `role` of its users document (which the rules let a client choose only at creation, and only
 * student or partner). The Auth lookup is made only when the document does not settle it.
 */
export async function roleOfAccount(uid: string): Promise<Role | undefined> {
  const documented = (await readUserDoc(uid))?.role;
  if (documented === "partner") return "partner";
  const claim: unknown = await accountClaims(uid)
    .then((claims) => claims?.role)
    .catch(() => undefined);
  if (isRole(claim)) return claim;
  return documentRole(documented);
}

/** True when `partnerId` created a task assigned to `studentId`. */
export async function hasAssignedTask(partnerId: string, studentId: string): Promise<boolean> {
  return hasTaskFromTo(partnerId, studentId);
}
