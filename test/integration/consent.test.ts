/**
 * Opt-out and opt-in through the signed `twilioInbound` webhook, over SMS and WhatsApp: what
 * is suppressed (and under which key), the one confirmation, START, the consent history, and
 * what the recipient then receives on every channel.
 */
import {
  adminDb,
  loadFunctionEnv,
  runSchedule,
  waitFor,
  waitForMessage,
} from "../support/emulators";
import { seedUser, writeTask } from "../support/fixtures";
import { useTwilioStandIn } from "../support/lifecycle";
import { postSigned } from "../support/twilioWebhooks";

const standIn = useTwilioStandIn();
let sid = 0;

beforeAll(() => {
  loadFunctionEnv();
});

/** A reply from `from` (as Twilio writes it: `whatsapp:+1...` for WhatsApp); its SID. */
async function reply(from: string, body: string): Promise<string> {
  const messageSid = `SMconsent${String(++sid).padStart(23, "0")}`;
  const response = await postSigned("twilioInbound", {
    MessageSid: messageSid,
    From: from,
    To: "+15555550100",
    Body: body,
  });
  expect(response.status).toBe(200);
  return messageSid;
}

async function messagesWhere(field: string, value: string) {
  const found = await adminDb().collection("sms_messages").where(field, "==", value).get();
  return found.docs.map((doc) => doc.data());
}

const suppression = async (phone: string) =>
  (await adminDb().collection("sms_suppressions").doc(phone).get()).data();

async function consentEvents(phone: string) {
  const events = await adminDb().collection("sms_consent_events").where("phone", "==", phone).get();
  return events.docs.map((doc) => doc.data()).sort((a, b) => a.at.toMillis() - b.at.toMillis());
}

/** Confirmations (opt-out and opt-in) queued to this number. */
async function confirmationsTo(phone: string): Promise<FirebaseFirestore.DocumentData[]> {
  const messages = await adminDb().collection("sms_messages").where("to", "==", phone).get();
  return messages.docs
    .filter((doc) => /^opt-(out|in)_/.test(doc.id))
    .map((doc) => ({ id: doc.id, ...doc.data() }));
}

describe("opt-out on every channel", () => {
  it("takes a WhatsApp STOP for the E.164 number: the next WhatsApp reminder and SMS are not sent", async () => {
    const phone = "+15555550181";
    await seedUser("consent-wa", { name: "Wanda", phone_number: phone });
    await seedUser("consent-partner", { name: "Pat", role: "partner" });
    await waitFor("the recipient row", async () => {
      const row = await adminDb().collection("sms_recipients").doc("consent-wa").get();
      return row.exists ? row : undefined;
    });

    const stopSid = await reply(`whatsapp:${phone}`, "Stop");

    expect(await suppression(phone)).toMatchObject({
      source: "keyword",
      keyword: "STOP",
      channel: "whatsapp",
      userId: "consent-wa",
    });
    const confirmation = await waitForMessage(`opt-out_${stopSid}`, (m) => m.status === "sent");
    expect(confirmation).toMatchObject({ to: phone, channel: "whatsapp", language: "en" });
    expect(confirmation.body).toContain("START");
    const inbound = await adminDb().collection("sms_inbound").doc(stopSid).get();
    expect(inbound.data()).toMatchObject({ from: phone, channel: "whatsapp", keyword: "stop" });

    // A partner's task (an SMS) and, when due, their WhatsApp reminder to Wanda: both suppressed.
    await writeTask("consent-wa-task", { assignedTo: "consent-wa", createdBy: "consent-partner" });
    const task = await waitFor("the task message", async () => {
      const found = await messagesWhere("taskId", "consent-wa-task");
      return found.find((m) => m.status === "suppressed");
    });
    expect(task.error.code).toBe("opted_out");
    const at = new Date(Date.now() + 3_600_000);
    await adminDb().collection("reminders").doc("consent-wa-reminder").set({
      userId: "consent-wa",
      createdBy: "consent-partner",
      title: "Practice",
      message: "Practice your scales",
      channel: "whatsapp",
      scheduledTime: at.toISOString(),
    });
    await waitFor("the reminder scheduled", async () => {
      const doc = await adminDb().collection("reminders").doc("consent-wa-reminder").get();
      return doc.get("status") === "scheduled" ? true : undefined;
    });
    await runSchedule("dueRemindersJob", new Date(at.getTime() + 1000));
    const occurrence = await waitFor("the WhatsApp reminder", async () => {
      const found = await messagesWhere("reminderId", "consent-wa-reminder");
      return found.find((m) => m.type === "reminder" && m.status === "suppressed");
    });
    expect(occurrence).toMatchObject({ channel: "whatsapp", to: phone });
    const sentTo = standIn.requests.filter((r) => r.form.To.endsWith(phone));
    expect(sentTo.map((r) => r.form.Body)).toEqual([confirmation.body]);
  });

  it.each([
    ["+15555550182", "STOP!!!", "STOP", "en"],
    ["+15555550183", "  opt-out. ", "OPTOUT", "en"],
    ["+15555550184", "Unsubscribe", "UNSUBSCRIBE", "en"],
    ["+15555550185", "revoke", "REVOKE", "en"],
    ["+15555550186", "ARRET", "ARRET", "en"],
    ["+15555550187", "iptal", "İPTAL", "tr"],
    ["+15555550188", "İPTAL 🙏", "İPTAL", "tr"],
    ["+15555550189", "Dur.", "DUR", "tr"],
  ])(
    "suppresses %s on the keyword %j, confirmed in its language",
    async (phone, body, keyword, language) => {
      const stopSid = await reply(phone, body);
      expect(await suppression(phone)).toMatchObject({
        source: "keyword",
        keyword,
        channel: "sms",
      });
      const confirmation = await waitForMessage(`opt-out_${stopSid}`, (m) => m.status === "sent");
      expect(confirmation.language).toBe(language);
    },
  );

  it.each([
    ["+15555550190", "please stop texting me"],
    ["+15555550191", "Remove me from this list, thanks"],
    ["+15555550192", "beni listeden çıkar"],
  ])("suppresses %s on the free-text revocation %j", async (phone, body) => {
    await reply(phone, body);
    const entry = await suppression(phone);
    expect(entry).toMatchObject({ source: "free_text", keyword: null });
    expect(typeof entry?.reason).toBe("string");
  });

  it.each([
    ["+15555550193", "Can you stop by my office tomorrow?"],
    ["+15555550194", "when does the course end?"],
    ["+15555550195", "iptal edildi mi ders?"],
  ])("does not take %s's %j for a revocation", async (phone, body) => {
    const replySid = await reply(phone, body);
    expect(await suppression(phone)).toBeUndefined();
    const inbound = await adminDb().collection("sms_inbound").doc(replySid).get();
    expect(inbound.data()).toMatchObject({ body, keyword: null });
  });
});

describe("confirmation, START and the consent history", () => {
  it("confirms once for repeated STOPs, lifts on START with a confirmation, and keeps the history", async () => {
    const phone = "+15555550196";
    const first = await reply(phone, "STOP");
    await reply(phone, "stop");
    await reply(phone, "UNSUBSCRIBE");
    await waitForMessage(`opt-out_${first}`, (m) => m.status === "sent");
    expect((await confirmationsTo(phone)).map((m) => m.id)).toEqual([`opt-out_${first}`]);

    const start = await reply(phone, "Start");
    expect(await suppression(phone)).toBeUndefined();
    const optIn = await waitForMessage(`opt-in_${start}`, (m) => m.status === "sent");
    expect(optIn.body).toContain("STOP");
    const history = await consentEvents(phone);
    expect(history.map((e) => [e.action, e.source, e.keyword])).toEqual([
      ["opted_out", "keyword", "STOP"],
      ["opted_in", "keyword_start", "START"],
    ]);
    // Subscribed again: a second START changes nothing and confirms nothing.
    await reply(phone, "START");
    expect(await confirmationsTo(phone)).toHaveLength(2);
  });

  it("leaves an admin's do-not-contact entry in place on START", async () => {
    const phone = "+15555550197";
    await adminDb()
      .collection("sms_suppressions")
      .doc(phone)
      .set({ reason: "do not contact", source: "admin", createdAt: new Date() });
    await reply(phone, "START");
    expect(await suppression(phone)).toMatchObject({ source: "admin" });
    expect(await confirmationsTo(phone)).toHaveLength(0);
  });

  it("answers a redelivered STOP once: one suppression event, one confirmation", async () => {
    const phone = "+15555550198";
    const form = { MessageSid: "SMconsentredelivered0000000000001", From: phone, Body: "STOP" };
    for (let i = 0; i < 2; i++) {
      expect((await postSigned("twilioInbound", { ...form, To: "+15555550100" })).status).toBe(200);
    }
    expect(await consentEvents(phone)).toHaveLength(1);
    expect(await confirmationsTo(phone)).toHaveLength(1);
  });

  it("records a user's marketing opt-in and opt-out from the app, once each", async () => {
    const phone = "+15555550199";
    const user = adminDb().collection("users").doc("consent-marketing");
    await user.set({
      name: "Mia",
      email: "mia@example.com",
      phone_number: phone,
      marketing_sms_opt_in: true,
    });
    await waitFor("the opt-in event", async () =>
      (await consentEvents(phone)).length === 1 ? true : undefined,
    );
    await user.update({ marketing_sms_opt_in: false });
    await waitFor("the opt-out event", async () =>
      (await consentEvents(phone)).length === 2 ? true : undefined,
    );
    await user.update({ name: "Mia K." });
    // The same trigger keeps the recipient row: once it has the new name, the write was handled.
    await waitFor("the renamed row", async () => {
      const row = await adminDb().collection("sms_recipients").doc("consent-marketing").get();
      return row.get("name") === "Mia K." ? true : undefined;
    });
    const history = await consentEvents(phone);
    expect(history.map((e) => [e.action, e.source, e.userId])).toEqual([
      ["opted_in", "marketing", "consent-marketing"],
      ["opted_out", "marketing", "consent-marketing"],
    ]);
  });
});
