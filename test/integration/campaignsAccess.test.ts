/**
 * Who may call the campaign callables, and what they refuse: students, partners and callers
 * not signed in, unknown templates, missing variables and malformed requests. Nothing refused
 * may write a campaign or a message.
 */
import {
  allCampaigns,
  allMessages,
  seedCampaignTemplate,
  TEMPLATE_ID,
  useCampaignCallers,
} from "../support/campaigns";
import { anonymousClient } from "../support/webClient";

beforeAll(seedCampaignTemplate);
const { clients, as, admin, student } = useCampaignCallers();

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
