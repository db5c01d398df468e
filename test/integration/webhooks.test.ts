/**
 * Twilio's webhooks in the Functions emulator, called the way Twilio calls them: a form POST
 * signed with X-Twilio-Signature (computed by the real Twilio SDK).
 */
import { Timestamp } from "firebase-admin/firestore";
import {
  adminDb,
  loadFunctionEnv,
  TWILIO_STAND_IN_PORT,
  waitFor,
  waitForMessage,
} from "../support/emulators";
import { seedUser } from "../support/fixtures";
import { startTwilioStandIn, type TwilioStandIn } from "../support/twilioStandIn";
import { postSigned } from "../support/twilioWebhooks";

let standIn: TwilioStandIn;

beforeAll(async () => {
  loadFunctionEnv();
  standIn = await startTwilioStandIn(TWILIO_STAND_IN_PORT);
});

afterAll(async () => {
  await standIn.close();
});

const post = postSigned;

async function seedSentMessage(id: string, fields: Record<string, unknown> = {}) {
  await adminDb()
    .collection("sms_messages")
    .doc(id)
    .set({
      to: "+15555550131",
      body: "hello",
      status: "sent",
      providerMessageId: `SM${id.replace(/\W/g, "").padEnd(32, "0").slice(0, 32)}`,
      sentAt: Timestamp.now(),
      deliveredAt: null,
      error: null,
      ...fields,
    });
  return (await adminDb().collection("sms_messages").doc(id).get()).get("providerMessageId");
}

const messageData = async (id: string) =>
  (await adminDb().collection("sms_messages").doc(id).get()).data();

describe("twilioStatusCallback", () => {
  it("marks a sent message delivered", async () => {
    const sid = await seedSentMessage("cb-delivered");
    const result = await post("twilioStatusCallback?messageId=cb-delivered", {
      MessageSid: sid,
      MessageStatus: "delivered",
      Price: "-0.0079",
      PriceUnit: "USD",
    });
    expect(result.status).toBe(200);
    const data = await messageData("cb-delivered");
    expect(data).toMatchObject({ status: "delivered", price: 0.0079, priceUnit: "USD" });
    expect(data?.deliveredAt).toBeInstanceOf(Timestamp);
  });

  it("finds the message by its Twilio SID when the URL does not name it", async () => {
    const sid = await seedSentMessage("cb-by-sid");
    await post("twilioStatusCallback", { MessageSid: sid, MessageStatus: "delivered" });
    expect((await messageData("cb-by-sid"))?.status).toBe("delivered");
  });

  it("records why a message was undelivered", async () => {
    const sid = await seedSentMessage("cb-undelivered");
    await post("twilioStatusCallback?messageId=cb-undelivered", {
      MessageSid: sid,
      MessageStatus: "undelivered",
      ErrorCode: "30003",
    });
    const data = await messageData("cb-undelivered");
    expect(data?.status).toBe("undelivered");
    expect(data?.error).toMatchObject({ code: "twilio:30003" });
    expect(data?.error.userMessage).toMatch(/could not be reached/);
  });

  it("never moves a message out of a final status (late or repeated callbacks)", async () => {
    const sid = await seedSentMessage("cb-final", { status: "delivered" });
    await post("twilioStatusCallback?messageId=cb-final", {
      MessageSid: sid,
      MessageStatus: "sent",
    });
    await post("twilioStatusCallback?messageId=cb-final", {
      MessageSid: sid,
      MessageStatus: "failed",
      ErrorCode: "30008",
    });
    expect(await messageData("cb-final")).toMatchObject({ status: "delivered", error: null });
  });

  it("answers 403 to a request without a valid signature, and changes nothing", async () => {
    const sid = await seedSentMessage("cb-forged");
    const result = await post(
      "twilioStatusCallback?messageId=cb-forged",
      { MessageSid: sid, MessageStatus: "failed" },
      "forged-signature",
    );
    expect(result.status).toBe(403);
    expect((await messageData("cb-forged"))?.status).toBe("sent");
  });
});

describe("twilioInbound", () => {
  const suppression = (phone: string) => adminDb().collection("sms_suppressions").doc(phone).get();

  it("adds a suppression on STOP and removes it on START, recording each reply", async () => {
    const phone = "+15555550132";
    const stop = await post("twilioInbound", {
      MessageSid: "SMinbound000000000000000000000001",
      From: phone,
      To: "+15555550100",
      Body: "Stop",
    });
    expect(stop.status).toBe(200);
    expect(stop.text).toContain("<Response>");
    expect((await suppression(phone)).data()).toMatchObject({
      reason: "STOP",
      source: "keyword",
      keyword: "STOP",
      channel: "sms",
    });
    const inbound = await adminDb()
      .collection("sms_inbound")
      .doc("SMinbound000000000000000000000001")
      .get();
    expect(inbound.data()).toMatchObject({ from: phone, keyword: "stop", body: "Stop" });

    await post("twilioInbound", {
      MessageSid: "SMinbound000000000000000000000002",
      From: phone,
      To: "+15555550100",
      Body: "START",
    });
    expect((await suppression(phone)).exists).toBe(false);
  });

  it("answers HELP with the help text in the user's language, even with SMS turned off", async () => {
    const phone = "+15555550133";
    await seedUser("inbound-help", {
      name: "Hilal",
      phone_number: phone,
      language: "tr",
      sms_notifications_enabled: false,
    });
    await waitFor("the user's recipient row", async () => {
      const row = await adminDb().collection("sms_recipients").doc("inbound-help").get();
      return row.exists ? row : undefined;
    });
    await post("twilioInbound", {
      MessageSid: "SMinbound000000000000000000000003",
      From: phone,
      To: "+15555550100",
      Body: "help",
    });
    const message = await waitForMessage(
      "help_SMinbound000000000000000000000003",
      (m) => m.status === "sent",
    );
    expect(message).toMatchObject({ to: phone, userId: "inbound-help", language: "tr" });
    expect(message.body).toContain("STOP");
    expect(standIn.requests.filter((r) => r.form.To === phone)).toHaveLength(1);
  });

  it("ignores a forged STOP", async () => {
    const phone = "+15555550134";
    const result = await post(
      "twilioInbound",
      { MessageSid: "SMinbound000000000000000000000004", From: phone, Body: "STOP" },
      "forged-signature",
    );
    expect(result.status).toBe(403);
    expect((await suppression(phone)).exists).toBe(false);
  });
});
