import * as logger from "firebase-functions/logger";
import type { TemplateDefinition } from "../../../../functions/domain/templates";
import { recipientRow, runningCampaign } from "../../fakes/memoryCampaigns";
import { CampaignSendHarness } from "../../fakes/memoryCampaignsSend";

const tutoring: TemplateDefinition = {
  id: "tutoring",
  name: "Free tutoring",
  type: "manual",
  content: {
    en: "Hi {{firstName}}, free tutoring on {{date}}!",
    tr: "Merhaba {{firstName}}, {{date}} günü ücretsiz etüt var!",
  },
  variables: ["firstName", "date"],
};

let h: CampaignSendHarness;
let infoLog: jest.SpyInstance;

beforeEach(() => {
  h = new CampaignSendHarness();
  infoLog = jest.spyOn(logger, "info").mockImplementation(() => undefined);
});

afterEach(() => jest.restoreAllMocks());

describe("sendCampaignBatch, recipients who get no message", () => {
  it("records those no longer eligible in skipped, with the run and the reason", async () => {
    h.store.rows.set("ok", recipientRow({ phone: "+12125550110" }));
    h.store.rows.set("sms-off", recipientRow({ phone: "+12125550111", smsEnabled: false }));
    h.store.rows.set("opted-out", recipientRow({ phone: "+12125550112", marketingOptIn: false }));
    h.store.rows.set("no-phone", recipientRow({ phone: null }));

    const outcome = await h.send(["ok", "sms-off", "opted-out", "no-phone", "gone"], { run: 2 });

    expect(outcome).toEqual({
      dropped: false,
      outcomes: ["queued", "skipped", "skipped", "skipped", "skipped"],
    });
    expect(Object.fromEntries(h.store.skippedOf(h.campaignId))).toEqual({
      "sms-off": { reason: "SMS notifications turned off", run: 2, at: h.now },
      "opted-out": { reason: "not opted in to marketing SMS", run: 2, at: h.now },
      "no-phone": { reason: "no valid phone number", run: 2, at: h.now },
      gone: { reason: "unknown user", run: 2, at: h.now },
    });
    expect([...h.outbox.messages.keys()]).toEqual([h.messageId("ok")]);
    expect(h.provider.received.map((message) => message.to)).toEqual(["+12125550110"]);
    expect(infoLog).toHaveBeenCalledWith(
      expect.stringContaining("sms-off skipped"),
      expect.objectContaining({ userId: "sms-off", reason: "SMS notifications turned off" }),
    );
  });

  it("records no skip for a recipient who has a message from an earlier run", async () => {
    h.seedStudents("u1");
    await h.send(["u1"], { run: 1 });
    h.store.rows.set("u1", recipientRow({ phone: "+12125550100", marketingOptIn: false }));

    const outcome = await h.send(["u1"], { run: 2 });

    expect(outcome).toEqual({ dropped: false, outcomes: ["skipped"] });
    expect(h.store.skippedOf(h.campaignId).size).toBe(0);
    expect(h.outbox.messages.get(h.messageId("u1"))?.status).toBe("sent");
    expect(h.provider.received).toHaveLength(1);
  });

  it("skips every recipient, saying why, when the campaign's template was deleted", async () => {
    h.store.campaigns.set(
      h.campaignId,
      runningCampaign({ templateId: "tutoring", body: null, variables: { date: "Saturday" } }),
    );
    h.seedStudents("u1", "u2");

    const outcome = await h.send(["u1", "u2"]);

    expect(outcome).toEqual({ dropped: false, outcomes: ["skipped", "skipped"] });
    const reasons = [...h.store.skippedOf(h.campaignId).values()].map((skipped) => skipped.reason);
    expect(reasons).toEqual(["No template tutoring.", "No template tutoring."]);
    expect(h.outbox.messages.size).toBe(0);
    expect(h.provider.received).toHaveLength(0);
  });

  it("skips when the template h.now needs a variable the campaign lacks", async () => {
    h.store.templates.set("tutoring", {
      ...tutoring,
      content: { en: "Hi {{firstName}}, tutoring on {{date}} in {{room}}." },
      variables: ["firstName", "date", "room"],
    });
    h.store.campaigns.set(
      h.campaignId,
      runningCampaign({ templateId: "tutoring", body: null, variables: { date: "Saturday" } }),
    );
    h.seedStudents("u1");

    await expect(h.send(["u1"])).resolves.toEqual({ dropped: false, outcomes: ["skipped"] });

    expect(h.store.skippedOf(h.campaignId).get("u1")).toEqual({
      reason: "missing template variables: room",
      run: 1,
      at: h.now,
    });
    expect(h.outbox.messages.size).toBe(0);
  });
});

describe("sendCampaignBatch, templates in each recipient's language", () => {
  beforeEach(() => {
    h.store.templates.set("tutoring", tutoring);
    h.store.campaigns.set(
      h.campaignId,
      runningCampaign({ templateId: "tutoring", body: null, variables: { date: "2026-12-05" } }),
    );
  });

  it("renders Turkish content and Turkish name variables for Turkish recipients", async () => {
    h.store.rows.set("en", recipientRow({ phone: "+12125550120", name: "Ada Lovelace" }));
    h.store.rows.set(
      "tr",
      recipientRow({ phone: "+12125550121", name: "Şule Yılmaz", language: "tr" }),
    );
    h.store.rows.set(
      "tr-unnamed",
      recipientRow({ phone: "+12125550122", name: null, language: "tr-TR" }),
    );

    await h.send(["en", "tr", "tr-unnamed"]);

    expect(h.outbox.messages.get(h.messageId("en"))).toMatchObject({
      body: "Hi Ada, free tutoring on 2026-12-05!",
      language: "en",
      templateId: "tutoring",
    });
    expect(h.outbox.messages.get(h.messageId("tr"))).toMatchObject({
      body: "Merhaba Şule, 2026-12-05 günü ücretsiz etüt var!",
      language: "tr",
    });
    expect(h.outbox.messages.get(h.messageId("tr-unnamed"))).toMatchObject({
      body: "Merhaba arkadaşım, 2026-12-05 günü ücretsiz etüt var!",
      language: "tr",
    });
    expect(h.provider.received.find((m) => m.to === "+12125550121")?.body).toBe(
      "Merhaba Şule, 2026-12-05 günü ücretsiz etüt var!",
    );
  });

  it("falls back to English, recorded as such, when the template has no Turkish text", async () => {
    h.store.templates.set("tutoring", { ...tutoring, content: { en: tutoring.content.en } });
    h.store.rows.set(
      "tr",
      recipientRow({ phone: "+12125550121", name: "Şule Yılmaz", language: "tr" }),
    );

    await h.send(["tr"]);

    expect(h.outbox.messages.get(h.messageId("tr"))).toMatchObject({
      body: "Hi Şule, free tutoring on 2026-12-05!",
      language: "en",
    });
  });
});
