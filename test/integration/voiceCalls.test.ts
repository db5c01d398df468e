/**
 * Voice calls in the emulators: a call asks Twilio for status callbacks on the signed webhook
 * path, the test calls back as Twilio would (signed, from the URL the stand-in recorded), and
 * the call's outcome becomes the message's status and its reminder's outcome. Reconciliation
 * fills in what no callback said (price, duration).
 */
import {
  adminDb,
  loadFunctionEnv,
  runSchedule,
  waitFor,
  waitForMessage,
} from "../support/emulators";
import { seedUser } from "../support/fixtures";
import { useTwilioStandIn } from "../support/lifecycle";
import { messageData, sendThroughTwilio } from "../support/outbox";
import type { CreatedResource } from "../support/twilioStandIn";
import { callStatusForm, postSigned, postToCallback } from "../support/twilioWebhooks";

const twilio = useTwilioStandIn();

beforeAll(() => loadFunctionEnv());

const MINUTE = 60_000;
const EVENTS = ["initiated", "ringing", "answered", "completed"];

const reminders = () => adminDb().collection("reminders");

function reminderWhen(id: string, predicate: (data: FirebaseFirestore.DocumentData) => boolean) {
  return waitFor(`reminders/${id}`, async () => {
    const data = (await reminders().doc(id).get()).data();
    return data && predicate(data) ? data : undefined;
  });
}

function callTo(phone: string): CreatedResource {
  const call = twilio.created("call").find((c) => c.to === phone);
  if (!call) throw new Error(`the stand-in Twilio placed no call to ${phone}`);
  return call;
}

/** A voice reminder for a new user, fired when due; the reminder once it is sent. */
async function voiceReminderSent(reminderId: string, userId: string, phone: string) {
  await seedUser(userId, { name: "Vera", phone_number: phone, language: "en" });
  const at = new Date(Date.now() + 3_600_000);
  await reminders().doc(reminderId).set({
    userId,
    title: "Medicine",
    message: "Time to take your medicine.",
    scheduledTime: at.toISOString(),
    channel: "voice",
  });
  await reminderWhen(reminderId, (r) => r.status === "scheduled");
  await runSchedule("dueRemindersJob", new Date(at.getTime() + 1000));
  return reminderWhen(reminderId, (r) => r.status === "sent");
}

it("a call that is not answered ends undelivered, and its reminder says so", async () => {
  const phone = "+15555550191";
  const sent = await voiceReminderSent("voice-r1", "voice-u1", phone);
  const messageId = String(sent.lastMessageId);
  const call = callTo(phone);
  expect(call.statusCallback).toMatch(
    new RegExp(`/twilioStatusCallback\\?messageId=${encodeURIComponent(messageId)}$`),
  );
  expect(call.statusCallbackEvents).toEqual(EVENTS);

  // Progress events change nothing.
  for (const progress of ["initiated", "ringing"]) {
    const response = await postToCallback(
      call.statusCallback ?? "",
      callStatusForm(call, progress),
    );
    expect(response.status).toBe(200);
  }
  expect((await messageData(messageId))?.status).toBe("sent");

  await postToCallback(call.statusCallback ?? "", callStatusForm(call, "no-answer", 0));

  const message = await waitForMessage(messageId, (m) => m.status === "undelivered");
  expect(message.error).toMatchObject({
    code: "twilio:call-no-answer",
    userMessage: "The call was not answered",
  });
  const reminder = await reminderWhen("voice-r1", (r) => typeof r.errorMessage === "string");
  expect(reminder).toMatchObject({ errorMessage: "The call was not answered", status: "sent" });
});

it("a completed call is delivered with its duration; reconciliation adds its price", async () => {
  const phone = "+15555550192";
  const { sid, sentAt } = await sendThroughTwilio("voice-completed", phone, { channel: "voice" });
  const call = callTo(phone);
  expect(call.sid).toBe(sid);

  await postToCallback(call.statusCallback ?? "", callStatusForm(call, "in-progress"));
  expect((await messageData("voice-completed"))?.status).toBe("sent");
  await postToCallback(call.statusCallback ?? "", callStatusForm(call, "completed", 42));
  const delivered = await waitForMessage("voice-completed", (m) => m.status === "delivered");
  expect(delivered).toMatchObject({ duration: 42, price: null });

  twilio.setStatus(sid, { status: "completed", duration: 42 });
  await runSchedule("reconcileJob", new Date(sentAt.getTime() + 11 * MINUTE));
  const priced = await waitForMessage("voice-completed", (m) => m.price !== null);
  expect(priced).toMatchObject({ status: "delivered", duration: 42, price: 0.013 });
  expect(priced.reconcileAfter).toBeUndefined();
});

it("a busy call nobody called back about is found by reconciliation", async () => {
  const phone = "+15555550193";
  const { sid, sentAt } = await sendThroughTwilio("voice-busy", phone, { channel: "voice" });
  twilio.setStatus(sid, { status: "busy", price: "0" });

  await runSchedule("reconcileJob", new Date(sentAt.getTime() + 11 * MINUTE));

  const busy = await waitForMessage("voice-busy", (m) => m.status === "undelivered");
  expect(busy).toMatchObject({
    price: 0,
    duration: 0,
    error: { code: "twilio:call-busy", userMessage: "The line was busy" },
  });
});

it("a late no-answer never undoes an answered call", async () => {
  const phone = "+15555550194";
  await sendThroughTwilio("voice-late", phone, { channel: "voice" });
  const call = callTo(phone);
  await postToCallback(call.statusCallback ?? "", callStatusForm(call, "completed", 30));
  await waitForMessage("voice-late", (m) => m.status === "delivered");

  await postToCallback(call.statusCallback ?? "", callStatusForm(call, "no-answer", 0));

  expect(await messageData("voice-late")).toMatchObject({
    status: "delivered",
    duration: 30,
    error: null,
  });
});

it("a forged call callback gets 403 and changes nothing", async () => {
  const phone = "+15555550195";
  await sendThroughTwilio("voice-forged", phone, { channel: "voice" });
  const call = callTo(phone);

  const response = await postSigned(
    "twilioStatusCallback?messageId=voice-forged",
    callStatusForm(call, "no-answer", 0),
    "forged-signature",
  );

  expect(response.status).toBe(403);
  expect((await messageData("voice-forged"))?.status).toBe("sent");
});
