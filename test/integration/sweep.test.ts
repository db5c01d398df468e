/**
 * The outbox sweep keeps every accepted message moving: a send interrupted mid-way (its lease
 * lapsed) is re-queued and sent, and a scheduled message goes out when its time comes. The
 * sweep is fired as Cloud Scheduler would, with a chosen schedule time.
 */
import { Timestamp } from "firebase-admin/firestore";
import { adminDb, runSchedule, TWILIO_STAND_IN_PORT, waitForMessage } from "../support/emulators";
import { startTwilioStandIn, type TwilioStandIn } from "../support/twilioStandIn";
import { queuedMessage } from "../support/outbox";

let twilio: TwilioStandIn;

beforeAll(async () => {
  twilio = await startTwilioStandIn(TWILIO_STAND_IN_PORT);
});

afterAll(async () => {
  await twilio.close();
});

const requestsTo = (phone: string) => twilio.requests.filter((r) => r.form.To === phone);

it("re-queues and sends a message whose send was interrupted (lease lapsed)", async () => {
  const phone = "+15555550116";
  const lapsed = Timestamp.fromMillis(Date.now() - 60_000);
  await adminDb()
    .collection("sms_messages")
    .doc("sweep-lapsed")
    .set(
      queuedMessage(phone, {
        status: "sending",
        attempts: 1,
        claimId: "crashed",
        leaseExpiresAt: lapsed,
      }),
    );

  await runSchedule("sweepOutboxJob", new Date());

  const sent = await waitForMessage("sweep-lapsed", (m) => m.status === "sent");
  expect(sent).toMatchObject({ attempts: 2, provider: "twilio", claimId: null });
  expect(requestsTo(phone)).toHaveLength(1);
});

it("leaves a lease that has not lapsed alone", async () => {
  const phone = "+15555550117";
  const held = Timestamp.fromMillis(Date.now() + 240_000);
  await adminDb()
    .collection("sms_messages")
    .doc("sweep-held")
    .set(
      queuedMessage(phone, {
        status: "sending",
        attempts: 1,
        claimId: "busy",
        leaseExpiresAt: held,
      }),
    );

  await runSchedule("sweepOutboxJob", new Date());

  const doc = await adminDb().collection("sms_messages").doc("sweep-held").get();
  expect(doc.data()).toMatchObject({ status: "sending", claimId: "busy", attempts: 1 });
  expect(requestsTo(phone)).toHaveLength(0);
});

it("sends a scheduled message when its time comes, not before", async () => {
  const phone = "+15555550118";
  const sendAt = new Date(Date.now() + 3_600_000);
  await adminDb()
    .collection("sms_messages")
    .doc("sweep-scheduled")
    .set(
      queuedMessage(phone, {
        status: "scheduled",
        sendAt: Timestamp.fromDate(sendAt),
        nextAttemptAt: Timestamp.fromDate(sendAt),
      }),
    );

  await runSchedule("sweepOutboxJob", new Date());
  const early = await adminDb().collection("sms_messages").doc("sweep-scheduled").get();
  expect(early.get("status")).toBe("scheduled");

  await runSchedule("sweepOutboxJob", new Date(sendAt.getTime() + 1000));
  await waitForMessage("sweep-scheduled", (m) => m.status === "sent");
  expect(requestsTo(phone)).toHaveLength(1);
});
