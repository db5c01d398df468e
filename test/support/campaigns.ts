/**
 * The set-up of the campaign tests: users with ids prefixed `camp-` and numbers 555-01xx in
 * area codes 212–217 (no other test file opts anyone in to marketing SMS, so the opted-in
 * audience is theirs), the campaign template, and the admin and student who call.
 */
import { FieldPath, Timestamp } from "firebase-admin/firestore";
import { adminDb, sleep, waitFor } from "./emulators";
import { useTwilioStandIn, useWebClients, type WebClients } from "./lifecycle";
import type { WebClient } from "./webClient";
import type { GetCampaignStatusResponse } from "../../functions/api/types";

// The web app's own types: a drift between them and the responses fails here too.
export type Campaign = GetCampaignStatusResponse;
export type Result = { campaignId: string; status: string };

export const TEMPLATE_ID = "camp-tutoring";
const pad = (n: number) => String(n).padStart(2, "0");

/** 500 opted-in students with distinct fictional numbers; every fifth writes in Turkish. */
export const ELIGIBLE = [212, 213, 214, 215, 216].flatMap((area) =>
  Array.from({ length: 100 }, (_, nn) => ({
    uid: `camp-${area}-${pad(nn)}`,
    phone: `+1${area}55501${pad(nn)}`,
    turkish: nn % 5 === 0,
    // Some have no name: the template's {{firstName}} falls back to a greeting.
    name: nn % 7 === 3 ? undefined : `${nn % 5 === 0 ? "Şule" : "Ada"} Student${area}${pad(nn)}`,
  })),
);
export const SUPPRESSED = { uid: "camp-x-suppressed", phone: "+12175550104" };
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
export const INELIGIBLE_NUMBERS = ["+12175550100", "+12175550101", "+12175550102", "+12175550103"];

export async function count(query: FirebaseFirestore.Query): Promise<number> {
  return (await query.count().get()).data().count;
}
export const campaignMessages = (campaignId: string) =>
  adminDb().collection("sms_messages").where("campaignId", "==", campaignId);
export const allCampaigns = () => count(adminDb().collection("sms_campaigns"));
export const allMessages = () => count(adminDb().collection("sms_messages"));

function statusOf(admin: WebClient, campaignId: string): Promise<Campaign> {
  return admin.call<object, Campaign>("getCampaignStatus", { campaignId });
}

/** Polls getCampaignStatus (once a second) until the campaign has `wanted` status. */
async function untilStatusOf(
  admin: WebClient,
  campaignId: string,
  wanted: string,
  timeoutMs = 120_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const campaign = await statusOf(admin, campaignId);
    if (campaign.status === wanted) return campaign;
    if (Date.now() > deadline) {
      throw new Error(`campaign ${campaignId} is ${campaign.status}: ${JSON.stringify(campaign)}`);
    }
    await sleep(1000);
  }
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

/** The template the campaigns render (Turkish and English). */
export async function seedCampaignTemplate(): Promise<void> {
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
}

/**
 * The stand-in Twilio, the template and the audience (every eligible user, the suppressed one,
 * and those the campaigns must not reach), for a file that runs campaigns.
 */
export function useCampaignAudience(): { twilioRequestsTo(number: string): number } {
  const twilio = useTwilioStandIn();
  beforeAll(async () => {
    await seedCampaignTemplate();
    await adminDb()
      .collection("sms_suppressions")
      .doc(SUPPRESSED.phone)
      .set({ reason: "stop", source: "test", createdAt: Timestamp.now() });
    const seeding = Date.now();
    await seedUsers();
    console.log(
      `seeded ${ELIGIBLE.length + 7} users in ${((Date.now() - seeding) / 1000).toFixed(1)} s`,
    );
  }, 240_000);
  return {
    twilioRequestsTo: (number) => twilio.requests.filter((r) => r.form.To === number).length,
  };
}

/** The admin and the student who call, and the admin's view of a campaign's status. */
export function useCampaignCallers(): WebClients & {
  admin: WebClient;
  student: WebClient;
  status(campaignId: string): Promise<Campaign>;
  untilStatus(campaignId: string, wanted: string, timeoutMs?: number): Promise<Campaign>;
} {
  const clients = useWebClients();
  const admin = clients.signedIn("camp-admin", "admin");
  const student = clients.signedIn("camp-student", "student");
  return {
    ...clients,
    admin,
    student,
    status: (campaignId) => statusOf(admin, campaignId),
    untilStatus: (campaignId, wanted, timeoutMs) =>
      untilStatusOf(admin, campaignId, wanted, timeoutMs),
  };
}
