import { Timestamp } from "firebase-admin/firestore";
import * as logger from "firebase-functions/logger";
import { NotFoundError, PreconditionError, RequestError } from "../../../../functions/errors";
import {
  changeCampaignStatus,
  createCampaign,
  startDueCampaigns,
} from "../../../../functions/services/campaigns/lifecycle";
import { buildMessageRecord } from "../../../../functions/services/outbox/record";
import type { MessageStatus } from "../../../../functions/domain/messageStatus";
import { zeroCounts } from "../../../../functions/domain/campaigns";
import { MemoryCampaigns, runningCampaign } from "../../fakes/memoryCampaigns";
import { RecordingCampaignQueue } from "../../fakes/memoryCampaignsQueue";

const now = new Date("2026-11-21T15:00:00Z");
const admin = { uid: "admin-1", role: "admin" as const };

let store: MemoryCampaigns;
let queue: RecordingCampaignQueue;

beforeEach(() => {
  store = new MemoryCampaigns();
  queue = new RecordingCampaignQueue();
  jest.spyOn(logger, "info").mockImplementation(() => undefined);
  jest.spyOn(logger, "error").mockImplementation(() => undefined);
});

afterEach(() => jest.restoreAllMocks());

const change = (campaignId: string, action: Parameters<typeof changeCampaignStatus>[1]) =>
  changeCampaignStatus(campaignId, action, { queue, now }, store);

async function draft(): Promise<string> {
  const { campaignId } = await createCampaign(
    { name: "Lab safety", body: "Briefing at 9.", recipientFilters: { roles: ["student"] } },
    admin,
    now,
    store,
  );
  return campaignId;
}

/** A message of the campaign in the outbox, in `status`. */
function messageOf(campaignId: string, userId: string, status: MessageStatus): string {
  const messageId = `campaign_${campaignId}_${userId}`;
  const record = buildMessageRecord(
    { id: messageId, to: "+12125550100", body: "Hi", type: "campaign", language: "en", campaignId },
    { defaultCountry: "US", retentionDays: 30, quietHours: "", allowedCountries: ["US"] },
    now,
  );
  store.outbox.messages.set(messageId, { ...record, status });
  return messageId;
}

describe("createCampaign", () => {
  it("writes a draft with zero counts, created by the caller", async () => {
    const campaignId = await draft();
    expect(store.campaigns.get(campaignId)).toMatchObject({
      status: "draft",
      createdBy: "admin-1",
      plannerRun: 0,
      planned: false,
      counts: { total: 0, queued: 0, sent: 0, skipped: 0 },
    });
  });

  it("refuses an unknown template and a missing variable, writing nothing", async () => {
    store.templates.set("tutoring", {
      id: "tutoring",
      name: "Tutoring",
      type: "manual",
      content: { en: "Hi {{firstName}}, tutoring on {{date}}." },
      variables: ["firstName", "date"],
    });
    const request = { name: "x", recipientFilters: {} };
    await expect(
      createCampaign({ ...request, templateId: "nope" }, admin, now, store),
    ).rejects.toBeInstanceOf(NotFoundError);
    const missing = createCampaign(
      { ...request, templateId: "tutoring", variables: { day: "Friday" } },
      admin,
      now,
      store,
    );
    await expect(missing).rejects.toBeInstanceOf(RequestError);
    await expect(missing).rejects.toThrow("missing template variables: date");
    expect(store.campaigns.size).toBe(0);
  });
});

describe("changeCampaignStatus", () => {
  it("executes a draft: running, run 1, and the planner's first page enqueued", async () => {
    const campaignId = await draft();

    await expect(change(campaignId, "execute")).resolves.toEqual({
      campaignId,
      status: "running",
    });

    expect(store.campaigns.get(campaignId)).toMatchObject({
      status: "running",
      plannerRun: 1,
      plannerPage: 0,
      startedAt: Timestamp.fromDate(now),
    });
    expect(queue.plans).toEqual([{ campaignId, run: 1, page: 0, cursor: null }]);
  });

  it("resumes a paused campaign as a new run that plans from the start", async () => {
    store.campaigns.set(
      "c1",
      runningCampaign({
        plannerRun: 1,
        plannerPage: 3,
        planned: true,
        plannerCursor: "u9",
        counts: { ...zeroCounts(), total: 40 },
      }),
    );
    await change("c1", "pause");
    expect(store.campaigns.get("c1")).toMatchObject({ status: "paused" });

    await change("c1", "resume");

    expect(store.campaigns.get("c1")).toMatchObject({
      status: "running",
      plannerRun: 2,
      plannerPage: 0,
      plannerCursor: null,
      planned: false,
      pausedAt: null,
      counts: expect.objectContaining({ total: 0 }),
    });
    expect(queue.plans).toEqual([{ campaignId: "c1", run: 2, page: 0, cursor: null }]);
  });

  it("undoes a start whose planner could not be enqueued", async () => {
    const campaignId = await draft();
    queue.failWith = new Error("Cloud Tasks unavailable");

    await expect(change(campaignId, "execute")).rejects.toThrow("Cloud Tasks unavailable");

    expect(store.campaigns.get(campaignId)?.status).toBe("draft");
  });

  it("cancels the campaign's waiting messages, not those sent or being sent", async () => {
    store.campaigns.set("c1", runningCampaign());
    const deferred = messageOf("c1", "u1", "deferred");
    const scheduled = messageOf("c1", "u2", "scheduled");
    const sent = messageOf("c1", "u3", "sent");
    const sending = messageOf("c1", "u4", "sending");
    const otherCampaign = messageOf("c2", "u1", "deferred");

    await expect(change("c1", "cancel")).resolves.toEqual({
      campaignId: "c1",
      status: "cancelled",
    });

    const statusOf = (id: string) => store.outbox.messages.get(id)?.status;
    expect([deferred, scheduled, sent, sending, otherCampaign].map(statusOf)).toEqual([
      "cancelled",
      "cancelled",
      "sent",
      "sending",
      "deferred",
    ]);
  });

  it("refuses moves the status does not allow, and unknown campaigns, changing nothing", async () => {
    const campaignId = await draft();
    const before = store.campaigns.get(campaignId);
    for (const action of ["pause", "resume"] as const) {
      await expect(change(campaignId, action)).rejects.toBeInstanceOf(PreconditionError);
    }
    await expect(change("no-such", "execute")).rejects.toBeInstanceOf(NotFoundError);
    // Not even rewritten: a refused move writes nothing.
    expect(store.campaigns.get(campaignId)).toBe(before);
    expect(store.campaigns.has("no-such")).toBe(false);
    await change(campaignId, "cancel");
    for (const action of ["execute", "resume", "cancel"] as const) {
      await expect(change(campaignId, action)).rejects.toBeInstanceOf(PreconditionError);
    }
    expect(store.campaigns.get(campaignId)?.status).toBe("cancelled");
    expect(queue.plans).toEqual([]);
  });
});

describe("startDueCampaigns", () => {
  it("starts the scheduled campaigns that are due, and no other", async () => {
    const at = (ms: number) => Timestamp.fromMillis(now.getTime() + ms);
    store.campaigns.set("due", runningCampaign({ status: "scheduled", scheduledFor: at(-60_000) }));
    store.campaigns.set(
      "later",
      runningCampaign({ status: "scheduled", scheduledFor: at(60_000) }),
    );
    store.campaigns.set("gone", runningCampaign({ status: "cancelled", scheduledFor: at(-1) }));

    await expect(startDueCampaigns({ queue, now }, 100, store)).resolves.toBe(1);

    expect(store.campaigns.get("due")?.status).toBe("running");
    expect(store.campaigns.get("later")?.status).toBe("scheduled");
    expect(store.campaigns.get("gone")?.status).toBe("cancelled");
    expect(queue.plans.map((task) => task.campaignId)).toEqual(["due"]);
  });
});
