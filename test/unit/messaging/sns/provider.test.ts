/** The SNS adapter with the real AWS SDK against the local stand-in. */
import { ProviderError, type OutboundMessage } from "../../../../functions/messaging/provider";
import { createSnsProvider, type SnsConfig } from "../../../../functions/messaging/sns/provider";
import { unusedPort } from "../../../support/http";
import { startSnsStandIn, type SnsStandIn } from "../../../support/snsStandIn";

const TO = "+15555550123";

let standIn: SnsStandIn;

beforeAll(async () => {
  standIn = await startSnsStandIn();
});
afterEach(() => standIn.reset());
afterAll(() => standIn.close());

function provider(overrides: Partial<SnsConfig> = {}) {
  return createSnsProvider({
    region: "us-east-1",
    accessKeyId: "AKIDTEST",
    secretAccessKey: "test-secret",
    endpoint: standIn.baseUrl,
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

test("publishes one transactional SMS with PhoneNumber and Message", async () => {
  const result = await provider().send(sms);

  expect(standIn.requests).toHaveLength(1);
  const [request] = standIn.requests;
  expect(request.action).toBe("Publish");
  expect(request.accessKeyId).toBe("AKIDTEST");
  expect(request.form).toMatchObject({
    PhoneNumber: TO,
    Message: sms.body,
    "MessageAttributes.entry.1.Name": "AWS.SNS.SMS.SMSType",
    "MessageAttributes.entry.1.Value.DataType": "String",
    "MessageAttributes.entry.1.Value.StringValue": "Transactional",
  });
  expect(result).toEqual({
    provider: "sns",
    providerMessageId: expect.stringMatching(/^[0-9a-f-]{36}$/),
  });
});

test("adds the sender id when configured", async () => {
  await provider({ senderId: "SCHOOL" }).send(sms);
  const values = Object.entries(standIn.requests[0].form);
  expect(values).toContainEqual([expect.stringMatching(/\.Name$/), "AWS.SNS.SMS.SenderID"]);
  expect(values).toContainEqual([expect.stringMatching(/StringValue$/), "SCHOOL"]);
});

test("carries SMS only: WhatsApp is refused without a request", async () => {
  const error = await sendError(provider().send({ ...sms, channel: "whatsapp" }));
  expect(error).toMatchObject({ provider: "sns", kind: "configuration" });
  expect(standIn.requests).toHaveLength(0);
});

test.each([
  [500, "InternalError"],
  [503, "ServiceUnavailable"],
  [400, "Throttling"],
])("%i %s is transient, with a single attempt", async (status, code) => {
  standIn.failNext(1, status, code);
  const error = await sendError(provider().send(sms));
  expect(error).toMatchObject({ provider: "sns", kind: "transient", retryable: true });
  expect(error.code).toBe(`sns:${code}`);
  expect(standIn.requests).toHaveLength(1);
});

test("InvalidParameter about the phone number is an invalid number", async () => {
  const error = await sendError(provider().send({ ...sms, to: "+1555" }));
  expect(error).toMatchObject({
    kind: "invalid_number",
    code: "sns:InvalidParameter",
    retryable: false,
  });
});

test("AuthorizationError is a configuration error", async () => {
  standIn.failNext(1, 403, "AuthorizationError");
  const error = await sendError(provider().send(sms));
  expect(error).toMatchObject({ kind: "configuration", retryable: false });
});

test("OptedOut is unsubscribed", async () => {
  standIn.failNext(1, 400, "OptedOut");
  const error = await sendError(provider().send(sms));
  expect(error.kind).toBe("unsubscribed");
});

test("a refused connection is transient", async () => {
  const endpoint = `http://127.0.0.1:${await unusedPort()}`;
  const error = await sendError(provider({ endpoint }).send(sms));
  expect(error).toMatchObject({ kind: "transient", code: "network:ECONNREFUSED" });
});

test("a hanging server times out as transient", async () => {
  standIn.respondWith(() => ({ status: 200, body: "<x/>", delayMs: 1000 }));
  const error = await sendError(provider({ timeoutMs: 150 }).send(sms));
  expect(error).toMatchObject({ kind: "transient", retryable: true });
});
