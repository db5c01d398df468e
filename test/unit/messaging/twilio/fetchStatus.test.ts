/**
 * What the Twilio adapter learns after a send, with the real SDK against the local stand-in:
 * a message's or call's status, price, segments and duration, and the status callbacks a call
 * asks for.
 */
import { createTwilioProvider } from "../../../../functions/messaging/twilio/provider";
import { ProviderError } from "../../../../functions/messaging/provider";
import { startTwilioStandIn, type TwilioStandIn } from "../../../support/twilioStandIn";

const ACCOUNT_SID = "AC00000000000000000000000000000001";
const TO = "+15555550123";
const CALLBACK = "https://example.test/twilioStatusCallback";

let standIn: TwilioStandIn;

beforeAll(async () => {
  standIn = await startTwilioStandIn();
});
afterEach(() => standIn.reset());
afterAll(() => standIn.close());

/** The adapter; `null` for a deployment without PUBLIC_BASE_URL. */
function provider(callbackUrl: string | null = CALLBACK) {
  return createTwilioProvider({
    accountSid: ACCOUNT_SID,
    authToken: "test-auth-token",
    from: "+15555550100",
    apiBaseUrl: standIn.baseUrl,
    statusCallbackUrl: callbackUrl ?? undefined,
    timeoutMs: 2000,
  });
}

async function sentSms() {
  const twilio = provider();
  const { providerMessageId } = await twilio.send({ to: TO, body: "Quiz at 5", channel: "sms" });
  return { twilio, sid: providerMessageId };
}

describe("fetchStatus of a message", () => {
  test("GETs the message resource and reads status, absolute price, unit and segments", async () => {
    const { twilio, sid } = await sentSms();
    standIn.setStatus(sid, { status: "delivered", price: "-0.01580", numSegments: 2 });

    const receipt = await twilio.fetchStatus({ providerMessageId: sid, channel: "sms" });

    const fetch = standIn.requests[standIn.requests.length - 1];
    expect(fetch.method).toBe("GET");
    expect(fetch.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${sid}.json`);
    expect(receipt).toMatchObject({
      status: "delivered",
      price: 0.0158,
      priceUnit: "USD",
      segments: 2,
    });
    expect(receipt.at).toBeInstanceOf(Date);
  });

  test("a message not yet settled says only what Twilio knows", async () => {
    const { twilio, sid } = await sentSms();
    expect(await twilio.fetchStatus({ providerMessageId: sid, channel: "sms" })).toEqual({
      segments: 1,
      at: expect.any(Date),
    });
  });

  test("the price shows only after the scripted number of fetches", async () => {
    const { twilio, sid } = await sentSms();
    standIn.setStatus(sid, { status: "delivered", priceAfterFetches: 1 });
    const lookup = { providerMessageId: sid, channel: "sms" as const };

    expect((await twilio.fetchStatus(lookup)).price).toBeUndefined();
    expect((await twilio.fetchStatus(lookup)).price).toBe(0.0079);
    expect(standIn.created("message")[0].fetches).toBe(2);
  });

  test("an undelivered message comes with its classified error", async () => {
    const { twilio, sid } = await sentSms();
    standIn.setStatus(sid, { status: "undelivered", errorCode: 30003, price: null });
    const receipt = await twilio.fetchStatus({ providerMessageId: sid, channel: "sms" });
    expect(receipt).toMatchObject({ status: "undelivered", error: { code: "twilio:30003" } });
    expect(receipt.price).toBeUndefined();
  });

  test("an unknown SID is a ProviderError, not a crash", async () => {
    const error = await provider()
      .fetchStatus({ providerMessageId: `SM${"f".repeat(32)}`, channel: "sms" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ provider: "twilio", code: "twilio:20404" });
  });

  test("a Twilio outage is a transient ProviderError", async () => {
    const { twilio, sid } = await sentSms();
    standIn.failNext(1, 503);
    const error = await twilio
      .fetchStatus({ providerMessageId: sid, channel: "sms" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "transient", retryable: true });
  });
});

describe("calls", () => {
  test("ask for status callbacks on the same signed path, naming our message", async () => {
    await provider().send({ to: TO, body: "Hi", channel: "voice", messageId: "reminder_r1_1" });

    const [request] = standIn.requests;
    expect(request.form.StatusCallback).toBe(`${CALLBACK}?messageId=reminder_r1_1`);
    expect(request.form.StatusCallbackMethod).toBe("POST");
    expect(request.formAll.StatusCallbackEvent).toEqual([
      "initiated",
      "ringing",
      "answered",
      "completed",
    ]);
    expect(standIn.created("call")).toEqual([
      expect.objectContaining({
        to: TO,
        statusCallback: `${CALLBACK}?messageId=reminder_r1_1`,
        statusCallbackEvents: ["initiated", "ringing", "answered", "completed"],
      }),
    ]);
  });

  test("ask for none when PUBLIC_BASE_URL is not set", async () => {
    await provider(null).send({ to: TO, body: "Hi", channel: "voice" });
    expect(standIn.requests[0].form.StatusCallback).toBeUndefined();
    expect(standIn.requests[0].formAll.StatusCallbackEvent).toBeUndefined();
  });

  test("fetchStatus GETs the call and reads its outcome, duration and price", async () => {
    const twilio = provider();
    const { providerMessageId: sid } = await twilio.send({ to: TO, body: "Hi", channel: "voice" });
    standIn.setStatus(sid, { status: "completed", duration: 42 });

    const receipt = await twilio.fetchStatus({ providerMessageId: sid, channel: "voice" });

    expect(standIn.requests[1].path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Calls/${sid}.json`);
    expect(receipt).toMatchObject({
      status: "delivered",
      durationSeconds: 42,
      price: 0.013,
      priceUnit: "USD",
    });
  });

  test("an unanswered call is undelivered with a plain reason", async () => {
    const twilio = provider();
    const { providerMessageId: sid } = await twilio.send({ to: TO, body: "Hi", channel: "voice" });
    standIn.setStatus(sid, { status: "no-answer", price: "0" });
    expect(await twilio.fetchStatus({ providerMessageId: sid, channel: "voice" })).toMatchObject({
      status: "undelivered",
      error: { userMessage: "The call was not answered" },
      durationSeconds: 0,
      price: 0,
    });
  });
});
