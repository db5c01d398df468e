/**
 * Facts about authority the backend reads when it acts on a client document: an account's role
 * as Firebase Auth vouches for it, and whether a partner has a task assigned to a student.
 */
import { tasksCollection, userRef } from "../../data/refs";
import { auth } from "../../data/firestore";
import { documentRole, isRole, type Role } from "../../errors";

/**
 * The role of an account: `admin` only from its custom claim; otherwise the claim, else the
 * `role` of its users document (which the rules let a client choose only at creation, and only
 * student or partner). The Auth lookup is made only when the document does not settle it.
 */
export async function roleOfAccount(uid: string): Promise<Role | undefined> {
  const user = await userRef(uid).get();
  const documented: unknown = user.get("role");
  if (documented === "partner") return "partner";
  const claim: unknown = await auth()
    .getUser(uid)
    .then((account) => account.customClaims?.role)
    .catch(() => undefined);
  if (isRole(claim)) return claim;
  return documentRole(documented);
}

/** True when `partnerId` created a task assigned to `studentId`. */
export async function hasAssignedTask(partnerId: string, studentId: string): Promise<boolean> {
  const assigned = await tasksCollection()
    .where("createdBy", "==", partnerId)
    .where("assignedTo", "==", studentId)
    .limit(1)
    .get();
  return !assigned.empty;
}
