#!/usr/bin/env node
/**
 * Writes the demo data into the running emulators (scripts/emulators.js start calls this):
 * Auth users with their role claims, `users` documents, then `tasks`, whose triggers queue and
 * "send" task_created messages through the console provider.
 */
process.env.FIRESTORE_EMULATOR_HOST ??= "127.0.0.1:8080";
process.env.FIREBASE_AUTH_EMULATOR_HOST ??= "127.0.0.1:9099";
const { initializeApp } = require("firebase-admin/app");
const { getAuth } = require("firebase-admin/auth");
const { getFirestore } = require("firebase-admin/firestore");
const { users, tasks } = require("./demoData");

async function main() {
  initializeApp({ projectId: process.env.GCLOUD_PROJECT || "demo-sms-backend" });
  const auth = getAuth();
  const db = getFirestore();
  for (const [uid, user] of Object.entries(users)) {
    const email = `${uid}@example.com`;
    await auth
      .createUser({ uid, email, password: "demo-password", displayName: user.name })
      .catch((error) => {
        if (error.code !== "auth/uid-already-exists") throw error;
      });
    await auth.setCustomUserClaims(uid, { role: user.role });
    await db
      .collection("users")
      .doc(uid)
      .set({ email, last_activity_date: new Date(), ...user });
  }
  for (const [taskId, task] of Object.entries(tasks)) {
    await db
      .collection("tasks")
      .doc(taskId)
      .set({ completed: false, createdAt: new Date().toISOString(), ...task });
  }
  console.log(
    `\nDemo data: ${Object.keys(users).length} users (password "demo-password"), ` +
      `${Object.keys(tasks).length} tasks. Their SMS are logged as "[console sms]" lines.\n` +
      "Next: in another terminal, `npm run demo` writes a task as a client app would and " +
      "prints the SMS it caused. Stop with Ctrl+C.\n",
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
