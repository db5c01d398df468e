/**
 * At-least-once delivery: the platform may deliver one Firestore event twice. The task trigger
 * is run in-process with firebase-functions-test, twice with the same event; it creates its
 * messages already claimed and sends them itself (services/outbox/born, inline), so the outbox
 * trigger in the emulator leaves them alone, and the sweep is the net for a send that never
 * happened.
 */
import functionsTest from "firebase-functions-test";
import { Timestamp } from "firebase-admin/firestore";
import {
  adminDb,
  loadFunctionEnv,
  messagesFor,
  PROJECT_ID,
  runSchedule,
  sleep,
  TWILIO_STAND_IN_PORT,
  waitFor,
  waitForMessage,
} from "../support/emulators";
import { queuedMessage } from "../support/outbox";
import { seedUser } from "../support/fixtures";
import { startTwilioStandIn, type TwilioStandIn } from "../support/twilioStandIn";
import { onTaskWritten } from "../../functions/triggers/tasks";
import * as delivery from "../../functions/services/outbox/delivery";

const fft = functionsTest({ projectId: PROJECT_ID });
let twilio: TwilioStandIn;

beforeAll(async () => {
  loadFunctionEnv();
  twilio = await startTwilioStandIn(TWILIO_STAND_IN_PORT);
});

afterAll(async () => {
  await twilio.close();
  fft.cleanup();
});

/** The event of a task's creation at `written`, as the platform delivers it (maybe twice). */
function taskCreated(taskId: string, task: Record<string, unknown>, written: string) {
  const path = `tasks/${taskId}`;
  const change = fft.makeChange(
    fft.firestore.makeDocumentSnapshot({}, path),
    fft.firestore.makeDocumentSnapshot(task, path, { createTime: written, updateTime: written }),
  );
  return { data: change, params: { taskId } };
}

it("queues and sends one message when the same task event is delivered twice", async () => {
  const phone = "+15555550115";
  await seedUser("student-r", { name: "Rana", phone_number: phone });
  const wrapped = fft.wrap(onTaskWritten);

  // Twice at once, the harder case for exactly-once, then once more after the fact.
  const event = taskCreated(
    "task-r",
    { title: "Essay draft", assignedTo: "student-r", completed: false },
    "2026-11-21T10:00:00.123456Z",
  );
  await Promise.all([wrapped(event), wrapped(event)]);
  await wrapped(event);

  const [message] = await waitFor("the message to be sent", async () => {
    const messages = await messagesFor("task-r");
    return messages.some((m) => m.status === "sent") ? messages : undefined;
  });
  expect(message.body).toContain("Essay draft");
  // Sent where it was born: no marker, so the outbox trigger never ran for it.
  const marker = await adminDb().collection("sms_outbox_queue").doc(message.id).get();
  expect(marker.exists).toBe(false);
  // Give a stray second send every chance to show up before counting.
  await sleep(1000);
  expect(await messagesFor("task-r")).toHaveLength(1);
  expect(twilio.requests.filter((r) => r.form.To === phone)).toHaveLength(1);
});

it("leaves a message whose inline send never happened to the sweep, which sends it once", async () => {
  // What a task trigger that crashed between queueing and sending leaves behind.
  const phone = "+15555550127";
  const id = "task-created_task-crash_student-c_1";
  await adminDb()
    .collection("sms_messages")
    .doc(id)
    .create(queuedMessage(phone, { deliveredInline: true, taskId: "task-crash" }));
  // It has no outbox-queue marker (its writer meant to send it), so only the sweep takes it.
  await sleep(1500);
  expect((await messagesFor("task-crash"))[0]).toMatchObject({ status: "queued", attempts: 0 });

  await runSchedule("sweepOutboxJob", new Date());
  await waitForMessage(id, (m) => m.status === "sent");
  await runSchedule("sweepOutboxJob", new Date());
  await sleep(500);
  expect(twilio.requests.filter((r) => r.form.To === phone)).toHaveLength(1);
});

it("sends once, through the sweep after the lease, a claimed message whose send crashed", async () => {
  const phone = "+15555550128";
  await seedUser("student-k", { name: "Kaya", phone_number: phone });
  const event = taskCreated(
    "task-k",
    { title: "Lab report", assignedTo: "student-k", completed: false },
    "2026-11-21T11:00:00.654321Z",
  );
  // The worker dies after the claimed create has committed and before the provider is called.
  const crash = jest
    .spyOn(delivery, "sendClaimed")
    .mockRejectedValueOnce(new Error("instance stopped before the send"));
  try {
    await fft.wrap(onTaskWritten)(event);
  } finally {
    crash.mockRestore();
  }
  const [held] = await messagesFor("task-k");
  expect(held).toMatchObject({ status: "sending", attempts: 1 });
  expect(twilio.requests.filter((r) => r.form.To === phone)).toHaveLength(0);

  // Before the lease lapses the sweep leaves it; after, it sends it, once.
  await runSchedule("sweepOutboxJob", new Date());
  await sleep(500);
  expect((await messagesFor("task-k"))[0].status).toBe("sending");
  const afterLease = new Date(Date.now() + delivery.LEASE_MS + 1000);
  await runSchedule("sweepOutboxJob", afterLease);
  await waitFor("the message to be sent", async () => {
    const [message] = await messagesFor("task-k");
    return message.status === "sent" ? message : undefined;
  });
  await runSchedule("sweepOutboxJob", new Date(afterLease.getTime() + 1000));
  await sleep(500);
  expect(twilio.requests.filter((r) => r.form.To === phone)).toHaveLength(1);
});

it("the outbox trigger leaves a claimed message to the worker that holds it", async () => {
  // A job's message that another worker (the sweep) claimed before its marker's trigger ran.
  const phone = "+15555550129";
  const id = "task-reminder_student-h_2026-11-21";
  const lease = Date.now() + delivery.LEASE_MS;
  const db = adminDb();
  await db
    .collection("sms_messages")
    .doc(id)
    .create(
      queuedMessage(phone, {
        status: "sending",
        attempts: 1,
        claimId: "held-by-another-worker",
        leaseExpiresAt: Timestamp.fromMillis(lease),
        taskId: "task-held",
      }),
    );
  await db
    .collection("sms_outbox_queue")
    .doc(id)
    .create({ expireAt: Timestamp.fromMillis(lease) });
  await sleep(1500);
  expect((await messagesFor("task-held"))[0]).toMatchObject({
    status: "sending",
    attempts: 1,
    claimId: "held-by-another-worker",
  });
  expect(twilio.requests.filter((r) => r.form.To === phone)).toHaveLength(0);
});
