#!/usr/bin/env node
/**
 * With `npm start` running: writes a task the way a partner's app does, then prints the SMS
 * the backend produced for it. `npm run demo -- tr` assigns it to the Turkish demo student.
 */
process.env.FIRESTORE_EMULATOR_HOST ??= "127.0.0.1:8080";
const { initializeApp } = require("firebase-admin/app");
const { getFirestore } = require("firebase-admin/firestore");

// Where the demo stops waiting: a final status, or held for later (quiet hours, rate limit).
const SETTLED = new Set(["sent", "delivered", "failed", "suppressed", "cancelled", "deferred"]);

async function main() {
  initializeApp({ projectId: "demo-sms-backend" });
  const db = getFirestore();
  const turkish = process.argv[2] === "tr";
  const taskId = `demo-${Date.now()}`;
  const task = {
    title: turkish ? "Kimya: mol kavramı soruları" : "Chemistry: moles worksheet",
    subjectId: "chemistry",
    chapterId: "moles",
    taskType: "chapter",
    assignedTo: turkish ? "demo-student-ist" : "demo-student-ny",
    createdBy: turkish ? "demo-partner-ist" : "demo-partner-ny",
    completed: false,
    createdAt: new Date().toISOString(),
    deadline: new Date(Date.now() + 2 * 86_400_000).toISOString(),
  };
  console.log(`Writing tasks/${taskId} for ${task.assignedTo}...`);
  await db.collection("tasks").doc(taskId).set(task);

  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const snapshot = await db.collection("sms_messages").where("taskId", "==", taskId).get();
    const message = snapshot.docs[0];
    if (message && SETTLED.has(message.get("status"))) {
      const m = message.data();
      console.log(`\nsms_messages/${message.id}`);
      console.log(`  status   ${m.status} via ${m.provider}`);
      console.log(`  to       ${m.to} (${m.language}, ${m.encoding}, ${m.segments} segment(s))`);
      console.log(`  body     ${m.body}`);
      if (m.error) console.log(`  error    ${m.error.userMessage}`);
      if (m.status === "deferred") {
        const until = m.nextAttemptAt.toDate().toISOString();
        console.log(`  held     until ${until}: quiet hours where the student is (QUIET_HOURS)`);
      }
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("No message after 20 s: is `npm start` running?");
}

main()
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
