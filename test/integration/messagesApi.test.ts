/**
 * The manual-send and history callables through the Firebase web SDK, as the web app calls
 * them: happy paths, roles, the sender's hourly limit, and each caller's history (built from
 * the messages the sends before it queued). Malformed requests: messagesApiValidation.test.ts.
 */
import { ALLOWANCE_SHARDS, shardLimit } from "../../functions/domain/allowanceShards";
import { adminDb, waitFor, waitForMessage } from "../support/emulators";
import { messageCount, useMessagesApiFixture, type SendResponse } from "../support/messagesApi";
import { anonymousClient } from "../support/webClient";

const { twilio, clients, as, admin, partner, student } = useMessagesApiFixture();

describe("sendSms", () => {
  it("sends an admin's message to a user, recording who sent it", async () => {
    const result = await admin.call<object, SendResponse>("sendSms", {
      userId: "api-other",
      message: "The library closes early today.",
    });
    // Sent from the call itself: the answer already says what the send came to.
    expect(result.status).toBe("sent");
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
    // but one of it this minute (sms_sender_allowances keeps counts per epoch minute, in
    // shards `{shard}_{uid}` that each hold their part of the limit).
    const busy = await as("api-busy-admin", "admin");
    const minute = String(Math.floor(Date.now() / 60_000));
    await Promise.all(
      Array.from({ length: ALLOWANCE_SHARDS }, (_, shard) => {
        const used = shardLimit(10_000, shard) - (shard === ALLOWANCE_SHARDS - 1 ? 1 : 0);
        return adminDb()
          .collection("sms_sender_allowances")
          .doc(`${shard}_api-busy-admin`)
          .set({ minutes: { [minute]: used } });
      }),
    );
    const before = await messageCount();
    await expect(
      busy.call("sendBulkSms", { recipients: ["+13035550101", "+13035550102"], message: "Hello" }),
    ).rejects.toMatchObject({
      code: "functions/resource-exhausted",
    });
    expect(await messageCount()).toBe(before);
    await expect(
      busy.call("sendSms", { phoneNumber: "+13035550101", message: "Hello" }),
    ).resolves.toMatchObject({ status: "sent" });
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
