/** The stand-in servers themselves, with plain fetch: they must behave like the vendors. */
import { startSnsStandIn, type SnsStandIn } from "../../support/snsStandIn";
import { startTwilioStandIn, type TwilioStandIn } from "../../support/twilioStandIn";

const ACCOUNT_SID = "AC00000000000000000000000000000001";
const MESSAGES = `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`;
const basic = (user: string, pass: string) =>
  `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}`;

describe("Twilio stand-in", () => {
  let standIn: TwilioStandIn;
  beforeAll(async () => {
    standIn = await startTwilioStandIn();
  });
  afterEach(() => standIn.reset());
  afterAll(() => standIn.close());

  function post(path: string, form: Record<string, string>, auth?: string) {
    return fetch(`${standIn.baseUrl}${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        ...(auth ? { authorization: auth } : {}),
      },
      body: new URLSearchParams(form).toString(),
    });
  }

  test("binds 127.0.0.1 on an ephemeral port", () => {
    expect(standIn.baseUrl).toBe(`http://127.0.0.1:${standIn.port}`);
    expect(standIn.port).toBeGreaterThan(0);
  });

  test("401 with a Twilio-style error when auth is missing, still recorded", async () => {
    const response = await post(MESSAGES, { To: "+15555550123", From: "+15555550100", Body: "x" });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      code: 20003,
      message: "Authenticate",
      more_info: "https://www.twilio.com/docs/errors/20003",
      status: 401,
    });
    expect(standIn.requests).toHaveLength(1);
    expect(standIn.requests[0].auth).toBeNull();
  });

  test("201 with a message resource, retrievable afterwards", async () => {
    const auth = basic(ACCOUNT_SID, "token");
    const response = await post(
      MESSAGES,
      { To: "+15555550123", From: "+15555550100", Body: "hi" },
      auth,
    );
    expect(response.status).toBe(201);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      account_sid: ACCOUNT_SID,
      status: "queued",
      to: "+15555550123",
      from: "+15555550100",
      body: "hi",
      price: null,
      error_code: null,
    });
    expect(body.sid).toMatch(/^SM[0-9a-f]{32}$/);
    const fetched = await fetch(
      `${standIn.baseUrl}${MESSAGES.replace(".json", `/${body.sid}.json`)}`,
      {
        headers: { authorization: auth },
      },
    );
    expect(await fetched.json()).toEqual(body);
  });

  test("validates like Twilio: missing Body, missing sender, unknown path", async () => {
    const auth = basic(ACCOUNT_SID, "token");
    const noBody = await post(MESSAGES, { To: "+15555550123", From: "+15555550100" }, auth);
    expect(await noBody.json()).toMatchObject({ code: 21602, status: 400 });
    const noFrom = await post(MESSAGES, { To: "+15555550123", Body: "x" }, auth);
    expect(await noFrom.json()).toMatchObject({ code: 21603 });
    const wrongPath = await post("/2010-04-01/Nope.json", {}, auth);
    expect(wrongPath.status).toBe(404);
  });

  test("failNext answers the next requests only, then recovers; reset clears everything", async () => {
    const auth = basic(ACCOUNT_SID, "token");
    const form = { To: "+15555550123", From: "+15555550100", Body: "x" };
    standIn.failNext(2, 503);
    expect((await post(MESSAGES, form, auth)).status).toBe(503);
    expect((await post(MESSAGES, form, auth)).status).toBe(503);
    expect((await post(MESSAGES, form, auth)).status).toBe(201);
    standIn.failNext(1, 500);
    standIn.respondWith(() => ({ status: 418, body: { code: 1, message: "teapot" } }));
    standIn.reset();
    expect(standIn.requests).toHaveLength(0);
    expect((await post(MESSAGES, form, auth)).status).toBe(201);
  });
});

describe("SNS stand-in", () => {
  let standIn: SnsStandIn;
  beforeAll(async () => {
    standIn = await startSnsStandIn();
  });
  afterEach(() => standIn.reset());
  afterAll(() => standIn.close());

  const signed =
    "AWS4-HMAC-SHA256 Credential=AKIDTEST/20250101/us-east-1/sns/aws4_request, Signature=x";
  function post(form: Record<string, string>, authorization?: string) {
    return fetch(`${standIn.baseUrl}/`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        ...(authorization ? { authorization } : {}),
      },
      body: new URLSearchParams(form).toString(),
    });
  }

  test("answers a Publish with the AWS XML shape", async () => {
    const response = await post(
      { Action: "Publish", Version: "2010-03-31", PhoneNumber: "+15555550123", Message: "hi" },
      signed,
    );
    expect(response.status).toBe(200);
    const xml = await response.text();
    expect(xml).toMatch(
      /^<PublishResponse xmlns="http:\/\/sns\.amazonaws\.com\/doc\/2010-03-31\/"><PublishResult><MessageId>[0-9a-f-]{36}<\/MessageId><\/PublishResult><ResponseMetadata><RequestId>[0-9a-f-]{36}<\/RequestId><\/ResponseMetadata><\/PublishResponse>$/,
    );
    expect(standIn.requests[0]).toMatchObject({ action: "Publish", accessKeyId: "AKIDTEST" });
  });

  test("unsigned requests are refused; unknown actions too", async () => {
    expect(
      (await post({ Action: "Publish", PhoneNumber: "+15555550123", Message: "x" })).status,
    ).toBe(403);
    const unknown = await post({ Action: "ListTopics" }, signed);
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("<Code>InvalidAction</Code>");
  });

  test("failNext answers an AWS error document: Sender for 4xx, Receiver for 5xx", async () => {
    standIn.failNext(1, 400, "Throttling");
    standIn.failNext(1, 500);
    const first = await (await post({}, signed)).text();
    expect(first).toContain("<Type>Sender</Type><Code>Throttling</Code>");
    const second = await (await post({}, signed)).text();
    expect(second).toContain("<Type>Receiver</Type><Code>InternalError</Code>");
    expect(second).toMatch(/<RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/);
  });
});
