/**
 * For the web app: the backend's callables, typed by name from the contract in
 * functions/api/types.ts. Type-only imports from the backend, so bundling this module pulls in
 * nothing but the Firebase web SDK.
 *
 *   const sendSms = callableOf(getFunctions(app, "us-central1"), "sendSms");
 *   const { data } = await sendSms({ userId, message: "Hi" }); // data: SendSmsResponse
 */
import { httpsCallable, type Functions, type HttpsCallable } from "firebase/functions";
import type { CallableApi, CallableName } from "../functions/api/types";

export type { CallableApi, CallableName } from "../functions/api/types";

/** The callable `name`, with its request and response types. */
export function callableOf<Name extends CallableName>(
  functions: Functions,
  name: Name,
): HttpsCallable<CallableApi[Name]["request"], CallableApi[Name]["response"]> {
  return httpsCallable<CallableApi[Name]["request"], CallableApi[Name]["response"]>(
    functions,
    name,
  );
}
