/** The Twilio adapter with the real SDK against the local stand-in. */
import {
  createTwilioProvider,
  escapeXml,
  rewriteTwilioUrl,
  voiceTwiml,
  type TwilioConfig,
} from "../../../../functions/messaging/twilio/provider";
import { ProviderError, type OutboundMessage } from "../../../../functions/messaging/provider";
import { unusedPort } from "../../../support/http";
import { startTwilioStandIn, type TwilioStandIn } from "../../../support/twilioStandIn";

const ACCOUNT_SID = "AC00000000000000000000000000000001";
const AUTH_TOKEN = "test-auth-token";
const FROM = "+15555550100";
const TO = "+15555550123";
const CALLBACK = "https://example.test/twilioStatusCallback";

let standIn: TwilioStandIn;

beforeAll(async () => {
  standIn = await startTwilioStandIn();
});
afterEach(() => standIn.reset());
afterAll(() => standIn.close());

function provider(overrides: Partial<TwilioConfig> = {}) {
  return createTwilioProvider({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    from: FROM,
    apiBaseUrl: standIn.baseUrl,
    statusCallbackUrl: CALLBACK,
    timeoutMs: 2000,
    ...overrides,
  });
}

const sms: OutboundMessage = { to: TO, body: "Your task is due tomorrow", channel: "sms" };

async function sendError(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => {
      throw new Error("expected the send to fail");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe("sms", () => {
  test("sends exactly one Messages request with To, From, Body, StatusCallback and basic auth", async () => {
    const result = await provider().send(sms);

    expect(standIn.requests).toHaveLength(1);
    const [request] = standIn.requests;
    expect(request.method).toBe("POST");
    expect(request.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(request.form).toEqual({
      To: TO,
      From: FROM,
      Body: sms.body,
      StatusCallback: CALLBACK,
    });
    expect(request.auth).toEqual({ username: ACCOUNT_SID, password: AUTH_TOKEN });
    expect(result).toEqual({
      provider: "twilio",
      providerMessageId: expect.stringMatching(/^SM[0-9a-f]{32}$/),
      providerStatus: "queued",
    });
  });

  test("names our message id in the StatusCallback URL", async () => {
    await provider().send({ ...sms, messageId: "task-created_t1_u1_1" });

    expect(standIn.requests[0].form.StatusCallback).toBe(
      `${CALLBACK}?messageId=task-created_t1_u1_1`,
    );
  });

  test("uses the Messaging Service instead of From when set, and no callback when unset", async () => {
    const result = await provider({
      messagingServiceSid: "MG00000000000000000000000000000001",
      statusCallbackUrl: undefined,
    }).send(sms);

    const [request] = standIn.requests;
    expect(request.form.MessagingServiceSid).toBe("MG00000000000000000000000000000001");
    expect(request.form.From).toBeUndefined();
    expect(request.form.StatusCallback).toBeUndefined();
    expect(result.providerStatus).toBe("accepted");
  });

  test("stores the absolute price when Twilio reports one", async () => {
    standIn.respondWith(() => ({
      status: 201,
      body: { sid: `SM${"a".repeat(32)}`, status: "sent", price: "-0.0075", price_unit: "USD" },
    }));
    const result = await provider().send(sms);
    expect(result).toMatchObject({ price: 0.0075, priceUnit: "USD", providerStatus: "sent" });
  });

  test("reuses one client across sends", async () => {
    const twilio = provider();
    await twilio.send(sms);
    await twilio.send(sms);
    expect(standIn.requests).toHaveLength(2);
  });
});

describe("whatsapp", () => {
  test("prefixes To and From with whatsapp:", async () => {
    await provider({ whatsappFrom: "+15555550199" }).send({ ...sms, channel: "whatsapp" });
    const [request] = standIn.requests;
    expect(request.form.To).toBe(`whatsapp:${TO}`);
    expect(request.form.From).toBe("whatsapp:+15555550199");
  });

  test("does not double an existing prefix", async () => {
    await provider({ whatsappFrom: "whatsapp:+15555550199" }).send({
      ...sms,
      to: `whatsapp:${TO}`,
      channel: "whatsapp",
    });
    expect(standIn.requests[0].form).toMatchObject({
      To: `whatsapp:${TO}`,
      From: "whatsapp:+15555550199",
    });
  });

  test("without a WhatsApp sender it is a configuration error and nothing is sent", async () => {
    const error = await sendError(provider().send({ ...sms, channel: "whatsapp" }));
    expect(error).toMatchObject({ provider: "twilio", kind: "configuration", retryable: false });
    expect(standIn.requests).toHaveLength(0);
  });
});

describe("voice", () => {
  test("places a call with TwiML that says the escaped text", async () => {
    const result = await provider().send({
      to: TO,
      body: `Tom's <task> & "quiz"`,
      channel: "voice",
      language: "tr",
    });

    const [request] = standIn.requests;
    expect(request.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`);
    expect(request.form).toMatchObject({ To: TO, From: FROM });
    expect(request.form.Twiml).toBe(
      '<Response><Say language="tr-TR">Tom&apos;s &lt;task&gt; &amp; &quot;quiz&quot;</Say></Response>',
    );
    expect(result.providerMessageId).toMatch(/^CA[0-9a-f]{32}$/);
  });

  test("needs a phone number even when a Messaging Service is set", async () => {
    const twilio = provider({ from: undefined, messagingServiceSid: "MG1" });
    const error = await sendError(twilio.send({ ...sms, channel: "voice" }));
    expect(error.kind).toBe("configuration");
    expect(standIn.requests).toHaveLength(0);
  });
});

describe("errors", () => {
  test("500 is transient and retryable, and the SDK does not retry it", async () => {
    standIn.failNext(1, 500);
    const error = await sendError(provider().send(sms));
    expect(error).toMatchObject({ provider: "twilio", kind: "transient", retryable: true });
    expect(standIn.requests).toHaveLength(1);
  });

  test("429 is transient and the SDK's own retry is off", async () => {
    standIn.failNext(5, 429);
    const error = await sendError(provider().send(sms));
    expect(error).toMatchObject({ kind: "transient", code: "twilio:20429" });
    expect(standIn.requests).toHaveLength(1);
  });

  test("400 code 21211 is an invalid number, not retryable", async () => {
    standIn.failNext(1, 400, { code: 21211, message: "Invalid 'To' Phone Number" });
    const error = await sendError(provider().send(sms));
    expect(error).toMatchObject({
      kind: "invalid_number",
      code: "twilio:21211",
      retryable: false,
      message: "Invalid 'To' Phone Number",
      userMessage: "This phone number is not valid. Check it and try again.",
    });
  });

  test("the stand-in's own validation rejects a malformed number the same way", async () => {
    const error = await sendError(provider().send({ ...sms, to: "5550123" }));
    expect(error.kind).toBe("invalid_number");
  });

  test("21610 is unsubscribed", async () => {
    standIn.failNext(1, 400, { code: 21610, message: "Attempt to send to unsubscribed recipient" });
    const error = await sendError(provider().send(sms));
    expect(error).toMatchObject({ kind: "unsubscribed", retryable: false });
  });

  test("401 is a configuration error", async () => {
    standIn.failNext(1, 401);
    const error = await sendError(provider().send(sms));
    expect(error).toMatchObject({ kind: "configuration", code: "twilio:20003" });
  });

  test("a non-JSON 502 from a proxy is transient", async () => {
    standIn.respondWith(() => ({ status: 502, body: "<html>Bad gateway</html>" }));
    const error = await sendError(provider().send(sms));
    expect(error).toMatchObject({ kind: "transient", code: "twilio:http-502" });
  });

  test("a refused connection is transient", async () => {
    const closed = `http://127.0.0.1:${await unusedPort()}`;
    const error = await sendError(provider({ apiBaseUrl: closed }).send(sms));
    expect(error).toMatchObject({
      kind: "transient",
      code: "network:ECONNREFUSED",
      retryable: true,
    });
  });

  test("a hanging server times out as transient", async () => {
    standIn.respondWith(() => ({ status: 201, body: {}, delayMs: 1000 }));
    const error = await sendError(provider({ timeoutMs: 150 }).send(sms));
    expect(error).toMatchObject({ kind: "transient", retryable: true });
  });
});

describe("helpers", () => {
  test("rewriteTwilioUrl swaps any twilio.com origin and keeps the path", () => {
    const base = "http://127.0.0.1:4010/";
    expect(
      rewriteTwilioUrl("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json", base),
    ).toBe("http://127.0.0.1:4010/2010-04-01/Accounts/AC1/Messages.json");
    expect(rewriteTwilioUrl("https://api.dublin.ie1.twilio.com:443/x?y=1", "http://h/p")).toBe(
      "http://h/p/x?y=1",
    );
    expect(rewriteTwilioUrl("https://example.com/x", base)).toBe("https://example.com/x");
  });

  test("escapeXml and voiceTwiml", () => {
    expect(escapeXml(`&<>"'`)).toBe("&amp;&lt;&gt;&quot;&apos;");
    expect(voiceTwiml("Hi")).toBe('<Response><Say language="en-US">Hi</Say></Response>');
  });
});
