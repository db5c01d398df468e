/**
 * The send task over the in-memory campaign store and outbox: one running campaign by an
 * admin, a recording provider, and settings generous enough not to get in the way.
 */
import type { Settings } from "../../../functions/params";
import {
  sendCampaignBatch,
  type CampaignSendPort,
} from "../../../functions/services/campaigns/send";
import { MemoryCampaigns, recipientRow, runningCampaign } from "./memoryCampaigns";
import { RecordingProvider } from "./recordingProvider";
import { testSettings } from "./settings";

export const campaignSettings: Settings = testSettings({
  defaultTimeZone: "UTC",
  rateLimitPerHour: 10,
  retentionDays: 30,
  maxAttempts: 3,
  senderRateLimitPerHour: 50,
  adminRateLimitPerHour: 1000,
  allowedCountries: ["US", "TR"],
});

export class CampaignSendHarness {
  readonly campaignId = "c1";
  readonly admin = "admin-1";
  readonly now = new Date("2026-11-21T15:00:00Z");
  readonly store = new MemoryCampaigns();
  readonly outbox = this.store.outbox;
  readonly provider = new RecordingProvider();
  readonly port: CampaignSendPort = this.store.sendPort();

  constructor() {
    this.store.campaigns.set(this.campaignId, runningCampaign({ createdBy: this.admin }));
  }

  /** The outbox id of a recipient's message of this campaign. */
  messageId(userId: string): string {
    return `campaign_${this.campaignId}_${userId}`;
  }

  /** Opted-in students with the numbers +12125550100, +12125550101, ... in order. */
  seedStudents(...userIds: string[]): void {
    userIds.forEach((userId, i) =>
      this.store.rows.set(
        userId,
        recipientRow({ phone: `+1212555010${i}`, name: `Ada ${userId}` }),
      ),
    );
  }

  /** Runs one send task of run `run` (1) for these recipients. */
  send(
    userIds: string[],
    options: { run?: number; port?: CampaignSendPort; settings?: Settings } = {},
  ) {
    return sendCampaignBatch(
      { campaignId: this.campaignId, userIds, run: options.run ?? 1 },
      { settings: options.settings ?? campaignSettings, provider: this.provider, now: this.now },
      options.port ?? this.port,
    );
  }
}
