/**
 * Who is calling, and the errors a use case throws on purpose. They live at the bottom of the
 * house so that services never depend on the callable layer; `api/callable` maps each error to
 * its callable error code.
 */

export type Role = "admin" | "partner" | "student";

/** Every role, in order of authority. */
export const ROLES: readonly Role[] = ["admin", "partner", "student"];

/** Who is calling: the uid Firebase Auth vouches for, and the role it holds. */
export interface Caller {
  uid: string;
  role: Role | undefined;
}

/** A service refused: the caller may not do this. */
export class PermissionError extends Error {}
/** A service found no such document. */
export class NotFoundError extends Error {}
/** A request that passed the schema but is still wrong (a template variable missing, say). */
export class RequestError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}
/** The caller has used up an allowance (messages per hour). */
export class LimitError extends Error {}
/** The request is well-formed but cannot be done in the current state (no phone, say). */
export class PreconditionError extends Error {}

/**
 * The role a users document may grant: `partner` or `student`, never `admin` (clients write
 * that document; only the Auth claim makes an admin).
 */
export function documentRole(value: unknown): Exclude<Role, "admin"> | undefined {
  return value === "partner" || value === "student" ? value : undefined;
}

/** True when `value` names a role. */
export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
