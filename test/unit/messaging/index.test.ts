/** selectProvider: which provider each configuration gets, and no SDK at import time. */
import {
  selectProvider,
  type ProviderMode,
  type ProviderSettings,
} from "../../../functions/messaging";
import { startSnsStandIn, type SnsStandIn } from "../../support/snsStandIn";
import { startTwilioStandIn, type TwilioStandIn } from "../../support/twilioStandIn";

const twilio = {
  accountSid: "AC00000000000000000000000000000001",
  authToken: "test-auth-token",
  from: "+15555550100",
};
const sns = { region: "us-east-1", accessKeyId: "AKIDTEST", secretAccessKey: "test-secret" };

function settings(
  mode: ProviderMode,
  t: ProviderSettings["twilio"] = {},
  s: ProviderSettings["sns"] = {},
): ProviderSettings {
  return { mode, twilio: t, sns: s };
}

describe("auto", () => {
  test("nothing configured → console", () => {
    expect(selectProvider(settings("auto")).name).toBe("console");
  });

  test("empty strings count as unset", () => {
    const blank = settings(
      "auto",
      { accountSid: "", authToken: "", from: "", messagingServiceSid: " ", apiBaseUrl: "" },
      { region: "", accessKeyId: "", secretAccessKey: "", endpoint: "" },
    );
    expect(selectProvider(blank).name).toBe("console");
  });

  test("Twilio only → twilio", () => {
    const provider = selectProvider(settings("auto", twilio));
    expect(provider.name).toBe("twilio");
    expect(provider.channels).toEqual(["sms", "whatsapp", "voice"]);
  });

  test("a Messaging Service is a sender too", () => {
    const { accountSid, authToken } = twilio;
    const provider = selectProvider(
      settings("auto", { accountSid, authToken, messagingServiceSid: "MG1" }),
    );
    expect(provider.name).toBe("twilio");
  });

  test("SNS only → sns", () => {
    const provider = selectProvider(settings("auto", {}, sns));
    expect(provider.name).toBe("sns");
    expect(provider.channels).toEqual(["sms"]);
  });

  test("a region alone does not make SNS configured", () => {
    expect(selectProvider(settings("auto", {}, { region: "us-east-1" })).name).toBe("console");
  });

  test("half-configured Twilio throws instead of silently using the console", () => {
    expect(() => selectProvider(settings("auto", { accountSid: twilio.accountSid }))).toThrow(
      /TWILIO_AUTH_TOKEN.*TWILIO_PHONE_NUMBER or TWILIO_MESSAGING_SERVICE_SID/,
    );
  });

  test("half-configured SNS throws", () => {
    expect(() => selectProvider(settings("auto", twilio, { accessKeyId: "AKID" }))).toThrow(
      /AWS_REGION.*AWS_SECRET_ACCESS_KEY/,
    );
  });

  describe("Twilio and SNS → failover", () => {
    let twilioStandIn: TwilioStandIn;
    let snsStandIn: SnsStandIn;
    beforeAll(async () => {
      [twilioStandIn, snsStandIn] = await Promise.all([startTwilioStandIn(), startSnsStandIn()]);
    });
    afterAll(() => Promise.all([twilioStandIn.close(), snsStandIn.close()]));

    test("named twilio, and SNS takes over when Twilio is down", async () => {
      const provider = selectProvider(
        settings(
          "auto",
          { ...twilio, apiBaseUrl: twilioStandIn.baseUrl, timeoutMs: 2000 },
          { ...sns, endpoint: snsStandIn.baseUrl, timeoutMs: 2000 },
        ),
      );
      expect(provider.name).toBe("twilio");
      twilioStandIn.failNext(1, 500);
      const result = await provider.send({ to: "+15555550123", body: "hi", channel: "sms" });
      expect(result.provider).toBe("sns");
      expect(snsStandIn.requests).toHaveLength(1);
    });
  });
});

describe("explicit modes", () => {
  test("console always works, even with credentials set", () => {
    expect(selectProvider(settings("console", twilio, sns)).name).toBe("console");
  });

  test("twilio alone, even when SNS is set", () => {
    expect(selectProvider(settings("twilio", twilio, sns)).name).toBe("twilio");
  });

  test("sns alone, even when Twilio is set", () => {
    expect(selectProvider(settings("sns", twilio, sns)).name).toBe("sns");
  });

  test("twilio without credentials names what is missing", () => {
    expect(() =>
      selectProvider(settings("twilio", { accountSid: twilio.accountSid, authToken: "" })),
    ).toThrow(
      "Twilio is not fully configured: set TWILIO_AUTH_TOKEN, TWILIO_PHONE_NUMBER or TWILIO_MESSAGING_SERVICE_SID.",
    );
  });

  test("sns without credentials names what is missing", () => {
    expect(() => selectProvider(settings("sns", twilio, { region: "us-east-1" }))).toThrow(
      "Amazon SNS is not fully configured: set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY.",
    );
  });

  test("an unknown mode is a clear error; blank means auto", () => {
    expect(() => selectProvider(settings("twillio" as ProviderMode))).toThrow(/SMS_PROVIDER/);
    expect(selectProvider(settings("" as ProviderMode)).name).toBe("console");
    expect(selectProvider(settings(" Console " as ProviderMode)).name).toBe("console");
  });
});

describe("cold start", () => {
  test("neither importing the layer nor selecting a provider loads a vendor SDK", async () => {
    const loaded: string[] = [];
    await jest.isolateModulesAsync(async () => {
      jest.doMock("twilio", () => {
        loaded.push("twilio");
        return {};
      });
      jest.doMock("@aws-sdk/client-sns", () => {
        loaded.push("sns");
        return {};
      });
      const messaging = await import("../../../functions/messaging");
      const provider = messaging.selectProvider(settings("auto", twilio, sns));
      expect(loaded).toEqual([]);

      // The first send is what loads it (the stub is useless, so the send fails, classified).
      await expect(
        provider.send({ to: "+15555550123", body: "x", channel: "sms" }),
      ).rejects.toBeInstanceOf(messaging.ProviderError);
      expect(loaded).toContain("twilio");
    });
  });
});
