/**
 * Cost fixtures: messages and campaigns written with the Admin SDK as delivery and the campaign
 * lifecycle would have left them, with prices, providers, types, campaigns and countries.
 */
import { Timestamp } from "firebase-admin/firestore";
import { adminDb } from "./emulators";

export const HOUR = 3_600_000;
/** When a seed without `createdAt` was created. */
export const DEFAULT_SEED_TIME = "2018-05-15T12:00:00Z";

/** A message to seed; absent fields take a plain default. */
export interface Seed {
  provider: string | null;
  type: string;
  campaignId?: string;
  country: string | null;
  status?: string;
  price?: number;
  priceUnit?: string;
  estimated?: true;
  createdAt?: string;
  to?: string;
}

let seeded = 0;

/** Writes messages as delivery would have left them (not `queued`: the trigger leaves them). */
export async function seedMessages(seeds: readonly Seed[]): Promise<void> {
  await Promise.all(
    seeds.map((s) => {
      const createdAt = Timestamp.fromDate(new Date(s.createdAt ?? DEFAULT_SEED_TIME));
      return adminDb()
        .collection("sms_messages")
        .doc(`cost-seed-${++seeded}`)
        .create({
          to: s.to ?? "+15555550180",
          body: "Cost fixture",
          channel: "sms",
          type: s.type,
          userId: null,
          campaignId: s.campaignId ?? null,
          language: "en",
          status: s.status ?? "sent",
          provider: s.provider,
          price: s.price ?? null,
          priceUnit: s.priceUnit ?? null,
          ...(s.estimated ? { priceEstimated: true } : {}),
          country: s.country,
          segments: 1,
          encoding: "GSM-7",
          attempts: 1,
          createdAt,
          updatedAt: createdAt,
        });
    }),
  );
}

/** A campaign document, as the lifecycle leaves it once it has run. */
export async function seedCampaign(
  campaignId: string,
  fields: { startedAt: Date; completedAt: Date | null; total?: number },
): Promise<void> {
  const ts = (date: Date | null) => (date ? Timestamp.fromDate(date) : null);
  const counts = { total: fields.total ?? 0, queued: 0, sent: 0, delivered: 0, failed: 0 };
  await adminDb()
    .collection("sms_campaigns")
    .doc(campaignId)
    .set({
      name: `Cost test ${campaignId}`,
      templateId: null,
      body: "Spring courses are open",
      variables: {},
      recipientFilters: {},
      scheduledFor: null,
      status: fields.completedAt ? "completed" : "running",
      counts: { ...counts, suppressed: 0, cancelled: 0, skipped: 0 },
      createdBy: "cost-admin",
      createdAt: ts(new Date(fields.startedAt.getTime() - HOUR)),
      updatedAt: ts(fields.startedAt),
      startedAt: ts(fields.startedAt),
      pausedAt: null,
      cancelledAt: null,
      completedAt: ts(fields.completedAt),
      planned: true,
      plannerRun: 1,
      plannerPage: 0,
      plannerCursor: null,
    });
}

/** A price in USD. */
export const usd = (price: number) => ({ price, priceUnit: "USD" });
/** An SNS message's estimated price in USD. */
export const snsUsd = (price: number) => ({
  provider: "sns",
  ...usd(price),
  estimated: true as const,
});
