/**
 * An in-memory {@link CampaignOutcomeReader}: the prices of campaign messages and the replies
 * answering them, summed and counted as the Firestore aggregation queries would.
 */
import {
  summarizeCost,
  type CurrencyTotal,
  type SmsCost,
} from "../../../functions/domain/smsStats";
import type { CampaignOutcomeReader } from "../../../functions/services/campaigns/outcome";

export interface PricedCampaignMessage {
  campaignId: string;
  createdAt: Date;
  price?: number;
  priceUnit?: string;
  priceEstimated?: true;
}

export interface CampaignReply {
  campaignId: string;
  keyword: string;
  receivedAt: Date;
}

export class MemoryCampaignOutcomes implements CampaignOutcomeReader {
  readonly messages: PricedCampaignMessage[] = [];
  readonly replies: CampaignReply[] = [];

  async cost(campaignId: string): Promise<SmsCost> {
    const totals = new Map<string, CurrencyTotal>();
    for (const m of this.messages) {
      if (m.campaignId !== campaignId || m.price === undefined || !m.priceUnit) continue;
      const total = totals.get(m.priceUnit) ?? {
        currency: m.priceUnit,
        count: 0,
        total: 0,
        estimated: 0,
      };
      total.count += 1;
      total.total += m.price;
      if (m.priceEstimated) total.estimated = (total.estimated ?? 0) + m.price;
      totals.set(m.priceUnit, total);
    }
    return summarizeCost([...totals.values()]);
  }

  async lastMessageAt(campaignId: string): Promise<Date | undefined> {
    const times = this.messages
      .filter((m) => m.campaignId === campaignId)
      .map((m) => m.createdAt.getTime());
    return times.length === 0 ? undefined : new Date(Math.max(...times));
  }

  async optOuts(campaignId: string, receivedBefore: Date): Promise<number> {
    return this.replies.filter(
      (r) => r.campaignId === campaignId && r.keyword === "stop" && r.receivedAt < receivedBefore,
    ).length;
  }
}
