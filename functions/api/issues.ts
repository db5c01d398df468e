/**
 * `invalid-argument` for problems found after the schema (a template's variables, a country
 * code), in the same shape as the schema's own: `details.issues` of `{ path, message }`.
 */
import { HttpsError } from "firebase-functions/https";

/** One problem at a field path such as `["variables", "name"]`. */
export interface RequestIssue {
  path: (string | number)[];
  message: string;
}

/** The error to throw from a handler; nothing must have been written before it. */
export function invalidArgument(issues: RequestIssue[]): HttpsError {
  const details = issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
  const sentence = details.map((i) => `${i.path || "request"}: ${i.message}`).join("; ");
  return new HttpsError("invalid-argument", `Invalid request: ${sentence}`, { issues: details });
}
