import { zeroCounts } from "../../../../functions/domain/campaigns";
import type { MessageStatus } from "../../../../functions/domain/messageStatus";
import { variantStats } from "../../../../functions/domain/smsStats";
import type { TemplateDefinition } from "../../../../functions/domain/templates";
import { campaignStatus } from "../../../../functions/services/campaigns/status";
import {
  variantBreakdown,
  type VariantCounter,
  type VariantScope,
} from "../../../../functions/services/messages/variantStats";
import { MemoryCampaigns, runningCampaign } from "../../fakes/memoryCampaigns";
import { MemoryCampaignOutcomes } from "../../fakes/memoryCampaignOutcomes";

interface Row {
  scope: string;
  variant: string;
  status?: MessageStatus;
  reply?: "stop" | "done";
}

const key = (scope: VariantScope) => ("campaignId" in scope ? scope.campaignId : scope.templateId);

/** Counts over rows in memory, as the aggregation queries count documents. */
function counter(rows: Row[]): VariantCounter {
  return {
    countMessages: async (scope, variant, status) =>
      rows.filter((r) => r.scope === key(scope) && r.variant === variant && r.status === status)
        .length,
    countReplies: async (scope, variant, keyword) =>
      rows.filter((r) => r.scope === key(scope) && r.variant === variant && r.reply === keyword)
        .length,
  };
}

const ROWS: Row[] = [
  { scope: "c1", variant: "A", status: "delivered" },
  { scope: "c1", variant: "A", status: "delivered" },
  { scope: "c1", variant: "A", status: "failed" },
  { scope: "c1", variant: "A", reply: "stop" },
  { scope: "c1", variant: "B", status: "undelivered" },
  { scope: "c1", variant: "B", status: "sent" },
  { scope: "c1", variant: "B", reply: "done" },
  { scope: "c1", variant: "B", reply: "done" },
  { scope: "c2", variant: "A", status: "delivered" },
  { scope: "c2", variant: "A", reply: "stop" },
];

const byStatus = (counts: Partial<Record<MessageStatus, number>>) => ({
  queued: 0,
  scheduled: 0,
  deferred: 0,
  sending: 0,
  sent: 0,
  delivered: 0,
  undelivered: 0,
  failed: 0,
  suppressed: 0,
  cancelled: 0,
  ...counts,
});

it("variantStats totals the statuses and rates delivery over the settled ones", () => {
  expect(
    variantStats({
      variant: "A",
      weight: 2,
      byStatus: byStatus({ delivered: 3, failed: 1, sent: 4 }),
      optOuts: 1,
      doneReplies: 0,
    }),
  ).toMatchObject({ total: 8, deliveryRate: 0.75, optOuts: 1, doneReplies: 0, weight: 2 });
});

it("breaks a scope down by variant, in the template's order, counting only that scope", async () => {
  const stats = await variantBreakdown(
    [
      { id: "B", weight: 1 },
      { id: "A", weight: 3 },
    ],
    { campaignId: "c1" },
    counter(ROWS),
  );
  expect(stats).toEqual([
    {
      variant: "B",
      weight: 1,
      total: 2,
      byStatus: byStatus({ undelivered: 1, sent: 1 }),
      deliveryRate: 0,
      optOuts: 0,
      doneReplies: 2,
    },
    {
      variant: "A",
      weight: 3,
      total: 3,
      byStatus: byStatus({ delivered: 2, failed: 1 }),
      deliveryRate: 2 / 3,
      optOuts: 1,
      doneReplies: 0,
    },
  ]);
});

describe("campaignStatus", () => {
  const now = new Date("2026-11-21T15:00:00Z");
  const template: TemplateDefinition = {
    id: "spring",
    name: "Spring",
    type: "campaign",
    content: { en: "Hi {{name}}" },
    variables: ["name"],
    variants: [
      { id: "A", weight: 1, content: { en: "A {{name}}" } },
      { id: "B", weight: 1, content: { en: "B {{name}}" } },
    ],
  };

  function store(templateId: string | null) {
    const memory = new MemoryCampaigns();
    memory.templates.set("spring", template);
    memory.campaigns.set(
      "c1",
      runningCampaign({ templateId, body: null, counts: { ...zeroCounts(), total: 5 } }),
    );
    return memory;
  }

  it("adds byVariant when the campaign's template has variants", async () => {
    const status = await campaignStatus(
      "c1",
      now,
      store("spring"),
      counter(ROWS),
      new MemoryCampaignOutcomes(),
    );
    expect(status.byVariant?.map((v) => [v.variant, v.total, v.optOuts, v.doneReplies])).toEqual([
      ["A", 3, 1, 0],
      ["B", 2, 0, 2],
    ]);
  });

  it("leaves byVariant out for a campaign without a template, or one without variants", async () => {
    const noTemplate = await campaignStatus(
      "c1",
      now,
      store(null),
      counter(ROWS),
      new MemoryCampaignOutcomes(),
    );
    expect(noTemplate).not.toHaveProperty("byVariant");
    const plain = store("spring");
    plain.templates.set("spring", { ...template, variants: undefined });
    expect(
      await campaignStatus("c1", now, plain, counter(ROWS), new MemoryCampaignOutcomes()),
    ).not.toHaveProperty("byVariant");
  });
});
