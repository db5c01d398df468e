/**
 * The SMS pipeline when providers fail, end to end from a task a client app writes, with the
 * real Twilio and AWS SDKs against stand-ins scripted to fail: failover to SNS, retries with
 * backoff through the outbox sweep, giving up, and permanent errors.
 */
import { adminDb, messagesFor, runSchedule, waitFor, waitForMessage } from "../support/emulators";
import { seedUser, writeTask } from "../support/fixtures";
import { snsError } from "../support/snsStandIn";
import { settledMessages, useProviderStandIns } from "../support/taskPipeline";
import { twilioError } from "../support/twilioStandIn";

const { twilio, sns, twilioTo, snsTo } = useProviderStandIns();

describe("provider failures", () => {
  it("fails over to SNS when Twilio answers 500", async () => {
    const phone = "+15555550111";
    twilio.respondWith((r) => (r.form.To === phone ? twilioError(500) : undefined));
    await seedUser("student-i", { name: "Irmak", phone_number: phone });
    await writeTask("task-i", { assignedTo: "student-i" });

    const [message] = await settledMessages("task-i", 1);
    expect(message.provider).toBe("sns");
    expect(twilioTo(phone)).toHaveLength(1);
    expect(snsTo(phone)).toHaveLength(1);
    expect(snsTo(phone)[0].form.Message).toBe(message.body);
  });

  it("retries with backoff when both providers fail, and sends once they recover", async () => {
    const phone = "+15555550112";
    twilio.respondWith((r) => (r.form.To === phone ? twilioError(503) : undefined));
    sns.respondWith((r) => (r.form.PhoneNumber === phone ? snsError(500) : undefined));
    await seedUser("student-j", { name: "Jale", phone_number: phone });
    await writeTask("task-j", { assignedTo: "student-j" });

    const failedOnce = await waitFor("the first attempt to be recorded", async () => {
      const [m] = await messagesFor("task-j");
      return m?.status === "queued" && m.attempts === 1 && m.error ? m : undefined;
    });
    const retryAt: Date = failedOnce.nextAttemptAt.toDate();
    expect(failedOnce.error.userMessage).toMatch(/temporarily unavailable/);
    expect(retryAt.getTime()).toBeGreaterThan(Date.now());

    // A sweep before the backoff has passed leaves it alone...
    await runSchedule("sweepOutboxJob", new Date());
    expect((await messagesFor("task-j"))[0]).toMatchObject({ status: "queued", attempts: 1 });

    // ...and one after it sends it, once the providers are back.
    twilio.respondWith(null);
    sns.respondWith(null);
    await runSchedule("sweepOutboxJob", new Date(retryAt.getTime() + 1000));

    const message = await waitForMessage(failedOnce.id, (m) => m.status === "sent");
    expect(message).toMatchObject({ attempts: 2, provider: "twilio", error: null });
    expect(twilioTo(phone)).toHaveLength(2);
    expect(snsTo(phone)).toHaveLength(1);
  });

  it("fails with the reason once SMS_MAX_ATTEMPTS transient failures are used up", async () => {
    // .env.demo-sms-test sets SMS_MAX_ATTEMPTS to 3.
    const phone = "+15555550135";
    twilio.respondWith((r) => (r.form.To === phone ? twilioError(503) : undefined));
    sns.respondWith((r) => (r.form.PhoneNumber === phone ? snsError(503) : undefined));
    await seedUser("student-o", { name: "Oya", phone_number: phone });
    await writeTask("task-o", { assignedTo: "student-o" });

    const afterAttempt = (n: number) =>
      waitFor(`attempt ${n}`, async () => {
        const [m] = await messagesFor("task-o");
        return m?.attempts === n && m.status !== "sending" ? m : undefined;
      });
    let message = await afterAttempt(1);
    for (const attempt of [2, 3]) {
      await runSchedule("sweepOutboxJob", new Date(message.nextAttemptAt.toMillis() + 1000));
      message = await afterAttempt(attempt);
    }

    expect(message.status).toBe("failed");
    expect(message.error.message).toMatch(/gave up after 3 attempts/);
    expect(message.error.userMessage).toMatch(/could not be sent after 3 attempts/);
    expect(twilioTo(phone)).toHaveLength(3);
    expect(snsTo(phone)).toHaveLength(3);
  });

  it("stops at once on an invalid number from Twilio, without trying SNS", async () => {
    const phone = "+15555550113";
    twilio.respondWith((r) => (r.form.To === phone ? twilioError(400, 21211) : undefined));
    await seedUser("student-k", { name: "Kaan", phone_number: phone });
    await writeTask("task-k", { assignedTo: "student-k" });

    const [message] = await settledMessages("task-k", 1, (s) => s === "failed");
    expect(message.error).toMatchObject({ code: "twilio:21211" });
    expect(message.error.userMessage).toMatch(/not valid/);
    expect(message.attempts).toBe(1);
    expect(snsTo(phone)).toHaveLength(0);
  });

  it("suppresses and records the opt-out when Twilio says the number unsubscribed", async () => {
    const phone = "+15555550114";
    twilio.respondWith((r) => (r.form.To === phone ? twilioError(400, 21610) : undefined));
    await seedUser("student-l", { name: "Lale", phone_number: phone });
    await writeTask("task-l", { assignedTo: "student-l" });

    const [message] = await settledMessages("task-l", 1, (s) => s === "suppressed");
    expect(message.error.code).toBe("twilio:21610");
    const suppression = await adminDb().collection("sms_suppressions").doc(phone).get();
    expect(suppression.data()).toMatchObject({ source: "provider", provider: "twilio" });
    expect(suppression.get("reason")).toMatch(/^twilio:21610: /);
    expect(snsTo(phone)).toHaveLength(0);
  });
});
