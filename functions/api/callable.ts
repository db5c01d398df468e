/**
 * The shape every callable shares (DESIGN §5): Firebase Auth required, the caller's role from
 * the `role` custom claim or else `users/{uid}.role`, the request parsed with zod (a bad
 * request is `invalid-argument` naming the field paths, and nothing is written), then one
 * service call. Errors a service throws on purpose are mapped to callable error codes.
 */
import { HttpsError, onCall, type CallableRequest } from "firebase-functions/https";
import type { defineSecret } from "firebase-functions/params";
import type { z } from "zod";
import { invalidArgument } from "./issues";

export type Role = "admin" | "partner" | "student";

/** Who is calling. */
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

const ROLES: readonly string[] = ["admin", "partner", "student"];

async function roleOf(request: CallableRequest): Promise<Role | undefined> {
  const claim = request.auth?.token.role;
  if (typeof claim === "string" && ROLES.includes(claim)) return claim as Role;
  const { COLLECTIONS, db } = await import("../data/firestore");
  const user = await db().collection(COLLECTIONS.users).doc(request.auth!.uid).get();
  const role = user.get("role");
  return typeof role === "string" && ROLES.includes(role) ? (role as Role) : undefined;
}

/** The zod issues, in the shape every invalid-argument of ours has. */
function invalid(error: z.ZodError): HttpsError {
  return invalidArgument(
    error.issues.map(({ path, message }) => ({ path: path.map(String), message })),
  );
}

export interface CallableOptions<Schema extends z.ZodType, Result> {
  /** Loads the request schema: schemas live in ./requests, so zod loads on the first call. */
  schema: () => Promise<Schema>;
  /** Roles allowed to call at all; finer checks (a partner's students) belong to the service. */
  roles: readonly Role[];
  handler: (data: z.output<Schema>, caller: Caller) => Promise<Result>;
  /** Secrets the handler needs (the sending ones, for anything that may send). */
  secrets?: ReturnType<typeof defineSecret>[];
}

/** Defines a callable with authentication, authorisation, validation and error mapping. */
export function callable<Schema extends z.ZodType, Result>(
  options: CallableOptions<Schema, Result>,
) {
  // A `secrets` key that is present but undefined breaks the function's manifest.
  return onCall(
    options.secrets ? { secrets: options.secrets } : {},
    async (request): Promise<Result> => {
      if (!request.auth) throw new HttpsError("unauthenticated", "Sign in to call this function.");
      const role = await roleOf(request);
      if (!role || !options.roles.includes(role)) {
        throw new HttpsError("permission-denied", "Your role may not call this function.");
      }
      const parsed = (await options.schema()).safeParse(request.data ?? {});
      if (!parsed.success) throw invalid(parsed.error);
      try {
        return await options.handler(parsed.data, { uid: request.auth.uid, role });
      } catch (error) {
        if (error instanceof PermissionError)
          throw new HttpsError("permission-denied", error.message);
        if (error instanceof NotFoundError) throw new HttpsError("not-found", error.message);
        if (error instanceof LimitError) throw new HttpsError("resource-exhausted", error.message);
        if (error instanceof RequestError) {
          throw invalidArgument([{ path: [error.path], message: error.message }]);
        }
        if (error instanceof PreconditionError) {
          throw new HttpsError("failed-precondition", error.message);
        }
        throw error;
      }
    },
  );
}
