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

const now = new Date("2026-11-21T15:00:00Z");
const CAMPAIGN = "c1";

let store: MemoryCampaigns;

beforeEach(() => {
  store = new MemoryCampaigns();
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

    const campaign = await campaignStatus(CAMPAIGN, now, store);

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

    const campaign = await campaignStatus(CAMPAIGN, now, store);

    expect(campaign.status).toBe("completed");
    expect(campaign.counts).toMatchObject({ total: 3, sent: 2, skipped: 1 });
  });

  it("does not count a skip of an earlier run", async () => {
    message("u1", "sent");
    message("u2", "sent");
    await skip("u3", 1);

    const campaign = await campaignStatus(CAMPAIGN, now, store);

    expect(campaign.status).toBe("running");
    expect(campaign.counts.skipped).toBe(0);
    expect(store.campaigns.get(CAMPAIGN)?.status).toBe("running");
  });

  it("keeps it running while a message still waits, with the live counts", async () => {
    message("u1", "sent");
    message("u2", "deferred");
    message("u3", "failed");

    const campaign = await campaignStatus(CAMPAIGN, now, store);

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

    await expect(campaignStatus(CAMPAIGN, now, store)).resolves.toMatchObject({
      status: "running",
    });
  });

  it("answers not-found for an unknown campaign", async () => {
    await expect(campaignStatus("no-such", now, store)).rejects.toBeInstanceOf(NotFoundError);
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
