import {
  CAMPAIGN_STATUSES,
  COUNT_BUCKETS,
  candidateSource,
  ineligibility,
  isCampaignDone,
  isCampaignStatus,
  isFinalCampaignStatus,
  missingCampaignVariables,
  nextCampaignStatus,
  recipientVariables,
  startsPlanner,
  zeroCounts,
  type CampaignAction,
  type CampaignStatus,
  type CandidateRow,
  type Progress,
} from "../../../functions/domain/campaigns";
import { MESSAGE_STATUSES } from "../../../functions/domain/messageStatus";

describe("nextCampaignStatus", () => {
  it.each<[CampaignStatus, CampaignAction, CampaignStatus]>([
    ["draft", "execute", "running"],
    ["scheduled", "execute", "running"],
    ["paused", "execute", "running"],
    ["scheduled", "start", "running"],
    ["running", "pause", "paused"],
    ["paused", "resume", "running"],
    ["draft", "cancel", "cancelled"],
    ["scheduled", "cancel", "cancelled"],
    ["running", "cancel", "cancelled"],
    ["paused", "cancel", "cancelled"],
    ["running", "complete", "completed"],
  ])("%s --%s--> %s", (from, action, to) => {
    expect(nextCampaignStatus(from, action)).toBe(to);
  });

  it.each<[CampaignStatus, CampaignAction]>([
    ["running", "execute"],
    ["completed", "execute"],
    ["cancelled", "execute"],
    ["draft", "start"],
    ["paused", "start"],
    ["draft", "pause"],
    ["scheduled", "pause"],
    ["paused", "pause"],
    ["draft", "resume"],
    ["running", "resume"],
    ["scheduled", "resume"],
    ["completed", "cancel"],
    ["cancelled", "cancel"],
    ["paused", "complete"],
    ["draft", "complete"],
  ])("refuses %s --%s-->", (from, action) => {
    expect(nextCampaignStatus(from, action)).toBeUndefined();
  });

  it("never leaves a final status", () => {
    const actions: CampaignAction[] = ["execute", "start", "pause", "resume", "cancel", "complete"];
    for (const status of CAMPAIGN_STATUSES.filter(isFinalCampaignStatus)) {
      for (const action of actions) expect(nextCampaignStatus(status, action)).toBeUndefined();
    }
    expect(CAMPAIGN_STATUSES.filter(isFinalCampaignStatus)).toEqual(["completed", "cancelled"]);
  });

  it("restarts planning on execute, start and resume only", () => {
    expect(["execute", "start", "resume"].every((a) => startsPlanner(a as CampaignAction))).toBe(
      true,
    );
    expect(["pause", "cancel", "complete"].some((a) => startsPlanner(a as CampaignAction))).toBe(
      false,
    );
  });

  it("narrows stored values", () => {
    expect(isCampaignStatus("running")).toBe(true);
    expect(isCampaignStatus("sent")).toBe(false);
    expect(isCampaignStatus(undefined)).toBe(false);
  });
});

describe("ineligibility", () => {
  const row: CandidateRow = {
    role: "student",
    phone: "+12125550100",
    marketingOptIn: true,
    smsEnabled: true,
  };

  it("accepts an opted-in user with SMS on and a number, within every filter", () => {
    expect(ineligibility("u1", row, {})).toBeUndefined();
    expect(
      ineligibility("u1", row, { roles: ["student", "partner"], userIds: ["u1", "u2"] }),
    ).toBeUndefined();
  });

  it.each<[string, Partial<CandidateRow> | undefined, object, RegExp]>([
    ["no row", undefined, {}, /unknown user/],
    ["not opted in", { marketingOptIn: false }, {}, /opted in/],
    ["SMS off", { smsEnabled: false }, {}, /turned off/],
    ["no number", { phone: null }, {}, /phone/],
    ["another role", { role: "partner" }, { roles: ["student"] }, /role/],
    ["no role", { role: null }, { roles: ["student"] }, /role/],
    ["not listed", {}, { userIds: ["u2"] }, /user not targeted/],
  ])("refuses %s", (_case, change, filters, reason) => {
    const candidate = change === undefined ? undefined : { ...row, ...change };
    expect(ineligibility("u1", candidate, filters)).toMatch(reason);
  });

  it("takes only a literal true as consent", () => {
    const loose = { ...row, marketingOptIn: "true" as unknown as boolean };
    expect(ineligibility("u1", loose, {})).toMatch(/opted in/);
  });
});

describe("candidateSource", () => {
  it("prefers subjects, then listed users, then the indexed query", () => {
    expect(candidateSource({ subjectIds: ["math"], userIds: ["u1"], roles: ["student"] })).toBe(
      "subjects",
    );
    expect(candidateSource({ userIds: ["u1"], roles: ["student"] })).toBe("users");
    expect(candidateSource({ roles: ["student"] })).toBe("query");
    expect(candidateSource({})).toBe("query");
  });
});

describe("template variables", () => {
  it("accepts a template whose variables are given or brought by each recipient", () => {
    expect(
      missingCampaignVariables(["Hi {{name}}, {{offer}}", "Merhaba {{firstName}}, {{offer}}"], {
        offer: "20% off",
      }),
    ).toEqual([]);
  });

  it("names every missing variable of any language, once, in order", () => {
    expect(
      missingCampaignVariables(["Hi {{name}}: {{offer}} until {{date}}", "{{offer}} {{code}}"], {
        date: "Friday",
      }),
    ).toEqual(["offer", "code"]);
  });

  it("does not take inherited properties as given", () => {
    expect(missingCampaignVariables(["{{constructor}}"], {})).toEqual(["constructor"]);
  });

  it("fills name and firstName from the row, with a friendly fallback per language", () => {
    expect(recipientVariables("Ada Lovelace", "en")).toEqual({
      name: "Ada Lovelace",
      firstName: "Ada",
    });
    expect(recipientVariables(null, "en")).toEqual({ name: "there", firstName: "there" });
    expect(recipientVariables("  ", "tr").name).toBe("arkadaşım");
  });
});

describe("counts", () => {
  it("puts every message status in exactly one bucket", () => {
    const bucketed = Object.values(COUNT_BUCKETS).flat();
    expect([...bucketed].sort()).toEqual([...MESSAGE_STATUSES].sort());
  });

  it("starts at zero", () => {
    expect(Object.values(zeroCounts()).every((n) => n === 0)).toBe(true);
    expect(Object.keys(zeroCounts())).toEqual(
      expect.arrayContaining(["total", "queued", "sent", "delivered", "failed", "suppressed"]),
    );
  });
});

describe("isCampaignDone", () => {
  const done: Progress = {
    status: "running",
    planned: true,
    total: 500,
    messages: 500,
    skipped: 0,
    pending: 0,
  };

  it("is done when everything planned has a settled message", () => {
    expect(isCampaignDone(done)).toBe(true);
    expect(isCampaignDone({ ...done, messages: 498, skipped: 2 })).toBe(true);
    expect(isCampaignDone({ ...done, total: 0, messages: 0 })).toBe(true);
  });

  it("counts messages sent before a pause to someone no longer in the audience", () => {
    expect(isCampaignDone({ ...done, total: 499 })).toBe(true);
  });

  it.each<[string, Partial<Progress>]>([
    ["still planning", { planned: false }],
    ["messages still pending", { pending: 1 }],
    ["send tasks still to run", { messages: 499 }],
    ["paused", { status: "paused" }],
    ["already completed", { status: "completed" }],
  ])("is not done when %s", (_case, change) => {
    expect(isCampaignDone({ ...done, ...change })).toBe(false);
  });
});
