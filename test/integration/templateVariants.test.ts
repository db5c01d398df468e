/**
 * Template variants (A/B tests) through the web SDK: an admin saves a template with variants A
 * and B; bulk sends and a campaign render each message in the variant its id chooses (and a
 * redelivered creation chooses it again); `getSmsStats` and `getCampaignStatus` break delivery,
 * opt-outs and DONE replies down by variant; previews of a variant; refused variants.
 */
import { adminDb, loadFunctionEnv, waitForMessage } from "../support/emulators";
import { useTwilioStandIn, useWebClients } from "../support/lifecycle";
import { chooseVariant } from "../../functions/domain/templateVariants";
import { failure, list, preview, save, templates } from "../support/templatesApi";
import {
  CAMPAIGN_USERS,
  deliver,
  expectedFor,
  reply,
  SEND_USERS,
  seedVariantUsers,
  settled,
  tally,
  TEMPLATE_ID,
  VARIANTS,
  WITH_VARIANTS,
} from "../support/templateVariants";
import type {
  Campaign,
  GetSmsStatsRequest,
  GetSmsStatsResponse,
  SendBulkSmsResponse,
  VariantStats,
} from "../../functions/api/types";

useTwilioStandIn();
const { as, signedIn } = useWebClients();
const admin = signedIn("var-admin", "admin");
const started = new Date(Date.now() - 60_000);
const VARIABLES = { firstName: "Ada", course: "Chemistry" };

beforeAll(async () => {
  loadFunctionEnv();
  await seedVariantUsers();
}, 120_000);

afterAll(async () => {
  await Promise.all([TEMPLATE_ID, "help"].map((id) => templates().doc(id).delete()));
});

const savedDoc = async () => (await templates().doc(TEMPLATE_ID).get()).data();
const message = async (id: string) =>
  (await adminDb().collection("sms_messages").doc(id).get()).data();
const stats = (request: GetSmsStatsRequest) =>
  admin.call<GetSmsStatsRequest, GetSmsStatsResponse>("getSmsStats", request);
const inAMinute = () => new Date(Date.now() + 60_000).toISOString();
const byId = (rows: VariantStats[] | undefined) =>
  Object.fromEntries((rows ?? []).map((row) => [row.variant, row]));

describe("saving variants", () => {
  it("saves a template with variants A and B and lists it with them", async () => {
    await expect(save(admin, WITH_VARIANTS)).resolves.toEqual({ templateId: TEMPLATE_ID });
    expect(await savedDoc()).toMatchObject({ variants: VARIANTS, updatedBy: "var-admin" });
    const listed = await list(admin, { type: "campaign" });
    expect(listed.templates.find((t) => t.templateId === TEMPLATE_ID)).toMatchObject({
      variants: VARIANTS,
    });
  });

  it.each([
    ["a weight of 0", [VARIANTS[0], { ...VARIANTS[1], weight: 0 }], "variants.1.weight"],
    ["a negative weight", [{ ...VARIANTS[0], weight: -1 }], "variants.0.weight"],
    [
      "a variant with another variable",
      [VARIANTS[0], { ...VARIANTS[1], content: { en: "{{course}} for {{name}}" } }],
      "variants.1.content.en",
    ],
    [
      "a variant lacking a variable",
      [VARIANTS[0], { ...VARIANTS[1], content: { en: "{{course}} on Monday" } }],
      "variants.1.content",
    ],
    ["two variants called A", [VARIANTS[0], { ...VARIANTS[1], id: "A" }], "variants.1.id"],
  ])("refuses %s with invalid-argument, saving nothing", async (_what, variants, path) => {
    const before = await savedDoc();
    const error = await failure(save(admin, { ...WITH_VARIANTS, name: "Changed", variants }));
    expect(error.code).toBe("functions/invalid-argument");
    expect(error.details?.issues?.map((issue) => issue.path)).toContain(path);
    expect(await savedDoc()).toEqual(before);
  });

  it("refuses a student or a partner who saves variants (permission-denied)", async () => {
    const before = await savedDoc();
    for (const [uid, role] of [
      ["var-student", "student"],
      ["var-partner", "partner"],
    ]) {
      const error = await failure(save(await as(uid, role), { ...WITH_VARIANTS, name: "Mine" }));
      expect(error.code).toBe("functions/permission-denied");
    }
    expect(await savedDoc()).toEqual(before);
  });
});

describe("previewTemplate with a variant", () => {
  it("renders the variant asked for, for any signed-in role", async () => {
    const student = await as("var-student", "student");
    const request = { templateId: TEMPLATE_ID, variables: VARIABLES, language: "en" as const };
    await expect(preview(student, { ...request, variant: "B" })).resolves.toEqual({
      body: "New on Monday: Chemistry. See you, Ada!",
      segments: 1,
      encoding: "GSM-7",
      length: 39,
    });
    expect((await preview(admin, request)).body).toBe("Hi Ada, Chemistry starts Monday.");
  });

  it("refuses an unknown variant, or a variant without a template", async () => {
    const request = { variables: VARIABLES, language: "en" as const, variant: "Z" };
    const unknown = await failure(preview(admin, { ...request, templateId: TEMPLATE_ID }));
    expect(unknown).toMatchObject({ code: "functions/invalid-argument" });
    expect(unknown.details?.issues).toEqual([
      { path: "variant", message: expect.stringContaining("no variant Z") },
    ]);
    const noTemplate = await failure(preview(admin, { ...request, content: "Hi" }));
    expect(noTemplate.code).toBe("functions/invalid-argument");
  });
});

/** The bulk send's message to each user, by user id. */
const sentTo = new Map<string, string>();

describe("messages rendered from a template with variants", () => {
  it("records each bulk send with the variant its id chooses, and that variant's body", async () => {
    const result = await admin.call<object, SendBulkSmsResponse>("sendBulkSms", {
      recipients: SEND_USERS.map((user) => user.uid),
      templateId: TEMPLATE_ID,
      variables: VARIABLES,
    });
    expect(result.accepted).toBe(SEND_USERS.length);
    const sent = await settled(result.messageIds);
    for (const m of sent) {
      expect(m).toMatchObject({
        templateId: TEMPLATE_ID,
        ...expectedFor(m.id as string, VARIABLES),
      });
      sentTo.set(m.userId as string, m.id as string);
    }
    expect(sentTo.size).toBe(SEND_USERS.length);
  });

  it("gives a redelivered creation (the same message id) the same variant", async () => {
    const variants = [
      { id: "short", weight: 1, content: { en: "Ask your teacher. STOP to opt out." } },
      { id: "long", weight: 3, content: { en: "Help is in the app. Reply STOP to opt out." } },
    ];
    await save(admin, {
      templateId: "help",
      name: "HELP reply",
      type: "manual",
      content: { en: "Help: ask your teacher. Reply STOP to opt out." },
      variables: [],
      variants,
    });
    const phone = "+15555550189";
    const sid = await reply(phone, "HELP");
    const first = await waitForMessage(`help_${sid}`, (m) => m.status === "sent");
    const chosen = chooseVariant(variants, `help_${sid}`);
    expect(first).toMatchObject({ variant: chosen?.id, body: chosen?.content.en });
    // The webhook's first run is lost after all: Twilio delivers the same reply again.
    await adminDb().collection("sms_inbound").doc(sid).delete();
    await adminDb().collection("sms_messages").doc(`help_${sid}`).delete();
    await reply(phone, "HELP", sid);
    const again = await waitForMessage(`help_${sid}`, (m) => m.status === "sent");
    expect({ variant: again.variant, body: again.body }).toEqual({
      variant: first.variant,
      body: first.body,
    });
  });
});

describe("statistics by variant", () => {
  it("counts delivery, a STOP and a DONE reply under the variant of the answered message", async () => {
    const [stopped, done, delivered] = SEND_USERS.map((user) => ({
      ...user,
      messageId: sentTo.get(user.uid) ?? "",
    }));
    const stopSid = await reply(stopped.phone, "STOP");
    const doneSid = await reply(done.phone, "Done");
    await deliver(delivered.messageId);
    const inbound = await Promise.all(
      [stopSid, doneSid].map(async (id) =>
        (await adminDb().collection("sms_inbound").doc(id).get()).data(),
      ),
    );
    expect(inbound.map((r) => [r?.keyword, r?.templateId, r?.inReplyTo])).toEqual([
      ["stop", TEMPLATE_ID, stopped.messageId],
      ["done", TEMPLATE_ID, done.messageId],
    ]);

    const range = { startDate: started.toISOString(), endDate: inAMinute() };
    const result = await stats({ ...range, templateId: TEMPLATE_ID });
    const sent = await Promise.all([...sentTo.values()].map(async (id) => await message(id)));
    const expected = tally(sent.map((m) => m ?? {}));
    const variantOf = async (id: string) => (await message(id))?.variant;
    const rows = byId(result.byVariant);
    expect(Object.keys(rows)).toEqual(["A", "B"]);
    for (const variant of ["A", "B"]) {
      const { sent: sentCount = 0, delivered: deliveredCount = 0 } = expected[variant] ?? {};
      expect(rows[variant]).toMatchObject({
        weight: 1,
        total: sentCount + deliveredCount,
        byStatus: expect.objectContaining({ sent: sentCount, delivered: deliveredCount }),
        deliveryRate: deliveredCount > 0 ? 1 : 0,
        optOuts: variant === (await variantOf(stopped.messageId)) ? 1 : 0,
        doneReplies: variant === (await variantOf(done.messageId)) ? 1 : 0,
      });
    }
    expect(await stats(range)).not.toHaveProperty("byVariant");
    expect((await stats({ ...range, templateId: "task_created" })).byVariant).toEqual([]);
    const unknown = await failure(stats({ ...range, templateId: "api_no_such" }));
    expect(unknown.code).toBe("functions/not-found");
  });
});

describe("a campaign with a template with variants", () => {
  it("sends each recipient the variant its id chooses; its status breaks them down", async () => {
    const { campaignId } = await admin.call<object, { campaignId: string }>("createCampaign", {
      name: "Course launch",
      templateId: TEMPLATE_ID,
      variables: { course: "Chemistry" },
      recipientFilters: { userIds: CAMPAIGN_USERS.map((user) => user.uid) },
    });
    await admin.call("executeCampaign", { campaignId });
    const ids = CAMPAIGN_USERS.map((user) => `campaign_${campaignId}_${user.uid}`);
    const sent = await settled(ids);
    for (const m of sent) expect(m).toMatchObject(expectedFor(m.id as string, VARIABLES));
    await reply(CAMPAIGN_USERS[0].phone, "STOP");
    const stoppedVariant = sent[0].variant;

    const campaign = await admin.call<object, Campaign>("getCampaignStatus", { campaignId });
    const expected = tally(sent);
    const rows = byId(campaign.byVariant);
    expect(Object.keys(rows)).toEqual(["A", "B"]);
    for (const variant of ["A", "B"]) {
      expect(rows[variant]).toMatchObject({
        total: expected[variant]?.sent ?? 0,
        optOuts: variant === stoppedVariant ? 1 : 0,
        doneReplies: 0,
      });
    }
  });
});
