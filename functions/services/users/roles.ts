/**
 * Roles are Firebase Auth custom claims: the only place authority comes from. `users/{uid}.role`
 * mirrors the claim so the client apps (which read it) stay right, but it grants nothing.
 */
import { accountClaims, setAccountClaims, writeUserRole } from "../../data/users";
import { NotFoundError, PermissionError, type Caller, type Role } from "../../errors";

/** Sets an account's role claim (keeping its other claims) and mirrors it to its document. */
export async function setRole(userId: string, role: Role): Promise<{ userId: string; role: Role }> {
  const claims = await accountClaims(userId);
  if (!claims) throw new NotFoundError(`No account ${userId}.`);
  await setAccountClaims(userId, { ...claims, role });
  await writeUserRole(userId, role);
  return { userId, role };
}

/** `setUserRole` for an admin: anyone's role but their own (so the last admin stays one). */
export async function setUserRole(
  caller: Caller,
  userId: string,
  role: Role,
): Promise<{ userId: string; role: Role }> {
  if (userId === caller.uid) throw new PermissionError("You may not change your own role.");
  return setRole(userId, role);
}

/**
 * Whether an admin claim in an ID token still holds: tokens live an hour, and an admin who was
 * demoted meanwhile must lose the role at once.
 */
export async function stillAdmin(uid: string): Promise<boolean> {
  return (await accountClaims(uid))?.role === "admin";
}
