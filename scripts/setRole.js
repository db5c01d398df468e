#!/usr/bin/env node
/**
 * Sets an account's role claim (and mirrors it to users/{uid}.role): how the first admin is
 * made, since only an admin may call setUserRole.
 *
 *   npm run set-role -- <uid> admin                       against `npm start`'s emulators
 *   npm run set-role -- <uid> admin --project <id>        against a real project, with
 *                                                         Application Default Credentials
 *
 * The account must exist in Firebase Auth. It sees its new role once its ID token is
 * refreshed (sign out and in, or getIdToken(true)).
 */
const args = process.argv.slice(2);
const projectFlag = args.indexOf("--project");
const project = projectFlag >= 0 ? args.splice(projectFlag, 2)[1] : undefined;
const [uid, role] = args;
const ROLES = ["admin", "partner", "student"];

if (!uid || !ROLES.includes(role)) {
  console.error(`usage: npm run set-role -- <uid> <${ROLES.join(" | ")}> [--project <id>]`);
  process.exit(1);
}

const projectId = project ?? process.env.GCLOUD_PROJECT ?? "demo-sms-backend";
if (projectId.startsWith("demo-")) {
  // A demo project exists only in the emulators.
  process.env.FIREBASE_AUTH_EMULATOR_HOST ??= "127.0.0.1:9099";
  process.env.FIRESTORE_EMULATOR_HOST ??= "127.0.0.1:8080";
}
process.env.GCLOUD_PROJECT = projectId;

const { initializeApp } = require("firebase-admin/app");
initializeApp({ projectId });
const { setRole } = require("../lib/services/users/roles");

setRole(uid, role).then(
  (result) => console.log(`${result.userId} is now ${result.role} in ${projectId}.`),
  (error) => {
    console.error(`Could not set the role: ${error.message}`);
    process.exit(1);
  },
);
