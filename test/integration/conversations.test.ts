/**
 * Conversations through the callables, as the web app calls them: one timeline of the messages
 * sent to a number and the replies from it, who may read it, and a reply in the thread.
 */
import { loadFunctionEnv, waitFor, waitForMessage, adminDb } from "../support/emulators";
import { seedUser, writeTask } from "../support/fixtures";
import { useTwilioStandIn, useWebClients } from "../support/lifecycle";
import { postSigned } from "../support/twilioWebhooks";

const PHONE = "+15555550171";
const STUDENT = "conv-student";
const twilio = useTwilioStandIn();
const web = useWebClients();
const admin = web.signedIn("conv-admin", "admin");
const partner = web.signedIn("conv-partner", "partner");
const stranger = web.signedIn("conv-stranger", "partner");
const student = web.signedIn(STUDENT, "student");

beforeAll(async () => {
  loadFunctionEnv();
  await seedUser(STUDENT, { name: "Cem", phone_number: PHONE });
  await seedUser("conv-partner", { name: "Pat", role: "partner" });
  await seedUser("conv-stranger", { name: "Sam", role: "partner" });
  await writeTask("conv-task", { title: "Poem", assignedTo: STUDENT, createdBy: "conv-partner" });
  await waitFor("the recipient row", async () => {
    const row = await adminDb().collection("sms_recipients").doc(STUDENT).get();
    return row.get("phone") === PHONE ? true : undefined;
  });
  // The task's own notification comes first, so the thread below starts after it.
  await waitFor("the task notification", async () => {
    const found = await adminDb()
      .collection("sms_messages")
      .where("taskId", "==", "conv-task")
      .get();
    return found.empty ? undefined : true;
  });
});

type Entry = { direction: string; id: string; body: string; at: string; inReplyTo?: string };
type Page = {
  phoneNumber: string;
  userId: string | null;
  entries: Entry[];
  nextCursor: string | null;
};

describe("a conversation", () => {
  it("shows both directions in one timeline, newest first, page by page", async () => {
    const first = await admin.api("sendSms", {
      userId: STUDENT,
      message: "How is the poem going?",
    });
    await waitForMessage(first.messageId, (m) => m.status === "sent");
    const form = {
      MessageSid: "SMconv00000000000000000000000001",
      From: PHONE,
      To: "+15555550100",
    };
    expect((await postSigned("twilioInbound", { ...form, Body: "Almost done!" })).status).toBe(200);
    const answer = await admin.api("replyToConversation", { userId: STUDENT, message: "Great!" });
    await waitForMessage(answer.messageId, (m) => m.status === "sent");

    const page = await admin.call<object, Page>("getConversation", { userId: STUDENT, limit: 2 });
    expect(page).toMatchObject({ phoneNumber: PHONE, userId: STUDENT });
    expect(page.entries.map((e) => [e.direction, e.body])).toEqual([
      ["outbound", "Great!"],
      ["inbound", "Almost done!"],
    ]);
    expect(page.entries[1].inReplyTo).toBe(first.messageId);
    expect(page.nextCursor).not.toBeNull();

    const older = await admin.call<object, Page>("getConversation", {
      phoneNumber: PHONE,
      limit: 2,
      cursor: page.nextCursor,
    });
    expect(older.entries.map((e) => e.body)).toContain("How is the poem going?");
    expect(twilio.requests.filter((r) => r.form.Body === "Great!")).toHaveLength(1);
  });

  it("is readable by the student's partner, not by another partner nor by phone for a partner", async () => {
    const own = await partner.call<object, Page>("getConversation", { userId: STUDENT });
    expect(own.entries.length).toBeGreaterThan(0);
    await expect(stranger.call("getConversation", { userId: STUDENT })).rejects.toMatchObject({
      code: "functions/permission-denied",
    });
    await expect(partner.call("getConversation", { phoneNumber: PHONE })).rejects.toMatchObject({
      code: "functions/permission-denied",
    });
    await expect(student.call("getConversation", { userId: STUDENT })).rejects.toMatchObject({
      code: "functions/permission-denied",
    });
  });

  it("refuses a reply from a partner to someone else's student, and sends nothing", async () => {
    const before = twilio.requests.length;
    await expect(
      stranger.call("replyToConversation", { userId: STUDENT, message: "Hello from a stranger" }),
    ).rejects.toMatchObject({ code: "functions/permission-denied" });
    await expect(
      admin.call("getConversation", { userId: STUDENT, phoneNumber: PHONE }),
    ).rejects.toMatchObject({ code: "functions/invalid-argument" });
    expect(twilio.requests.length).toBe(before);
  });
});
