import * as logger from "firebase-functions/logger";
import { planCampaignPage, PLANNER_PAGE } from "../../../../functions/services/campaigns/planner";
import type { PlannerTask } from "../../../../functions/services/campaigns/queue";
import { MemoryCampaigns, recipientRow, runningCampaign } from "../../fakes/memoryCampaigns";
import { RecordingCampaignQueue } from "../../fakes/memoryCampaignsQueue";

const now = new Date("2026-11-21T15:00:00Z");
const CAMPAIGN = "c1";

let store: MemoryCampaigns;
let queue: RecordingCampaignQueue;

beforeEach(() => {
  store = new MemoryCampaigns();
  queue = new RecordingCampaignQueue();
  store.campaigns.set(CAMPAIGN, runningCampaign());
  jest.spyOn(logger, "info").mockImplementation(() => undefined);
});

afterEach(() => jest.restoreAllMocks());

const page = (number: number, fields: Partial<PlannerTask> = {}): PlannerTask => ({
  campaignId: CAMPAIGN,
  run: 1,
  page: number,
  cursor: null,
  ...fields,
});

function plan(task: PlannerTask, batchSize = 2) {
  return planCampaignPage(task, queue, batchSize, now, store);
}

const campaign = () => store.campaigns.get(CAMPAIGN);

describe("planCampaignPage", () => {
  it("enqueues the eligible audience in batches and records the last page", async () => {
    store.rows.set("s1", recipientRow());
    store.rows.set("s2", recipientRow());
    store.rows.set("s3", recipientRow());
    store.rows.set("partner", recipientRow({ role: "partner" }));
    store.rows.set("opted-out", recipientRow({ marketingOptIn: false }));
    store.rows.set("no-phone", recipientRow({ phone: null }));

    await expect(plan(page(0))).resolves.toBe("done");

    expect(queue.sends).toEqual([
      { campaignId: CAMPAIGN, run: 1, userIds: ["s1", "s2"] },
      { campaignId: CAMPAIGN, run: 1, userIds: ["s3"] },
    ]);
    expect(queue.plans).toEqual([]);
    expect(campaign()).toMatchObject({ planned: true, plannerPage: 1, plannerCursor: "s3" });
    expect(campaign()?.counts.total).toBe(3);
    expect(campaign()?.updatedAt.toDate()).toEqual(now);
  });

  it("pages a large audience: each page enqueues the next, and the counts add up", async () => {
    const userIds = Array.from({ length: PLANNER_PAGE + 20 }, (_, i) => `u${1000 + i}`);
    for (const userId of userIds) store.rows.set(userId, recipientRow());

    await expect(plan(page(0), 100)).resolves.toBe("planned");
    expect(queue.plans).toEqual([page(1, { cursor: userIds[PLANNER_PAGE - 1] })]);
    expect(campaign()).toMatchObject({ planned: false, plannerPage: 1 });
    await expect(plan(queue.plans[0], 100)).resolves.toBe("done");

    expect(queue.recipients()).toEqual(userIds);
    expect(queue.sends.every((task) => task.userIds.length <= 100)).toBe(true);
    expect(campaign()).toMatchObject({ planned: true, plannerPage: 2 });
    expect(campaign()?.counts.total).toBe(userIds.length);
  });

  it("recovers a redelivered page: enqueues the next page again, never its sends", async () => {
    const userIds = Array.from({ length: PLANNER_PAGE + 1 }, (_, i) => `u${1000 + i}`);
    for (const userId of userIds) store.rows.set(userId, recipientRow());
    await plan(page(0), PLANNER_PAGE);
    const fresh = new RecordingCampaignQueue();
    queue = fresh;

    await expect(plan(page(0), PLANNER_PAGE)).resolves.toBe("recovered");

    expect(fresh.sends).toEqual([]);
    expect(fresh.plans).toEqual([page(1, { cursor: userIds[PLANNER_PAGE - 1] })]);
    expect(campaign()?.counts.total).toBe(PLANNER_PAGE);
  });

  it.each([
    ["a task of another run", () => page(0, { run: 2 })],
    ["a page that is not the current one", () => page(3)],
  ])("drops %s", async (_label, task) => {
    store.rows.set("s1", recipientRow());
    const before = { ...campaign() };

    await expect(plan(task())).resolves.toBe("dropped");

    expect(queue.sends).toEqual([]);
    expect(queue.plans).toEqual([]);
    expect(campaign()).toEqual(before);
  });

  it.each(["paused", "cancelled", "completed"] as const)(
    "drops the page of a %s campaign",
    async (status) => {
      store.rows.set("s1", recipientRow());
      store.setStatus(CAMPAIGN, status);

      await expect(plan(page(0))).resolves.toBe("dropped");

      expect(queue.sends).toEqual([]);
      expect(campaign()).toMatchObject({ plannerPage: 0, planned: false });
    },
  );

  it("drops the page of a campaign that does not exist", async () => {
    store.campaigns.clear();
    await expect(plan(page(0))).resolves.toBe("dropped");
    expect(queue.sends).toEqual([]);
  });

  it("does not record a page when the campaign is paused while it plans", async () => {
    store.rows.set("s1", recipientRow());
    const pausing = Object.create(store) as MemoryCampaigns;
    pausing.marketingRecipientsPage = async (...args) => {
      const found = await store.marketingRecipientsPage(...args);
      store.setStatus(CAMPAIGN, "paused");
      return found;
    };

    await expect(planCampaignPage(page(0), queue, 2, now, pausing)).resolves.toBe("dropped");

    expect(campaign()).toMatchObject({ status: "paused", plannerPage: 0, planned: false });
    expect(campaign()?.counts.total).toBe(0);
    expect(queue.plans).toEqual([]);
  });

  it("plans the listed users who are still eligible, in id order", async () => {
    store.campaigns.set(
      CAMPAIGN,
      runningCampaign({ recipientFilters: { userIds: ["a", "b", "c", "d"] } }),
    );
    store.rows.set("a", recipientRow());
    store.rows.set("b", recipientRow({ smsEnabled: false }));
    store.rows.set("d", recipientRow({ role: "partner" }));
    store.rows.set("e", recipientRow());

    await expect(plan(page(0), 10)).resolves.toBe("done");

    expect(queue.recipients()).toEqual(["a", "d"]);
    expect(campaign()?.counts.total).toBe(2);
  });

  it("reaches the assignees of tasks in the subjects once each, within the roles", async () => {
    store.campaigns.set(
      CAMPAIGN,
      runningCampaign({ recipientFilters: { subjectIds: ["physics"], roles: ["student"] } }),
    );
    store.tasks.set("t1", { subjectId: "physics", assignedTo: "s1" });
    store.tasks.set("t2", { subjectId: "physics", assignedTo: "s1" });
    store.tasks.set("t3", { subjectId: "physics", assignedTo: "p1" });
    store.tasks.set("t4", { subjectId: "biology", assignedTo: "s2" });
    store.rows.set("s1", recipientRow());
    store.rows.set("s2", recipientRow());
    store.rows.set("p1", recipientRow({ role: "partner" }));

    await expect(plan(page(0), 10)).resolves.toBe("done");

    expect(queue.recipients()).toEqual(["s1"]);
    expect(campaign()?.counts.total).toBe(1);
  });
});
