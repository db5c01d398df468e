/**
 * Reconciliation in the emulators: messages the outbox sent through the stand-in Twilio, which
 * never calls back, are fetched with the real SDK by the `reconcile` job, fired as Cloud
 * Scheduler fires it (a chosen schedule time is the job's "now") or by an admin's `runJob`.
 */
import { Timestamp } from "firebase-admin/firestore";
import { adminDb, loadFunctionEnv, runSchedule, waitForMessage } from "../support/emulators";
import { useTwilioStandIn, useWebClients } from "../support/lifecycle";
import { messageData, sendThroughTwilio } from "../support/outbox";
import { postSigned } from "../support/twilioWebhooks";

const twilio = useTwilioStandIn();
const clients = useWebClients();
const admin = clients.signedIn("reconcile-admin", "admin");

beforeAll(() => loadFunctionEnv());

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);
const fetchesOf = (sid: string) => twilio.created().find((r) => r.sid === sid)?.fetches ?? 0;
const reconcileAt = (at: Date) => runSchedule("reconcileJob", at);

it("a message sent and never called back becomes delivered with a price", async () => {
  const { sid, sentAt, reconcileAfter } = await sendThroughTwilio("rec-delivered", "+15555550181");
  expect(reconcileAfter).toEqual(later(sentAt, 10 * MINUTE));
  twilio.setStatus(sid, { status: "delivered", numSegments: 1 });

  // Not yet 10 minutes: Twilio is not asked.
  await reconcileAt(later(sentAt, 5 * MINUTE));
  expect(fetchesOf(sid)).toBe(0);
  expect((await messageData("rec-delivered"))?.status).toBe("sent");

  await reconcileAt(later(sentAt, 11 * MINUTE));
  const delivered = await waitForMessage("rec-delivered", (m) => m.status === "delivered");
  expect(delivered).toMatchObject({ price: 0.0079, priceUnit: "USD", segments: 1, error: null });
  expect(delivered.deliveredAt).toBeInstanceOf(Timestamp);
  expect(delivered.reconcileAfter).toBeUndefined();
  expect(fetchesOf(sid)).toBe(1);

  // Cloud Scheduler retrying the same run asks Twilio nothing more.
  await reconcileAt(later(sentAt, 11 * MINUTE));
  expect(fetchesOf(sid)).toBe(1);
});

it("a late price is picked up on a later run, without a status change", async () => {
  const { sid, sentAt } = await sendThroughTwilio("rec-late-price", "+15555550182");
  twilio.setStatus(sid, { status: "delivered", priceAfterFetches: 1 });

  await reconcileAt(later(sentAt, 15 * MINUTE));
  const unpriced = await waitForMessage("rec-late-price", (m) => m.status === "delivered");
  expect(unpriced.price).toBeNull();
  expect((unpriced.reconcileAfter as Timestamp).toDate()).toEqual(later(sentAt, 45 * MINUTE));

  await reconcileAt(later(sentAt, 75 * MINUTE));
  const priced = await waitForMessage("rec-late-price", (m) => m.price !== null);
  expect(priced).toMatchObject({ status: "delivered", price: 0.0079, priceUnit: "USD" });
  expect(priced.reconcileAfter).toBeUndefined();
  expect(fetchesOf(sid)).toBe(2);
});

it("an undelivered message gets its error code and a plain reason", async () => {
  const { sid, sentAt } = await sendThroughTwilio("rec-undelivered", "+15555550183");
  twilio.setStatus(sid, {
    status: "undelivered",
    errorCode: 30003,
    errorMessage: "Unreachable destination handset",
  });

  await reconcileAt(later(sentAt, 20 * MINUTE));

  const undelivered = await waitForMessage("rec-undelivered", (m) => m.status === "undelivered");
  expect(undelivered.error).toMatchObject({
    code: "twilio:30003",
    message: "Unreachable destination handset",
  });
  expect(undelivered.error.userMessage).toMatch(/could not be reached/);
  expect(undelivered.price).toBe(0.0079);
});

it("a final status from a callback is never left; the price still arrives", async () => {
  const { sid, sentAt } = await sendThroughTwilio("rec-final", "+15555550184");
  await postSigned("twilioStatusCallback?messageId=rec-final", {
    MessageSid: sid,
    MessageStatus: "delivered",
  });
  await waitForMessage("rec-final", (m) => m.status === "delivered");
  twilio.setStatus(sid, { status: "failed", errorCode: 30008 });

  await reconcileAt(later(sentAt, 12 * MINUTE));

  const final = await waitForMessage("rec-final", (m) => m.price !== null);
  expect(final).toMatchObject({ status: "delivered", error: null, price: 0.0079 });
  expect(final.reconcileAfter).toBeUndefined();
});

it("an admin's runJob closes a message 72 hours old with no final status as deliveryUnknown", async () => {
  const { sid } = await sendThroughTwilio("rec-old", "+15555550185");
  twilio.setStatus(sid, { status: "sent" });
  // As if it had been sent three days ago and never heard of since.
  const sentAt = new Date(Date.now() - 73 * HOUR);
  await adminDb()
    .collection("sms_messages")
    .doc("rec-old")
    .update({
      sentAt: Timestamp.fromDate(sentAt),
      reconcileAfter: Timestamp.fromDate(later(sentAt, 40 * HOUR)),
    });

  const result = await admin.call<{ job: string }, { report: Record<string, number> }>("runJob", {
    job: "reconcile",
  });

  expect(result.report).toMatchObject({ closed: 1 });
  const closed = await messageData("rec-old");
  expect(closed).toMatchObject({ status: "sent", deliveryUnknown: true });
  expect(closed?.reconcileAfter).toBeUndefined();
  expect(fetchesOf(sid)).toBe(1);
});

it("refuses runJob reconcile to a student, and asks Twilio nothing", async () => {
  const { sid } = await sendThroughTwilio("rec-student", "+15555550186");
  // Due by the real clock, so a run that did happen would fetch it.
  const due = Timestamp.fromMillis(Date.now() - HOUR);
  await adminDb().collection("sms_messages").doc("rec-student").update({ reconcileAfter: due });
  const student = await clients.as("reconcile-student", "student");

  await expect(student.call("runJob", { job: "reconcile" })).rejects.toMatchObject({
    code: "functions/permission-denied",
  });
  expect(await messageData("rec-student")).toMatchObject({ status: "sent", reconcileAfter: due });
  expect(fetchesOf(sid)).toBe(0);
});
