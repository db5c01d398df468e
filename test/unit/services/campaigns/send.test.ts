import * as logger from "firebase-functions/logger";
import type { CampaignSendPort } from "../../../../functions/services/campaigns/send";
import { CampaignSendHarness, campaignSettings } from "../../fakes/memoryCampaignsSend";

let h: CampaignSendHarness;
let errorLog: jest.SpyInstance;

beforeEach(() => {
  h = new CampaignSendHarness();
  jest.spyOn(logger, "info").mockImplementation(() => undefined);
  errorLog = jest.spyOn(logger, "error").mockImplementation(() => undefined);
});

afterEach(() => jest.restoreAllMocks());

describe("sendCampaignBatch, a running campaign", () => {
  it("queues one message per eligible recipient under its campaign id and delivers each once", async () => {
    h.seedStudents("u1", "u2", "u3");

    const outcome = await h.send(["u1", "u2", "u3"]);

    expect(outcome).toEqual({ dropped: false, outcomes: ["queued", "queued", "queued"] });
    expect([...h.outbox.messages.keys()]).toEqual([
      h.messageId("u1"),
      h.messageId("u2"),
      h.messageId("u3"),
    ]);
    for (const userId of ["u1", "u2", "u3"]) {
      expect(h.outbox.messages.get(h.messageId(userId))).toMatchObject({
        status: "sent",
        type: "campaign",
        campaignId: h.campaignId,
        userId,
        body: "Free tutoring on Saturday.",
        deliveredInline: true,
      });
    }
    expect(h.provider.received.map((message) => message.to).sort()).toEqual([
      "+12125550100",
      "+12125550101",
      "+12125550102",
    ]);
    expect(h.outbox.chargedTo(h.admin, h.now)).toBe(3);
    expect(h.store.skippedOf(h.campaignId).size).toBe(0);
  });

  it("queues nothing new when redelivered, charges nothing twice, and delivers what is still queued", async () => {
    h.seedStudents("u1", "u2", "u3");
    h.outbox.failingDeliveries.add(h.messageId("u2"));
    await h.send(["u1", "u2", "u3"]);
    expect(h.outbox.messages.get(h.messageId("u2"))?.status).toBe("queued");
    h.outbox.failingDeliveries.clear();

    const again = await h.send(["u1", "u2", "u3"]);

    expect(again).toEqual({
      dropped: false,
      outcomes: ["already-queued", "already-queued", "already-queued"],
    });
    expect(h.outbox.messages.size).toBe(3);
    expect(h.outbox.chargedTo(h.admin, h.now)).toBe(3);
    expect([...h.outbox.messages.values()].every((m) => m.status === "sent")).toBe(true);
    for (const phone of ["+12125550100", "+12125550101", "+12125550102"]) {
      expect(h.provider.sentTo(phone)).toBe(1);
    }
  });

  it("charges the admin: messages carry the admin as sender, within the admin allowance", async () => {
    const strict = { ...campaignSettings, senderRateLimitPerHour: 1, adminRateLimitPerHour: 2 };
    h.seedStudents("u1", "u2", "u3");

    await h.send(["u1", "u2", "u3"], { settings: strict });

    const records = ["u1", "u2", "u3"].map((userId) => h.outbox.messages.get(h.messageId(userId)));
    expect(records.every((record) => record?.createdBy === h.admin)).toBe(true);
    // Two fit the admin's hourly allowance (a partner or student would have had one).
    expect(records.map((record) => record?.status)).toEqual(["sent", "sent", "suppressed"]);
    expect(records[2]?.error?.code).toBe("sender_limit");
    expect(h.provider.received).toHaveLength(2);
  });

  it("logs a delivery that throws and still delivers the others", async () => {
    h.seedStudents("u1", "u2", "u3");
    h.outbox.failingDeliveries.add(h.messageId("u1"));

    const outcome = await h.send(["u1", "u2", "u3"]);

    expect(outcome).toEqual({ dropped: false, outcomes: ["queued", "queued", "queued"] });
    expect(h.outbox.messages.get(h.messageId("u1"))?.status).toBe("queued");
    expect(h.outbox.messages.get(h.messageId("u2"))?.status).toBe("sent");
    expect(h.outbox.messages.get(h.messageId("u3"))?.status).toBe("sent");
    expect(h.provider.sentTo("+12125550100")).toBe(0);
    expect(h.provider.received).toHaveLength(2);
    expect(errorLog).toHaveBeenCalledWith(
      expect.stringContaining(h.messageId("u1")),
      expect.objectContaining({ messageId: h.messageId("u1") }),
    );
  });
});

describe("sendCampaignBatch, a campaign that is not running", () => {
  it.each(["paused", "cancelled", "completed", "draft", "scheduled"] as const)(
    "drops the batch of a %s campaign",
    async (status) => {
      h.seedStudents("u1", "u2");
      h.store.setStatus(h.campaignId, status);

      await expect(h.send(["u1", "u2"])).resolves.toEqual({ dropped: true });

      expect(h.outbox.messages.size).toBe(0);
      expect(h.provider.received).toHaveLength(0);
      expect(h.store.skippedOf(h.campaignId).size).toBe(0);
    },
  );

  it("drops the batch of a campaign that does not exist", async () => {
    h.seedStudents("u1");
    h.store.campaigns.clear();

    await expect(h.send(["u1"])).resolves.toEqual({ dropped: true });

    expect(h.outbox.messages.size).toBe(0);
    expect(h.provider.received).toHaveLength(0);
  });

  it("drops the batch before queueing when the campaign is paused while it renders", async () => {
    h.seedStudents("u1", "u2");
    const pausedMeanwhile: CampaignSendPort = {
      ...h.port,
      recipientRows: async (userIds) => {
        const rows = await h.port.recipientRows(userIds);
        h.store.setStatus(h.campaignId, "paused");
        return rows;
      },
    };

    await expect(h.send(["u1", "u2"], { port: pausedMeanwhile })).resolves.toEqual({
      dropped: true,
    });

    expect(h.outbox.messages.size).toBe(0);
    expect(h.outbox.chargedTo(h.admin, h.now)).toBe(0);
    expect(h.provider.received).toHaveLength(0);
  });
});
