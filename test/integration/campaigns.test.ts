/**
 * Campaigns through the Firebase web SDK, as the web app calls them, with the real task queues
 * in the Cloud Tasks emulator (`campaignPlanner` pages the audience, `campaignSend` queues each
 * message) and the real outbox delivering to the stand-in Twilio. A 500-recipient campaign is
 * paused in the middle and resumed; every eligible recipient gets exactly one message.
 *
 * This file's users have ids prefixed `camp-` and numbers 555-01xx in area codes 212–217; no
 * other test file opts anyone in to marketing SMS, so the opted-in audience is ours.
 */
import { FieldPath, Timestamp } from "firebase-admin/firestore";
import { adminDb, runSchedule, sleep, TWILIO_STAND_IN_PORT, waitFor } from "../support/emulators";
import { writeTask } from "../support/fixtures";
import { startTwilioStandIn, type TwilioStandIn } from "../support/twilioStandIn";
import { anonymousClient, signedInClient, type WebClient } from "../support/webClient";
import type { GetCampaignStatusResponse } from "../../functions/api/types";

// The web app's own types: a drift between them and the responses fails here too.
type Campaign = GetCampaignStatusResponse;
type Result = { campaignId: string; status: string };

const TEMPLATE_ID = "camp-tutoring";
const pad = (n: number) => String(n).padStart(2, "0");

/** 500 opted-in students with distinct fictional numbers; every fifth writes in Turkish. */
const ELIGIBLE = [212, 213, 214, 215, 216].flatMap((area) =>
  Array.from({ length: 100 }, (_, nn) => ({
    uid: `camp-${area}-${pad(nn)}`,
    phone: `+1${area}55501${pad(nn)}`,
    turkish: nn % 5 === 0,
    // Some have no name: the template's {{firstName}} falls back to a greeting.
    name: nn % 7 === 3 ? undefined : `${nn % 5 === 0 ? "Şule" : "Ada"} Student${area}${pad(nn)}`,
  })),
);
const SUPPRESSED = { uid: "camp-x-suppressed", phone: "+12175550104" };
/** Users the campaign must not reach, each for one reason. */
const INELIGIBLE: Record<string, Record<string, unknown>> = {
  "camp-x-optout": { marketing_sms_opt_in: false, phone_number: "+12175550100" },
  "camp-x-no-optin": { phone_number: "+12175550101" },
  "camp-x-nophone": { marketing_sms_opt_in: true },
  "camp-x-badphone": { marketing_sms_opt_in: true, phone_number: "12345" },
  "camp-x-disabled": {
    marketing_sms_opt_in: true,
    sms_notifications_enabled: false,
    phone_number: "+12175550102",
  },
  "camp-x-partner": { marketing_sms_opt_in: true, role: "partner", phone_number: "+12175550103" },
};
const INELIGIBLE_NUMBERS = ["+12175550100", "+12175550101", "+12175550102", "+12175550103"];

let twilio: TwilioStandIn;
const clients: WebClient[] = [];
let admin: WebClient;
let student: WebClient;

async function as(uid: string, role?: string) {
  const c = await signedInClient(uid, role);
  clients.push(c);
  return c;
}

async function count(query: FirebaseFirestore.Query): Promise<number> {
  return (await query.count().get()).data().count;
}
const campaignMessages = (campaignId: string) =>
  adminDb().collection("sms_messages").where("campaignId", "==", campaignId);
const allCampaigns = () => count(adminDb().collection("sms_campaigns"));
const allMessages = () => count(adminDb().collection("sms_messages"));

function status(campaignId: string): Promise<Campaign> {
  return admin.call<object, Campaign>("getCampaignStatus", { campaignId });
}

/** Polls getCampaignStatus (once a second) until the campaign has `wanted` status. */
async function untilStatus(campaignId: string, wanted: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const campaign = await status(campaignId);
    if (campaign.status === wanted) return campaign;
    if (Date.now() > deadline) {
      throw new Error(`campaign ${campaignId} is ${campaign.status}: ${JSON.stringify(campaign)}`);
    }
    await sleep(1000);
  }
}

function twilioRequestsTo(number: string): number {
  return twilio.requests.filter((r) => r.form.To === number).length;
}

async function seedUsers(): Promise<void> {
  const users: [string, Record<string, unknown>][] = [
    ...ELIGIBLE.map(({ uid, phone, turkish, name }): [string, Record<string, unknown>] => [
      uid,
      {
        ...(name ? { name } : {}),
        role: "student",
        phone_number: phone,
        marketing_sms_opt_in: true,
        ...(turkish ? { language: "tr", timezone: "Europe/Istanbul" } : { language: "en" }),
      },
    ]),
    [SUPPRESSED.uid, { marketing_sms_opt_in: true, phone_number: SUPPRESSED.phone }],
    ...Object.entries(INELIGIBLE),
  ];
  // Batches of at most 500 writes: one user at a time would take minutes.
  for (let i = 0; i < users.length; i += 400) {
    const batch = adminDb().batch();
    for (const [uid, fields] of users.slice(i, i + 400)) {
      batch.set(adminDb().collection("users").doc(uid), {
        email: `${uid}@example.com`,
        role: "student",
        last_activity_date: new Date().toISOString(),
        ...fields,
      });
    }
    await batch.commit();
  }
  // onUserWritten projects each user into sms_recipients; the planner reads those rows.
  const rows = adminDb()
    .collection("sms_recipients")
    .where(FieldPath.documentId(), ">=", "camp-")
    .where(FieldPath.documentId(), "<", "camp.");
  await waitFor(
    "every camp- user's sms_recipients row",
    async () => ((await count(rows)) === users.length ? true : undefined),
    180_000,
  );
}

beforeAll(async () => {
  twilio = await startTwilioStandIn(TWILIO_STAND_IN_PORT);
  await adminDb()
    .collection("sms_suppressions")
    .doc(SUPPRESSED.phone)
    .set({ reason: "stop", source: "test", createdAt: Timestamp.now() });
  await adminDb()
    .collection("sms_templates")
    .doc(TEMPLATE_ID)
    .set({
      name: "Free tutoring",
      active: true,
      content: {
        en: "Hi {{firstName}}, free tutoring on {{date}}! Reply STOP to opt out.",
        tr: "Merhaba {{firstName}}, {{date}} günü ücretsiz etüt var! Almamak için STOP yaz.",
      },
    });
  const seeding = Date.now();
  await seedUsers();
  console.log(
    `seeded ${ELIGIBLE.length + 7} users in ${((Date.now() - seeding) / 1000).toFixed(1)} s`,
  );
  admin = await as("camp-admin", "admin");
  student = await as("camp-student", "student");
}, 240_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await twilio.close();
});

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
    const paused = await status(campaignId);
    expect(paused.status).toBe("paused");
    expect(paused.counts.sent + paused.counts.queued + paused.counts.suppressed).toBe(atPause);
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

describe("who may call, and what is refused", () => {
  const names = [
    "createCampaign",
    "executeCampaign",
    "pauseCampaign",
    "resumeCampaign",
    "cancelCampaign",
    "getCampaignStatus",
    "listCampaigns",
  ];

  it("refuses students and partners with permission-denied", async () => {
    const partner = await as("camp-partner-caller", "partner");
    for (const caller of [student, partner]) {
      for (const name of names) {
        await expect(caller.call(name, { campaignId: "x" })).rejects.toMatchObject({
          code: "functions/permission-denied",
        });
      }
    }
  });

  it("refuses callers who are not signed in", async () => {
    const anonymous = anonymousClient();
    clients.push(anonymous);
    for (const name of names) {
      await expect(anonymous.call(name, {})).rejects.toMatchObject({
        code: "functions/unauthenticated",
      });
    }
  });

  it("refuses an unknown template (not-found) and a missing variable, writing nothing", async () => {
    const [campaigns, messages] = [await allCampaigns(), await allMessages()];
    await expect(
      admin.call("createCampaign", {
        name: "x",
        templateId: "camp-no-such-template",
        recipientFilters: {},
      }),
    ).rejects.toMatchObject({ code: "functions/not-found" });
    const error = await admin
      .call("createCampaign", {
        name: "x",
        templateId: TEMPLATE_ID,
        variables: { day: "Friday" },
        recipientFilters: {},
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "functions/invalid-argument" });
    expect(JSON.stringify(error)).toMatch(/date/);
    await expect(
      admin.call("createCampaign", {
        name: "x",
        templateId: "campaign",
        recipientFilters: {},
      }),
    ).rejects.toMatchObject({ code: "functions/invalid-argument" });
    expect([await allCampaigns(), await allMessages()]).toEqual([campaigns, messages]);
  });

  const past = new Date(Date.now() - 3_600_000).toISOString();
  const future = new Date(Date.now() + 3_600_000).toISOString();
  const good = { name: "Good", body: "Hello", recipientFilters: {} };
  const malformed: [string, string, unknown][] = [
    ["createCampaign", "empty", {}],
    ["createCampaign", "no name", { ...good, name: undefined }],
    ["createCampaign", "empty name", { ...good, name: "" }],
    ["createCampaign", "name too long", { ...good, name: "x".repeat(101) }],
    ["createCampaign", "neither body nor templateId", { ...good, body: undefined }],
    ["createCampaign", "both body and templateId", { ...good, templateId: "campaign" }],
    ["createCampaign", "blank body", { ...good, body: "   " }],
    ["createCampaign", "body too long", { ...good, body: "x".repeat(1601) }],
    ["createCampaign", "body not a string", { ...good, body: 42 }],
    ["createCampaign", "no recipientFilters", { ...good, recipientFilters: undefined }],
    ["createCampaign", "recipientFilters a string", { ...good, recipientFilters: "everyone" }],
    ["createCampaign", "unknown role", { ...good, recipientFilters: { roles: ["teacher"] } }],
    ["createCampaign", "no roles", { ...good, recipientFilters: { roles: [] } }],
    [
      "createCampaign",
      "userIds a string",
      { ...good, recipientFilters: { userIds: "camp-212-01" } },
    ],
    ["createCampaign", "empty user id", { ...good, recipientFilters: { userIds: [""] } }],
    ["createCampaign", "user id with a slash", { ...good, recipientFilters: { userIds: ["a/b"] } }],
    [
      "createCampaign",
      "1001 user ids",
      { ...good, recipientFilters: { userIds: Array(1001).fill("u") } },
    ],
    [
      "createCampaign",
      "31 subject ids",
      { ...good, recipientFilters: { subjectIds: Array(31).fill("s") } },
    ],
    ["createCampaign", "unknown filter", { ...good, recipientFilters: { classes: ["7a"] } }],
    ["createCampaign", "scheduledFor in the past", { ...good, scheduledFor: past }],
    ["createCampaign", "scheduledFor not a date", { ...good, scheduledFor: "tomorrow" }],
    [
      "createCampaign",
      "scheduledFor without offset",
      { ...good, scheduledFor: future.replace("Z", "") },
    ],
    ["createCampaign", "variables with a body", { ...good, variables: { name: "x" } }],
    [
      "createCampaign",
      "variables a string",
      { name: "x", templateId: "campaign", variables: "message=hi", recipientFilters: {} },
    ],
    [
      "createCampaign",
      "variable an object",
      { name: "x", templateId: "campaign", variables: { message: {} }, recipientFilters: {} },
    ],
    [
      "createCampaign",
      "bad variable name",
      { name: "x", templateId: "campaign", variables: { "bad name": 1 }, recipientFilters: {} },
    ],
    ["createCampaign", "extra field", { ...good, priority: "high" }],
    ["createCampaign", "an array", [good]],
    ["executeCampaign", "no campaignId", {}],
    ["executeCampaign", "empty campaignId", { campaignId: "" }],
    ["pauseCampaign", "numeric campaignId", { campaignId: 7 }],
    ["resumeCampaign", "null campaignId", { campaignId: null }],
    ["cancelCampaign", "campaignId too long", { campaignId: "x".repeat(129) }],
    ["cancelCampaign", "extra field", { campaignId: "a", force: true }],
    ["getCampaignStatus", "campaignId with a slash", { campaignId: "a/b" }],
    ["getCampaignStatus", "a string", "camp-1"],
    ["listCampaigns", "limit 0", { limit: 0 }],
    ["listCampaigns", "limit 101", { limit: 101 }],
    ["listCampaigns", "limit a string", { limit: "10" }],
    ["listCampaigns", "unknown status", { status: "sent" }],
    ["listCampaigns", "empty cursor", { cursor: "" }],
    ["listCampaigns", "unknown field", { page: 2 }],
  ];

  it.each(malformed)("%s, %s: invalid-argument, nothing written", async (name, _label, request) => {
    const [campaigns, messages] = [await allCampaigns(), await allMessages()];
    const error = await admin.call(name, request).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "functions/invalid-argument" });
    expect((error as { details?: { issues?: unknown[] } }).details?.issues?.length).toBeGreaterThan(
      0,
    );
    expect([await allCampaigns(), await allMessages()]).toEqual([campaigns, messages]);
  });
});
