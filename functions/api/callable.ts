/**
 * The shape every callable shares (docs/contract.md §5): Firebase Auth required (and App Check when
 * ENFORCE_APP_CHECK is on), the caller's role (see `roleOf`), the request parsed with zod (a bad
 * request is `invalid-argument` naming the field paths, and nothing is written), then one
 * service call. Errors a service throws on purpose are mapped to callable error codes.
 */
import { HttpsError, onCall, type CallableRequest } from "firebase-functions/https";
import type { defineSecret } from "firebase-functions/params";
import type { z } from "zod";
import {
  documentRole,
  isRole,
  LimitError,
  NotFoundError,
  PermissionError,
  PreconditionError,
  RequestError,
  type Caller,
  type Role,
} from "../errors";
import { ENFORCE_APP_CHECK } from "../params";
import { invalidArgument } from "./issues";
import type { CallableApi, CallableName } from "./types";

/**
 * The caller's role. `admin` only from the `role` custom claim: a document a client can write
 * never grants it. `partner` and `student` from the claim, else from `users/{uid}.role`, which
 * the rules let a client set only when creating its own document.
 */
async function roleOf(request: CallableRequest): Promise<Role | undefined> {
  const claim: unknown = request.auth?.token.role;
  if (claim === "admin") {
    // An ID token lives an hour: an admin demoted since it was issued is not one any more.
    const { stillAdmin } = await import("../services/users/roles");
    if (await stillAdmin(request.auth!.uid)) return "admin";
  } else if (isRole(claim)) {
    return claim;
  }
  const { readUserDoc } = await import("../data/users");
  return documentRole((await readUserDoc(request.auth!.uid))?.role);
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

/**
 * Defines the callable `name` with authentication, authorisation, validation and error
 * mapping; its handler must answer the response that `CallableApi` (api/types) promises.
 */
export function callable<Name extends CallableName, Schema extends z.ZodType>(
  // Only its type is used: it names the contract the handler is checked against.
  _name: Name,
  options: CallableOptions<Schema, CallableApi[Name]["response"]>,
) {
  type Result = CallableApi[Name]["response"];
  // A `secrets` key that is present but undefined breaks the function's manifest.
  return onCall(
    options.secrets ? { secrets: options.secrets } : {},
    async (request): Promise<Result> => {
      if (!request.auth) throw new HttpsError("unauthenticated", "Sign in to call this function.");
      // Checked here rather than with `enforceAppCheck`, whose value is fixed at deploy time.
      if (ENFORCE_APP_CHECK.value() && !request.app) {
        throw new HttpsError("unauthenticated", "This app must send a valid App Check token.");
      }
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
