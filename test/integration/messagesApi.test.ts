/**
 * The manual-send and history callables through the Firebase web SDK, as the web app calls
 * them: happy paths, roles, the sender's hourly limit, and malformed requests that must be
 * refused with invalid-argument and write nothing.
 */
import { adminDb, TWILIO_STAND_IN_PORT, waitFor, waitForMessage } from "../support/emulators";
import { seedUser, writeTask } from "../support/fixtures";
import { startTwilioStandIn, type TwilioStandIn } from "../support/twilioStandIn";
import { anonymousClient, signedInClient, type WebClient } from "../support/webClient";

let twilio: TwilioStandIn;
const clients: WebClient[] = [];
let admin: WebClient;
let partner: WebClient;
let student: WebClient;

async function as(uid: string, role?: string) {
  const c = await signedInClient(uid, role);
  clients.push(c);
  return c;
}

async function messageCount(): Promise<number> {
  return (await adminDb().collection("sms_messages").count().get()).data().count;
}

type SendResponse = { messageId: string; status: string };

beforeAll(async () => {
  twilio = await startTwilioStandIn(TWILIO_STAND_IN_PORT);
  await seedUser("api-student", {
    name: "Sena Kurt",
    phone_number: "+15555550150",
    language: "tr",
  });
  await seedUser("api-other", { name: "Olcay", phone_number: "+15555550151" });
  await seedUser("api-partner", { name: "Pınar", role: "partner", phone_number: "+15555550152" });
  await writeTask("api-task", { assignedTo: "api-student", createdBy: "api-partner" });
  admin = await as("api-admin", "admin");
  partner = await as("api-partner", "partner");
  student = await as("api-student", "student");
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await twilio.close();
});

describe("sendSms", () => {
  it("sends an admin's message to a user, recording who sent it", async () => {
    const result = await admin.call<object, SendResponse>("sendSms", {
      userId: "api-other",
      message: "The library closes early today.",
    });
    expect(result.status).toBe("queued");
    const message = await waitForMessage(result.messageId, (m) => m.status === "sent");
    expect(message).toMatchObject({ type: "manual", createdBy: "api-admin", to: "+15555550151" });
    expect(twilio.requests.filter((r) => r.form.To === "+15555550151").at(-1)?.form.Body).toBe(
      "The library closes early today.",
    );
  });

  it("renders a template in the recipient's language", async () => {
    const result = await admin.call<object, SendResponse>("sendSms", {
      userId: "api-student",
      templateId: "task_created",
      variables: { name: "Sena", taskTitle: "Türev", deadline: "yarın" },
    });
    const message = await waitForMessage(result.messageId, () => true);
    expect(message.body).toBe("Merhaba Sena, yeni bir görevin var: Türev. Teslim: yarın.");
    expect(message.encoding).toBe("UCS-2");
  });

  it("refuses a template with a missing variable, naming it, and writes nothing", async () => {
    const before = await messageCount();
    const error = await admin
      .call("sendSms", {
        userId: "api-student",
        templateId: "task_created",
        variables: { name: "S" },
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "functions/invalid-argument" });
    expect(JSON.stringify(error)).toMatch(/taskTitle/);
    expect(await messageCount()).toBe(before);
  });

  it("schedules with sendAt, and cancels before it goes", async () => {
    const sendAt = new Date(Date.now() + 3_600_000).toISOString();
    const result = await admin.call<object, SendResponse>("sendSms", {
      phoneNumber: "+15555550153",
      message: "See you at 5.",
      sendAt,
    });
    expect(result.status).toBe("scheduled");
    await expect(
      admin.call("cancelScheduledSms", { messageId: result.messageId }),
    ).resolves.toEqual({
      status: "cancelled",
    });
    await expect(
      admin.call("cancelScheduledSms", { messageId: result.messageId }),
    ).rejects.toMatchObject({
      code: "functions/failed-precondition",
    });
    await expect(
      admin.call("getSmsStatus", { messageId: result.messageId }),
    ).resolves.toMatchObject({
      status: "cancelled",
      sendAt,
    });
  });

  it("lets a partner send to their own student only, and never to a bare number", async () => {
    await expect(
      partner.call<object, SendResponse>("sendSms", {
        userId: "api-student",
        message: "Well done!",
      }),
    ).resolves.toHaveProperty("messageId");
    await expect(
      partner.call("sendSms", { userId: "api-other", message: "Hi" }),
    ).rejects.toMatchObject({
      code: "functions/permission-denied",
    });
    await expect(
      partner.call("sendSms", { phoneNumber: "+15555550154", message: "Hi" }),
    ).rejects.toMatchObject({ code: "functions/permission-denied" });
  });

  it("refuses students and callers who are not signed in", async () => {
    await expect(
      student.call("sendSms", { userId: "api-other", message: "Hi" }),
    ).rejects.toMatchObject({
      code: "functions/permission-denied",
    });
    const anonymous = anonymousClient();
    clients.push(anonymous);
    await expect(
      anonymous.call("sendSms", { userId: "api-other", message: "Hi" }),
    ).rejects.toMatchObject({
      code: "functions/unauthenticated",
    });
  });
});

describe("sendBulkSms", () => {
  it("accepts the valid recipients and says why each other one was refused", async () => {
    const result = await admin.call<
      object,
      { accepted: number; rejected: object[]; messageIds: string[] }
    >("sendBulkSms", {
      recipients: ["api-student", "api-other", "+15555550155", "api-nobody", "12345", "api-other"],
      message: "Exams start on Monday.",
    });
    expect(result.accepted).toBe(3);
    expect(result.messageIds).toHaveLength(3);
    expect(result.rejected).toEqual([
      { recipient: "api-nobody", reason: "unknown user" },
      { recipient: "12345", reason: expect.stringMatching(/invalid phone number/) },
    ]);
  });

  it("answers resource-exhausted past the sender's hourly limit, writing nothing", async () => {
    // An admin's allowance is SMS_ADMIN_RATE_LIMIT (10000, from .env); this one has used all
    // but one of it this minute (sms_sender_allowances keeps counts per epoch minute).
    const busy = await as("api-busy-admin", "admin");
    const minute = String(Math.floor(Date.now() / 60_000));
    await adminDb()
      .collection("sms_sender_allowances")
      .doc("api-busy-admin")
      .set({ minutes: { [minute]: 9_999 } });
    const before = await messageCount();
    await expect(
      busy.call("sendBulkSms", { recipients: ["+13035550101", "+13035550102"], message: "Hello" }),
    ).rejects.toMatchObject({
      code: "functions/resource-exhausted",
    });
    expect(await messageCount()).toBe(before);
    await expect(
      busy.call("sendSms", { phoneNumber: "+13035550101", message: "Hello" }),
    ).resolves.toMatchObject({ status: "queued" });
  });
});

describe("getSmsStatus and getSmsHistory", () => {
  it("pages a student's own history, newest first, with filters", async () => {
    await waitFor("three messages to the student", async () => {
      const n = (
        await adminDb()
          .collection("sms_messages")
          .where("userId", "==", "api-student")
          .count()
          .get()
      ).data().count;
      return n >= 3 ? n : undefined;
    });
    type Page = { messages: { messageId: string; createdAt: string }[]; nextCursor: string | null };
    const first = await student.call<object, Page>("getSmsHistory", { limit: 2 });
    expect(first.messages).toHaveLength(2);
    expect(first.nextCursor).toBe(first.messages[1].messageId);
    const second = await student.call<object, Page>("getSmsHistory", {
      limit: 2,
      cursor: first.nextCursor,
    });
    const ids = [...first.messages, ...second.messages].map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    const dates = [...first.messages, ...second.messages].map((m) => m.createdAt);
    expect([...dates].sort().reverse()).toEqual(dates);

    const manual = await student.call<object, Page>("getSmsHistory", { type: "manual" });
    expect(manual.messages.every((m) => (m as { type?: string }).type === "manual")).toBe(true);
  });

  it("lets a partner read their student's history, not anyone else's", async () => {
    await expect(partner.call("getSmsHistory", { userId: "api-student" })).resolves.toHaveProperty(
      "messages",
    );
    await expect(partner.call("getSmsHistory", { userId: "api-other" })).rejects.toMatchObject({
      code: "functions/permission-denied",
    });
    await expect(student.call("getSmsHistory", { userId: "api-other" })).rejects.toMatchObject({
      code: "functions/permission-denied",
    });
  });

  it("hides other people's messages behind not-found", async () => {
    const { messageId } = await admin.call<object, SendResponse>("sendSms", {
      userId: "api-other",
      message: "Private.",
    });
    await expect(student.call("getSmsStatus", { messageId })).rejects.toMatchObject({
      code: "functions/not-found",
    });
    await expect(
      admin.call("getSmsStatus", { messageId: "no-such-message" }),
    ).rejects.toMatchObject({
      code: "functions/not-found",
    });
  });
});

describe("malformed requests", () => {
  const long = "x".repeat(1601);
  const past = new Date(Date.now() - 86_400_000).toISOString();
  const sendFamily: [string, unknown][] = [
    ["sendSms", {}],
    ["sendSms", { userId: "api-other" }],
    ["sendSms", { message: "no recipient" }],
    ["sendSms", { userId: "api-other", phoneNumber: "+15555550156", message: "both" }],
    ["sendSms", { userId: "api-other", message: "" }],
    ["sendSms", { userId: "api-other", message: "   " }],
    ["sendSms", { userId: "api-other", message: long }],
    ["sendSms", { userId: "api-other", message: 42 }],
    ["sendSms", { userId: 42, message: "Hi" }],
    ["sendSms", { userId: "", message: "Hi" }],
    ["sendSms", { userId: "api-other", message: "Hi", templateId: "task_created" }],
    ["sendSms", { userId: "api-other", templateId: "task_created", variables: "name=x" }],
    ["sendSms", { userId: "api-other", templateId: "task_created", variables: { name: {} } }],
    ["sendSms", { userId: "api-other", message: "Hi", language: "de" }],
    ["sendSms", { userId: "api-other", message: "Hi", sendAt: "tomorrow" }],
    ["sendSms", { userId: "api-other", message: "Hi", sendAt: past }],
    ["sendSms", { userId: "api-other", message: "Hi", sendAt: "2030-01-01T10:00:00" }],
    ["sendSms", { userId: "api-other", message: "Hi", priority: "high" }],
    ["sendSms", { phoneNumber: "12", message: "Hi" }],
    ["sendSms", { phoneNumber: "not a phone", message: "Hi" }],
    ["sendSms", [1, 2, 3]],
    ["sendSms", "send it"],
    ["sendBulkSms", { recipients: [], message: "Hi" }],
    ["sendBulkSms", { recipients: "api-other", message: "Hi" }],
    ["sendBulkSms", { recipients: [""], message: "Hi" }],
    ["sendBulkSms", { recipients: [42], message: "Hi" }],
    ["sendBulkSms", { recipients: Array(1001).fill("api-other"), message: "Hi" }],
    ["sendBulkSms", { recipients: ["api-other"] }],
    ["sendBulkSms", { recipients: ["api-other"], message: "Hi", extra: 1 }],
  ];
  const idFamily: [string, unknown][] = [
    ["getSmsStatus", {}],
    ["getSmsStatus", { messageId: "" }],
    ["getSmsStatus", { messageId: 7 }],
    ["getSmsStatus", { messageId: null }],
    ["getSmsStatus", { messageId: "x".repeat(129) }],
    ["getSmsStatus", { messageId: "a", more: true }],
    ["cancelScheduledSms", {}],
    ["cancelScheduledSms", { messageId: ["a"] }],
    ["cancelScheduledSms", { id: "a" }],
    ["getSmsHistory", { limit: 0 }],
    ["getSmsHistory", { limit: 101 }],
    ["getSmsHistory", { limit: 2.5 }],
    ["getSmsHistory", { limit: "10" }],
    ["getSmsHistory", { status: "lost" }],
    ["getSmsHistory", { status: 3 }],
    ["getSmsHistory", { type: "" }],
    ["getSmsHistory", { cursor: "" }],
    ["getSmsHistory", { userId: "" }],
    ["getSmsHistory", { userId: 12 }],
    ["getSmsHistory", { page: 2 }],
    ["getSmsHistory", "all"],
  ];

  it.each([...sendFamily, ...idFamily])(
    "%s(%j) is invalid-argument and writes nothing",
    async (name, request) => {
      const before = await messageCount();
      const error = await admin.call(name, request).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "functions/invalid-argument" });
      expect(
        (error as { details?: { issues?: unknown[] } }).details?.issues?.length,
      ).toBeGreaterThan(0);
      expect(await messageCount()).toBe(before);
    },
  );
});
