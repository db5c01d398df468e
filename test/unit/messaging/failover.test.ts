/** Failover: the real SDKs against both stand-ins, plus fakes for the odd cases. */
import type { ErrorKind } from "../../../functions/domain/providerErrors";
import { createFailoverProvider } from "../../../functions/messaging/failover";
import {
  ProviderError,
  type Channel,
  type OutboundMessage,
  type ProviderName,
  type SendResult,
  type SmsProvider,
} from "../../../functions/messaging/provider";
import { createSnsProvider } from "../../../functions/messaging/sns/provider";
import { createTwilioProvider } from "../../../functions/messaging/twilio/provider";
import { startSnsStandIn, type SnsStandIn } from "../../support/snsStandIn";
import { startTwilioStandIn, type TwilioStandIn } from "../../support/twilioStandIn";

const TO = "+15555550123";
const sms: OutboundMessage = { to: TO, body: "Quiz at 10", channel: "sms" };

let twilioStandIn: TwilioStandIn;
let snsStandIn: SnsStandIn;

beforeAll(async () => {
  [twilioStandIn, snsStandIn] = await Promise.all([startTwilioStandIn(), startSnsStandIn()]);
});
afterEach(() => {
  twilioStandIn.reset();
  snsStandIn.reset();
});
afterAll(() => Promise.all([twilioStandIn.close(), snsStandIn.close()]));

function realFailover(): SmsProvider {
  const twilio = createTwilioProvider({
    accountSid: "AC00000000000000000000000000000001",
    authToken: "test-auth-token",
    from: "+15555550100",
    apiBaseUrl: twilioStandIn.baseUrl,
    timeoutMs: 2000,
  });
  const sns = createSnsProvider({
    region: "us-east-1",
    accessKeyId: "AKIDTEST",
    secretAccessKey: "test-secret",
    endpoint: snsStandIn.baseUrl,
    timeoutMs: 2000,
  });
  return createFailoverProvider(twilio, sns);
}

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

describe("with the real SDKs", () => {
  test("Twilio answering 500 → SNS sends it, and the result names SNS", async () => {
    twilioStandIn.failNext(1, 500);
    const result = await realFailover().send(sms);
    expect(result.provider).toBe("sns");
    expect(twilioStandIn.requests).toHaveLength(1);
    expect(snsStandIn.requests).toHaveLength(1);
    expect(snsStandIn.requests[0].form).toMatchObject({ PhoneNumber: TO, Message: sms.body });
  });

  test("Twilio healthy → SNS untouched", async () => {
    const result = await realFailover().send(sms);
    expect(result.provider).toBe("twilio");
    expect(snsStandIn.requests).toHaveLength(0);
  });

  test("Twilio 21211 (bad number) → SNS receives nothing", async () => {
    twilioStandIn.failNext(1, 400, { code: 21211, message: "Invalid 'To' Phone Number" });
    const error = await sendError(realFailover().send(sms));
    expect(error).toMatchObject({ provider: "twilio", kind: "invalid_number", retryable: false });
    expect(snsStandIn.requests).toHaveLength(0);
  });

  test("Twilio 21610 (opted out) → SNS receives nothing", async () => {
    twilioStandIn.failNext(1, 400, { code: 21610, message: "unsubscribed recipient" });
    const error = await sendError(realFailover().send(sms));
    expect(error.kind).toBe("unsubscribed");
    expect(snsStandIn.requests).toHaveLength(0);
  });

  test("both down → the primary's transient error, still retryable", async () => {
    twilioStandIn.failNext(1, 503);
    snsStandIn.failNext(1, 500);
    const error = await sendError(realFailover().send(sms));
    expect(error).toMatchObject({ provider: "twilio", kind: "transient", retryable: true });
    expect(snsStandIn.requests).toHaveLength(1);
  });

  test("Twilio down and SNS rejecting the number → SNS's verdict", async () => {
    twilioStandIn.failNext(1, 500);
    snsStandIn.failNext(1, 400, "InvalidParameter", "Invalid parameter: PhoneNumber Reason: bad");
    const error = await sendError(realFailover().send(sms));
    expect(error).toMatchObject({ provider: "sns", kind: "invalid_number" });
  });

  test("WhatsApp with Twilio down → SNS is not called", async () => {
    const twilio = createTwilioProvider({
      accountSid: "AC00000000000000000000000000000001",
      authToken: "t",
      from: "+15555550100",
      whatsappFrom: "+15555550199",
      apiBaseUrl: twilioStandIn.baseUrl,
      timeoutMs: 2000,
    });
    const sns = createSnsProvider({
      region: "us-east-1",
      accessKeyId: "AKIDTEST",
      secretAccessKey: "s",
      endpoint: snsStandIn.baseUrl,
    });
    twilioStandIn.failNext(1, 500);
    const error = await sendError(
      createFailoverProvider(twilio, sns).send({ ...sms, channel: "whatsapp" }),
    );
    expect(error).toMatchObject({ provider: "twilio", kind: "transient" });
    expect(snsStandIn.requests).toHaveLength(0);
  });
});

/** A provider that answers from a script, recording what it was asked. */
function fake(name: ProviderName, channels: Channel[], outcome: SendResult | Error) {
  const calls: OutboundMessage[] = [];
  const provider: SmsProvider = {
    name,
    channels,
    async send(message) {
      calls.push(message);
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
  };
  return { provider, calls };
}

function failure(provider: ProviderName, kind: ErrorKind): ProviderError {
  return new ProviderError(provider, kind, `${provider}:x`, "boom", "plain", kind === "transient");
}

const sent = (provider: ProviderName): SendResult => ({ provider, providerMessageId: "id" });

describe("with fakes", () => {
  test("is named after the primary and carries the union of channels", () => {
    const failover = createFailoverProvider(
      fake("twilio", ["sms", "voice"], sent("twilio")).provider,
      fake("sns", ["sms", "whatsapp"], sent("sns")).provider,
    );
    expect(failover.name).toBe("twilio");
    expect([...failover.channels].sort()).toEqual(["sms", "voice", "whatsapp"]);
  });

  test("a non-ProviderError from the primary is wrapped as transient and fails over", async () => {
    const primary = fake("twilio", ["sms"], new TypeError("undefined is not a function"));
    const fallback = fake("sns", ["sms"], sent("sns"));
    const result = await createFailoverProvider(primary.provider, fallback.provider).send(sms);
    expect(result.provider).toBe("sns");
  });

  test("a non-ProviderError from both comes back as a transient ProviderError", async () => {
    const error = await sendError(
      createFailoverProvider(
        fake("twilio", ["sms"], new Error("a")).provider,
        fake("sns", ["sms"], new Error("b")).provider,
      ).send(sms),
    );
    expect(error).toMatchObject({
      provider: "twilio",
      kind: "transient",
      code: "twilio:unexpected",
    });
  });

  test.each(["invalid_number", "unsubscribed", "permanent"] as ErrorKind[])(
    "never fails over on %s",
    async (kind) => {
      const fallback = fake("sns", ["sms"], sent("sns"));
      const primary = fake("twilio", ["sms"], failure("twilio", kind));
      const error = await sendError(
        createFailoverProvider(primary.provider, fallback.provider).send(sms),
      );
      expect(error.kind).toBe(kind);
      expect(fallback.calls).toHaveLength(0);
    },
  );

  test("a misconfigured primary fails over too", async () => {
    const primary = fake("twilio", ["sms"], failure("twilio", "configuration"));
    const result = await createFailoverProvider(
      primary.provider,
      fake("sns", ["sms"], sent("sns")).provider,
    ).send(sms);
    expect(result.provider).toBe("sns");
  });

  test("misconfigured primary and a transient fallback → the retryable error", async () => {
    const error = await sendError(
      createFailoverProvider(
        fake("twilio", ["sms"], failure("twilio", "configuration")).provider,
        fake("sns", ["sms"], failure("sns", "transient")).provider,
      ).send(sms),
    );
    expect(error).toMatchObject({ provider: "sns", retryable: true });
  });

  test("a primary that cannot carry the channel hands it straight to the fallback", async () => {
    const primary = fake("sns", ["sms"], sent("sns"));
    const fallback = fake("twilio", ["sms", "voice"], sent("twilio"));
    const result = await createFailoverProvider(primary.provider, fallback.provider).send({
      ...sms,
      channel: "voice",
    });
    expect(result.provider).toBe("twilio");
    expect(primary.calls).toHaveLength(0);
  });

  test("onFailover hears about the switch, and a throwing hook does not stop it", async () => {
    const seen: string[] = [];
    const failover = createFailoverProvider(
      fake("twilio", ["sms"], failure("twilio", "transient")).provider,
      fake("sns", ["sms"], sent("sns")).provider,
      {
        onFailover: (error) => {
          seen.push(error.code);
          throw new Error("logger broke");
        },
      },
    );
    await expect(failover.send(sms)).resolves.toMatchObject({ provider: "sns" });
    expect(seen).toEqual(["twilio:x"]);
  });
});
