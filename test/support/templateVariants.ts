/**
 * The set-up of the template variant tests: a template with variants A and B, users with
 * `+1555555017x` (sends) and `+1555555018x` (a campaign) numbers, signed replies and receipts,
 * and what the pure choice says each message id should get.
 */
import { adminDb, waitFor } from "./emulators";
import { seedUser } from "./fixtures";
import { postSigned } from "./twilioWebhooks";
import { chooseVariant } from "../../functions/domain/templateVariants";
import { renderTemplate } from "../../functions/domain/templates";
import type { SaveTemplateRequest, TemplateVariant } from "../../functions/api/types";

export const TEMPLATE_ID = "api_variants";

export const VARIANTS: TemplateVariant[] = [
  { id: "A", weight: 1, content: { en: "{{firstName}}, join {{course}} on Monday!" } },
  { id: "B", weight: 1, content: { en: "New on Monday: {{course}}. See you, {{firstName}}!" } },
];

export const WITH_VARIANTS: SaveTemplateRequest = {
  templateId: TEMPLATE_ID,
  name: "Course launch",
  type: "campaign",
  content: { en: "Hi {{firstName}}, {{course}} starts Monday." },
  variables: ["firstName", "course"],
  variants: VARIANTS,
};

/** The variant a message id gets, and its body with these variables. */
export function expectedFor(messageId: string, variables: Record<string, string>) {
  const variant = chooseVariant(VARIANTS, messageId);
  if (!variant) throw new Error("no variant");
  return { variant: variant.id, body: renderTemplate(variant.content.en, variables) };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** Users who get the manual sends, and users in the campaign (opted in to marketing). */
export const SEND_USERS = Array.from({ length: 8 }, (_, i) => ({
  uid: `var-send-${pad(i)}`,
  phone: `+155555501${70 + i}`,
}));
export const CAMPAIGN_USERS = Array.from({ length: 6 }, (_, i) => ({
  uid: `var-camp-${pad(i)}`,
  phone: `+155555501${80 + i}`,
}));

/** Seeds the users and waits for their `sms_recipients` rows (replies are matched by them). */
export async function seedVariantUsers(): Promise<void> {
  for (const { uid, phone } of SEND_USERS) {
    await seedUser(uid, { name: "Ada Lovelace", phone_number: phone });
  }
  for (const { uid, phone } of CAMPAIGN_USERS) {
    await adminDb()
      .collection("users")
      .doc(uid)
      .set({
        name: "Ada Lovelace",
        email: `${uid}@example.com`,
        role: "student",
        phone_number: phone,
        marketing_sms_opt_in: true,
      });
  }
  const all = [...SEND_USERS, ...CAMPAIGN_USERS];
  await waitFor("the variant users' recipient rows", async () => {
    const rows = await adminDb().getAll(
      ...all.map(({ uid }) => adminDb().collection("sms_recipients").doc(uid)),
    );
    const ready = rows.every(
      (row, i) =>
        row.get("phone") === all[i].phone &&
        (i < SEND_USERS.length || row.get("marketingOptIn") === true),
    );
    return ready ? true : undefined;
  });
}

let sid = 0;

/** A signed reply `body` from `phone`; its SID, once `sms_inbound` has recorded it. */
export async function reply(phone: string, body: string, messageSid?: string): Promise<string> {
  const id = messageSid ?? `SMvariant${String(++sid).padStart(23, "0")}`;
  const form = { MessageSid: id, From: phone, To: "+15555550100", Body: body };
  expect((await postSigned("twilioInbound", form)).status).toBe(200);
  await waitFor(`sms_inbound/${id}`, async () =>
    (await adminDb().collection("sms_inbound").doc(id).get()).exists ? true : undefined,
  );
  return id;
}

/** A signed delivery receipt for a sent message. */
export async function deliver(messageId: string): Promise<void> {
  const message = await adminDb().collection("sms_messages").doc(messageId).get();
  const form = { MessageSid: String(message.get("providerMessageId")), MessageStatus: "delivered" };
  const response = await postSigned(`twilioStatusCallback?messageId=${messageId}`, form);
  expect(response.status).toBe(200);
  await waitFor(`${messageId} delivered`, async () =>
    (await adminDb().collection("sms_messages").doc(messageId).get()).get("status") === "delivered"
      ? true
      : undefined,
  );
}

/** The messages, once every one of them has left the queue (sent by the stand-in Twilio). */
export async function settled(messageIds: readonly string[]) {
  return waitFor(`${messageIds.length} sent messages`, async () => {
    const docs = await adminDb().getAll(
      ...messageIds.map((id) => adminDb().collection("sms_messages").doc(id)),
    );
    const data = docs.map((doc) => ({ id: doc.id, ...doc.data() }) as Record<string, unknown>);
    return data.every((m) => m.status === "sent") ? data : undefined;
  });
}

/** Counts by variant and status of `messages`, as byVariant should report them. */
export function tally(messages: readonly Record<string, unknown>[]) {
  const counts: Record<string, Record<string, number>> = {};
  for (const m of messages) {
    const byStatus = (counts[String(m.variant)] ??= {});
    byStatus[String(m.status)] = (byStatus[String(m.status)] ?? 0) + 1;
  }
  return counts;
}
