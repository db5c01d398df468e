/**
 * Campaigns through the Firebase web SDK, as the web app calls them, with the real task queues
 * in the Cloud Tasks emulator (`campaignPlanner` pages the audience, `campaignSend` queues each
 * message) and the real outbox delivering to the stand-in Twilio. A 500-recipient campaign is
 * paused and resumed; every eligible recipient gets exactly one message. The listing at the
 * end counts the campaigns the tests before it made. Who may call: campaignsAccess.test.ts.
 */
import { Timestamp } from "firebase-admin/firestore";
import { adminDb, runSchedule, sleep, waitFor } from "../support/emulators";
import { writeTask } from "../support/fixtures";
import {
  allCampaigns,
  campaignMessages,
  count,
  ELIGIBLE,
  INELIGIBLE_NUMBERS,
  SUPPRESSED,
  TEMPLATE_ID,
  useCampaignAudience,
  useCampaignCallers,
  type Campaign,
  type Result,
} from "../support/campaigns";

const { twilioRequestsTo } = useCampaignAudience();
const { admin, status, untilStatus } = useCampaignCallers();

describe("a 500-recipient campaign", () => {
  it("reaches every eligible recipient exactly once, through a pause and a resume", async () => {
    const created = await admin.call<object, Result>("createCampaign", {
      name: "Saturday tutoring",
      templateId: TEMPLATE_ID,
      variables: { date: "2026-12-05" },
      recipientFilters: { roles: ["student"] },
    });
    expect(created.status).toBe("draft");
    const { campaignId } = created;
    const draft = await status(campaignId);
    expect(draft).toMatchObject({ status: "draft", createdBy: "camp-admin", startedAt: null });
    expect(draft.counts).toMatchObject({ total: 0, queued: 0, sent: 0, suppressed: 0 });
    // The emulator starts a worker process on a function's first call (over a second here):
    // warm pause and resume up, so the pause lands in the middle of the sends.
    for (const action of ["pauseCampaign", "resumeCampaign"]) {
      await expect(admin.call(action, { campaignId })).rejects.toMatchObject({
        code: "functions/failed-precondition",
      });
    }

    const started = Date.now();
    await expect(admin.call("executeCampaign", { campaignId })).resolves.toEqual({
      campaignId,
      status: "running",
    });
    await waitFor(
      "the first campaign messages",
      async () => ((await count(campaignMessages(campaignId))) >= 20 ? true : undefined),
      120_000,
    );
    await expect(admin.call("pauseCampaign", { campaignId })).resolves.toEqual({
      campaignId,
      status: "paused",
    });
    const pausedAt = Date.now();
    // Sends already dispatched finish; after that, nothing more is queued while paused.
    let atPause = await count(campaignMessages(campaignId));
    for (;;) {
      await sleep(2500);
      const now = await count(campaignMessages(campaignId));
      if (now === atPause) break;
      atPause = now;
    }
    expect(atPause).toBeLessThan(501);
    await sleep(2000);
    expect(await count(campaignMessages(campaignId))).toBe(atPause);
    // Queued messages are still delivered: the live counts add up once none is in transit.
    const paused = await waitFor("the paused counts to settle", async () => {
      const { counts, ...rest } = await status(campaignId);
      return counts.sent + counts.queued + counts.suppressed === atPause ? rest : undefined;
    });
    expect(paused.status).toBe("paused");
    await expect(admin.call("pauseCampaign", { campaignId })).rejects.toMatchObject({
      code: "functions/failed-precondition",
    });

    const resumedAt = Date.now();
    await expect(admin.call("resumeCampaign", { campaignId })).resolves.toEqual({
      campaignId,
      status: "running",
    });
    const done = await untilStatus(campaignId, "completed", 240_000);
    const finished = Date.now();
    console.log(
      `500-recipient campaign: ${atPause} messages before the pause; ` +
        `${((pausedAt - started) / 1000).toFixed(1)} s to the pause, ` +
        `${((finished - resumedAt) / 1000).toFixed(1)} s from resume to completed, ` +
        `${((finished - started - (resumedAt - pausedAt)) / 1000).toFixed(1)} s running in all`,
    );

    // The live counts: 500 sent, the suppressed number recorded but never sent to.
    expect(done.counts).toEqual({
      total: 501,
      queued: 0,
      sent: 500,
      delivered: 0,
      failed: 0,
      suppressed: 1,
      cancelled: 0,
      skipped: 0,
    });
    expect(done.planned).toBe(true);
    expect(done.startedAt).toEqual(expect.any(String));
    expect(done.completedAt).toEqual(expect.any(String));
    const stored = (await adminDb().collection("sms_campaigns").doc(campaignId).get()).data();
    expect(stored?.status).toBe("completed");
    expect(stored?.counts).toEqual(done.counts);

    // Exactly one message per eligible recipient, and none to anyone else.
    const messages = (await campaignMessages(campaignId).get()).docs;
    expect(messages).toHaveLength(501);
    const byUser = new Map(messages.map((doc) => [doc.get("userId") as string, doc]));
    expect([...byUser.keys()].sort()).toEqual(
      [...ELIGIBLE.map((u) => u.uid), SUPPRESSED.uid].sort(),
    );
    for (const doc of messages) {
      expect(doc.id).toBe(`campaign_${campaignId}_${doc.get("userId")}`);
      expect(doc.get("type")).toBe("campaign");
      expect(doc.get("createdBy")).toBe("camp-admin");
      expect(doc.get("templateId")).toBe(TEMPLATE_ID);
    }
    expect(byUser.get(SUPPRESSED.uid)?.get("status")).toBe("suppressed");
    for (const { phone } of ELIGIBLE) expect(twilioRequestsTo(phone)).toBe(1);
    for (const number of [SUPPRESSED.phone, ...INELIGIBLE_NUMBERS]) {
      expect(twilioRequestsTo(number)).toBe(0);
    }

    // In each recipient's language, with their first name (or a greeting without one).
    expect(byUser.get("camp-212-01")?.get("body")).toBe(
      "Hi Ada, free tutoring on 2026-12-05! Reply STOP to opt out.",
    );
    expect(byUser.get("camp-213-00")?.get("body")).toBe(
      "Merhaba Şule, 2026-12-05 günü ücretsiz etüt var! Almamak için STOP yaz.",
    );
    expect(byUser.get("camp-213-00")?.get("language")).toBe("tr");
    expect(byUser.get("camp-214-03")?.get("body")).toBe(
      "Hi there, free tutoring on 2026-12-05! Reply STOP to opt out.",
    );
  }, 420_000);
});

describe("scheduled, filtered and cancelled campaigns", () => {
  it("starts a scheduled campaign when dueCampaignsJob runs at its time", async () => {
    const at = new Date(Date.now() + 3_600_000);
    const recipients = ["camp-215-10", "camp-215-11", "camp-215-12", "camp-x-optout"];
    const { campaignId, status: initial } = await admin.call<object, Result>("createCampaign", {
      name: "Library hours",
      templateId: "campaign",
      variables: { message: "The library is open until 22:00 this week." },
      recipientFilters: { userIds: recipients },
      scheduledFor: at.toISOString(),
    });
    expect(initial).toBe("scheduled");
    expect((await status(campaignId)).scheduledFor).toBe(at.toISOString());

    await runSchedule("dueCampaignsJob", new Date(at.getTime() - 60_000));
    await sleep(1500);
    expect((await status(campaignId)).status).toBe("scheduled");
    expect(await count(campaignMessages(campaignId))).toBe(0);

    await runSchedule("dueCampaignsJob", new Date(at.getTime() + 5_000));
    const done = await untilStatus(campaignId, "completed");
    expect(done.counts).toMatchObject({ total: 3, sent: 3, queued: 0, failed: 0 });
    expect(done.startedAt).toEqual(expect.any(String));
    const messages = (await campaignMessages(campaignId).get()).docs;
    expect(messages.map((m) => m.get("userId")).sort()).toEqual(recipients.slice(0, 3));
    expect(messages[0].get("body")).toBe("The library is open until 22:00 this week.");
  }, 180_000);

  it("reaches the assignees of tasks in the chosen subjects, once each", async () => {
    await writeTask("camp-task-1", { subjectId: "camp-physics", assignedTo: "camp-212-01" });
    await writeTask("camp-task-2", { subjectId: "camp-physics", assignedTo: "camp-212-01" });
    await writeTask("camp-task-3", { subjectId: "camp-chemistry", assignedTo: "camp-213-02" });
    await writeTask("camp-task-4", { subjectId: "camp-physics", assignedTo: "camp-x-optout" });
    await writeTask("camp-task-5", { subjectId: "camp-biology", assignedTo: "camp-214-04" });
    const { campaignId } = await admin.call<object, Result>("createCampaign", {
      name: "Lab safety",
      body: "Lab safety briefing tomorrow at 9.",
      recipientFilters: { subjectIds: ["camp-physics", "camp-chemistry"], roles: ["student"] },
    });
    await admin.call("executeCampaign", { campaignId });
    const done = await untilStatus(campaignId, "completed");
    expect(done.counts).toMatchObject({ total: 2, sent: 2 });
    const messages = (await campaignMessages(campaignId).get()).docs;
    expect(messages.map((m) => m.get("userId")).sort()).toEqual(["camp-212-01", "camp-213-02"]);
    expect(messages.every((m) => m.get("body") === "Lab safety briefing tomorrow at 9.")).toBe(
      true,
    );
  }, 120_000);

  it("cancels a draft, cancelling its messages still waiting, and refuses impossible moves", async () => {
    const { campaignId } = await admin.call<object, Result>("createCampaign", {
      name: "To be cancelled",
      body: "You will not see this.",
      recipientFilters: { userIds: ["camp-216-20"] },
    });
    // A message of the campaign held back (quiet hours, say) until tomorrow.
    const waiting = adminDb().collection("sms_messages").doc(`campaign_${campaignId}_camp-216-20`);
    await waiting.set({
      to: "+12165550120",
      body: "You will not see this.",
      channel: "sms",
      type: "campaign",
      userId: "camp-216-20",
      campaignId,
      status: "deferred",
      attempts: 0,
      nextAttemptAt: Timestamp.fromMillis(Date.now() + 86_400_000),
      createdAt: Timestamp.now(),
      updatedAt: Timestamp.now(),
    });
    for (const action of ["pauseCampaign", "resumeCampaign"]) {
      await expect(admin.call(action, { campaignId })).rejects.toMatchObject({
        code: "functions/failed-precondition",
      });
    }
    await expect(admin.call("cancelCampaign", { campaignId })).resolves.toEqual({
      campaignId,
      status: "cancelled",
    });
    expect((await waiting.get()).get("status")).toBe("cancelled");
    for (const action of ["cancelCampaign", "executeCampaign", "resumeCampaign", "pauseCampaign"]) {
      await expect(admin.call(action, { campaignId })).rejects.toMatchObject({
        code: "functions/failed-precondition",
      });
    }
    expect((await status(campaignId)).status).toBe("cancelled");
  });

  it("never starts a cancelled scheduled campaign", async () => {
    const at = new Date(Date.now() + 7_200_000);
    const { campaignId } = await admin.call<object, Result>("createCampaign", {
      name: "Cancelled before its time",
      body: "Never sent.",
      recipientFilters: { userIds: ["camp-216-21"] },
      scheduledFor: at.toISOString(),
    });
    await expect(admin.call("cancelCampaign", { campaignId })).resolves.toEqual({
      campaignId,
      status: "cancelled",
    });
    await runSchedule("dueCampaignsJob", new Date(at.getTime() + 60_000));
    await sleep(1500);
    expect((await status(campaignId)).status).toBe("cancelled");
    expect(await count(campaignMessages(campaignId))).toBe(0);
  });

  it("answers not-found for an unknown campaign", async () => {
    for (const name of [
      "executeCampaign",
      "pauseCampaign",
      "resumeCampaign",
      "cancelCampaign",
      "getCampaignStatus",
    ]) {
      await expect(admin.call(name, { campaignId: "camp-no-such" })).rejects.toMatchObject({
        code: "functions/not-found",
      });
    }
    await expect(admin.call("listCampaigns", { cursor: "camp-no-such" })).rejects.toMatchObject({
      code: "functions/not-found",
    });
  });

  it("lists campaigns newest first, page by page, and by status", async () => {
    type Page = { campaigns: Campaign[]; nextCursor: string | null };
    const seen: Campaign[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await admin.call<object, Page>("listCampaigns", {
        limit: 2,
        ...(cursor ? { cursor } : {}),
      });
      expect(page.campaigns.length).toBeLessThanOrEqual(2);
      seen.push(...page.campaigns);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.length).toBe(await allCampaigns());
    expect(new Set(seen.map((c) => c.campaignId)).size).toBe(seen.length);
    const dates = seen.map((c) => c.createdAt);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(seen[0]).not.toHaveProperty("plannerRun");

    const cancelled = await admin.call<object, Page>("listCampaigns", { status: "cancelled" });
    expect(cancelled.campaigns.length).toBe(2);
    expect(cancelled.campaigns.every((c) => c.status === "cancelled")).toBe(true);
    const completed = await admin.call<object, Page>("listCampaigns", { status: "completed" });
    expect(completed.campaigns.map((c) => c.name)).toEqual(
      expect.arrayContaining(["Saturday tutoring", "Library hours", "Lab safety"]),
    );
  });
});
