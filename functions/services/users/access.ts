/**
 * Who may act on whose messages (docs/contract.md §5): admins on everyone, users on themselves, and a
 * partner on the students they have assigned at least one task to.
 */
import type { Caller } from "../../errors";
import { hasAssignedTask } from "./authority";

/** True when `caller` may send to, and read the history of, `userId`. */
export async function mayActOn(caller: Caller, userId: string): Promise<boolean> {
  if (caller.role === "admin" || caller.uid === userId) return true;
  if (caller.role !== "partner") return false;
  return hasAssignedTask(caller.uid, userId);
}
