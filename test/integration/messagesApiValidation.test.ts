/**
 * Malformed requests to the manual-send and history callables: each must be refused with
 * invalid-argument, naming the issues, and write nothing.
 */
import { messageCount, useMessagesApiFixture } from "../support/messagesApi";

const { admin } = useMessagesApiFixture();

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
