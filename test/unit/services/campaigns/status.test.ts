import { Timestamp } from "firebase-admin/firestore";
import * as logger from "firebase-functions/logger";
import { NotFoundError } from "../../../../functions/errors";
import { zeroCounts } from "../../../../functions/domain/campaigns";
import type { MessageStatus } from "../../../../functions/domain/messageStatus";
import {
  campaignStatus,
  completeFinishedCampaigns,
  listCampaigns,
} from "../../../../functions/services/campaigns/status";
import { buildMessageRecord } from "../../../../functions/services/outbox/record";
import { MemoryCampaigns, runningCampaign } from "../../fakes/memoryCampaigns";
import { MemoryCampaignOutcomes } from "../../fakes/memoryCampaignOutcomes";

const now = new Date("2026-11-21T15:00:00Z");
const CAMPAIGN = "c1";

let store: MemoryCampaigns;
let outcomes: MemoryCampaignOutcomes;

/** `getCampaignStatus` on the in-memory stores (no template variants to count). */
const statusOf = (campaignId: string) =>
  campaignStatus(campaignId, now, store, undefined, outcomes);

beforeEach(() => {
  store = new MemoryCampaigns();
  outcomes = new MemoryCampaignOutcomes();
  store.campaigns.set(
    CAMPAIGN,
    runningCampaign({ planned: true, plannerRun: 2, counts: { ...zeroCounts(), total: 3 } }),
  );
  jest.spyOn(logger, "info").mockImplementation(() => undefined);
});

afterEach(() => jest.restoreAllMocks());

function message(userId: string, status: MessageStatus, campaignId = CAMPAIGN): void {
  const id = `campaign_${campaignId}_${userId}`;
  const record = buildMessageRecord(
    { id, to: "+12125550100", body: "Hi", type: "campaign", language: "en", campaignId },
    { defaultCountry: "US", retentionDays: 30, quietHours: "", allowedCountries: ["US"] },
    now,
  );
  store.outbox.messages.set(id, { ...record, status });
}

const skip = (userId: string, run: number) =>
  store.recordSkipped(CAMPAIGN, userId, { reason: "SMS notifications turned off", run, at: now });

describe("campaignStatus", () => {
  it("completes the campaign once every planned recipient's message has settled", async () => {
    message("u1", "sent");
    message("u2", "delivered");
    message("u3", "suppressed");
    message("u9", "queued", "another-campaign");

    const campaign = await statusOf(CAMPAIGN);

    const counts = { ...zeroCounts(), total: 3, sent: 1, delivered: 1, suppressed: 1 };
    expect(campaign).toMatchObject({ status: "completed", counts, completedAt: now.toISOString() });
    expect(campaign).not.toHaveProperty("plannerRun");
    expect(store.campaigns.get(CAMPAIGN)).toMatchObject({
      status: "completed",
      counts,
      completedAt: Timestamp.fromDate(now),
    });
  });

  it("counts the skipped recipients of the current run towards completion", async () => {
    message("u1", "sent");
    message("u2", "sent");
    await skip("u3", 2);

    const campaign = await statusOf(CAMPAIGN);

    expect(campaign.status).toBe("completed");
    expect(campaign.counts).toMatchObject({ total: 3, sent: 2, skipped: 1 });
  });

  it("does not count a skip of an earlier run", async () => {
    message("u1", "sent");
    message("u2", "sent");
    await skip("u3", 1);

    const campaign = await statusOf(CAMPAIGN);

    expect(campaign.status).toBe("running");
    expect(campaign.counts.skipped).toBe(0);
    expect(store.campaigns.get(CAMPAIGN)?.status).toBe("running");
  });

  it("keeps it running while a message still waits, with the live counts", async () => {
    message("u1", "sent");
    message("u2", "deferred");
    message("u3", "failed");

    const campaign = await statusOf(CAMPAIGN);

    expect(campaign).toMatchObject({ status: "running", completedAt: null });
    expect(campaign.counts).toMatchObject({ total: 3, sent: 1, queued: 1, failed: 1 });
    // The live counts are not stored until the campaign completes.
    expect(store.campaigns.get(CAMPAIGN)?.counts).toEqual({ ...zeroCounts(), total: 3 });
  });

  it("keeps it running while the planner has pages left", async () => {
    store.campaigns.set(
      CAMPAIGN,
      runningCampaign({ planned: false, plannerRun: 2, counts: { ...zeroCounts(), total: 3 } }),
    );
    for (const userId of ["u1", "u2", "u3"]) message(userId, "sent");

    await expect(statusOf(CAMPAIGN)).resolves.toMatchObject({
      status: "running",
    });
  });

  it("answers not-found for an unknown campaign", async () => {
    await expect(statusOf("no-such")).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("campaignStatus: how the campaign did", () => {
  const HOUR = 3_600_000;
  const sentAt = (hours: number) => new Date(now.getTime() + hours * HOUR);

  it("shows the delivery rate, the cost with its estimated part, and the opt-outs", async () => {
    message("u1", "delivered");
    message("u2", "delivered");
    message("u3", "delivered");
    message("u4", "undelivered");
    outcomes.messages.push(
      { campaignId: CAMPAIGN, createdAt: sentAt(0), price: 0.0079, priceUnit: "USD" },
      { campaignId: CAMPAIGN, createdAt: sentAt(0), price: 0.0079, priceUnit: "USD" },
      {
        campaignId: CAMPAIGN,
        createdAt: sentAt(0),
        price: 0.0505,
        priceUnit: "USD",
        priceEstimated: true,
      },
      { campaignId: "another", createdAt: sentAt(0), price: 5, priceUnit: "USD" },
    );
    outcomes.replies.push(
      { campaignId: CAMPAIGN, keyword: "stop", receivedAt: sentAt(1) },
      { campaignId: CAMPAIGN, keyword: "help", receivedAt: sentAt(1) },
      { campaignId: "another", keyword: "stop", receivedAt: sentAt(1) },
    );

    const campaign = await statusOf(CAMPAIGN);

    // 3 delivered of 3 + 1 undelivered (counted as failed).
    expect(campaign.deliveryRate).toBe(0.75);
    expect(campaign.cost).toEqual({ total: 0.0663, currency: "USD", estimated: 0.0505 });
    expect(campaign.optOuts).toBe(1);
  });

  it("counts STOPs within 24 hours of the campaign's last message, and none after", async () => {
    outcomes.messages.push(
      { campaignId: CAMPAIGN, createdAt: sentAt(0) },
      { campaignId: CAMPAIGN, createdAt: sentAt(2) },
    );
    outcomes.replies.push(
      { campaignId: CAMPAIGN, keyword: "stop", receivedAt: sentAt(25.99) },
      { campaignId: CAMPAIGN, keyword: "stop", receivedAt: sentAt(26) },
      { campaignId: CAMPAIGN, keyword: "stop", receivedAt: sentAt(72) },
    );

    expect((await statusOf(CAMPAIGN)).optOuts).toBe(1);
  });

  it("has no cost, no rate and no opt-outs before anything was sent", async () => {
    const campaign = await statusOf(CAMPAIGN);
    expect(campaign).toMatchObject({
      deliveryRate: 0,
      cost: { total: 0, currency: null, estimated: 0 },
      optOuts: 0,
    });
  });
});

describe("completeFinishedCampaigns", () => {
  it("completes the running campaigns that are done, and only those", async () => {
    for (const userId of ["u1", "u2", "u3"]) message(userId, "sent");
    store.campaigns.set(
      "busy",
      runningCampaign({ planned: true, counts: { ...zeroCounts(), total: 1 } }),
    );
    message("u1", "queued", "busy");

    await expect(completeFinishedCampaigns(now, 100, store)).resolves.toBe(1);

    expect(store.campaigns.get(CAMPAIGN)?.status).toBe("completed");
    expect(store.campaigns.get("busy")?.status).toBe("running");
  });
});

describe("listCampaigns", () => {
  it("pages campaigns newest first, by status, and refuses an unknown cursor", async () => {
    store.campaigns.clear();
    for (let day = 1; day <= 5; day++) {
      const createdAt = Timestamp.fromDate(new Date(`2026-11-0${day}T09:00:00Z`));
      const status = day % 2 ? "completed" : "cancelled";
      store.campaigns.set(`d${day}`, runningCampaign({ createdAt, status }));
    }

    const first = await listCampaigns({ limit: 2 }, store);
    const second = await listCampaigns({ limit: 2, cursor: first.nextCursor ?? "" }, store);
    const last = await listCampaigns({ limit: 2, cursor: second.nextCursor ?? "" }, store);
    const ids = [first, second, last].flatMap((page) => page.campaigns.map((c) => c.campaignId));

    expect(ids).toEqual(["d5", "d4", "d3", "d2", "d1"]);
    expect(last.nextCursor).toBeNull();
    const cancelled = await listCampaigns({ limit: 10, status: "cancelled" }, store);
    expect(cancelled.campaigns.map((c) => c.campaignId)).toEqual(["d4", "d2"]);
    await expect(listCampaigns({ limit: 2, cursor: "no-such" }, store)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
