/**
 * The circuit breaker end to end, with the real Twilio and AWS SDKs against the stand-ins:
 * five Twilio 500s in a row open Twilio's circuit, the next messages go to SNS without a
 * request to Twilio, and after the cool-down (SMS_BREAKER_COOLDOWN_SECONDS=15 in
 * .env.demo-sms-test) one probe goes to Twilio and closes it. Messages are sent one at a time:
 * the circuit is kept per instance, and shared through `sms_provider_health`.
 */
import type { DocumentData } from "firebase-admin/firestore";
import { adminDb, sleep, waitFor, waitForMessage } from "../support/emulators";
import { useWebClients } from "../support/lifecycle";
import { useProviderStandIns } from "../support/taskPipeline";
import type { GetSystemHealthResponse } from "../../functions/api/types";

const { twilio, sns } = useProviderStandIns();
const { signedIn } = useWebClients();
const admin = signedIn("breaker-admin", "admin");

const HEALTHZ = "http://127.0.0.1:5001/demo-sms-test/us-central1/healthz";

/** Requests that created a message at the stand-in Twilio. */
const twilioSends = () =>
  twilio.requests.filter((r) => r.method === "POST" && r.path.endsWith("/Messages.json"));

/** Sends one message (each to its own number) and waits for its outcome. */
async function sendOne(i: number): Promise<DocumentData> {
  // 555-0100 to 555-0199 are the numbers reserved for fiction.
  const phoneNumber = `+15555550${160 + i}`;
  const { messageId } = await admin.api("sendSms", { phoneNumber, message: `Breaker ${i}` });
  return waitForMessage(messageId, (m) => m.status !== "queued" && m.status !== "sending");
}

async function sharedCircuit(): Promise<DocumentData | undefined> {
  return (await adminDb().collection("sms_provider_health").doc("twilio").get()).data();
}

beforeEach(() => {
  twilio.reset();
  sns.reset();
});

/** healthz's answer once it is `body` (an answer is cached a few seconds per instance). */
function healthzAnswers(body: string): Promise<{ status: number; body: string }> {
  return waitFor(`healthz to answer ${body}`, async () => {
    const response = await fetch(HEALTHZ);
    const answer = { status: response.status, body: await response.text() };
    return answer.body === body ? answer : undefined;
  });
}

it("does not open the circuit for numbers Twilio refuses: the provider answered", async () => {
  twilio.failNext(6, 400, { code: 21211, message: "Invalid 'To' Phone Number" });
  for (let i = 10; i < 16; i++) {
    expect(await sendOne(i)).toMatchObject({ status: "failed" });
  }
  // Nothing moved the circuit, so nothing was published.
  expect(await sharedCircuit()).toBeUndefined();
  expect(await sendOne(16)).toMatchObject({ status: "sent", provider: "twilio" });
});

it("opens Twilio's circuit after five 500s, sends to SNS meanwhile, and closes after a probe", async () => {
  twilio.failNext(5, 500);
  for (let i = 0; i < 5; i++) {
    const message = await sendOne(i);
    expect(message).toMatchObject({ status: "sent", provider: "sns", attempts: 1 });
  }
  expect(twilioSends()).toHaveLength(5);
  const opened = await waitFor("the shared circuit to open", async () => {
    const circuit = await sharedCircuit();
    return circuit?.state === "open" ? circuit : undefined;
  });
  expect(opened.reason).toMatch(/^5 consecutive failures \(last: twilio:/);
  const openUntil: number = opened.openUntil.toMillis();

  // Twilio is skipped: the next messages make no request to it and go to SNS at once.
  for (const i of [5, 6]) {
    const message = await sendOne(i);
    expect(message).toMatchObject({ status: "sent", provider: "sns", attempts: 1 });
    expect(message.sentAt.toMillis()).toBeLessThan(openUntil);
  }
  expect(twilioSends()).toHaveLength(5);
  expect(sns.requests.filter((r) => r.method === "POST")).toHaveLength(7);

  const health = await admin.api("getSystemHealth", {});
  const twilioHealth = health.providers.health.find((p) => p.provider === "twilio");
  expect(twilioHealth).toMatchObject({ configured: true, role: "primary" });
  expect(twilioHealth?.circuit).toMatchObject({ state: "open", reason: opened.reason });
  expect(health.status).toBe("degraded");
  expect(health.problems).toContain("twilio is skipped: its circuit is open.");
  expect(await healthzAnswers("degraded")).toEqual({ status: 503, body: "degraded" });

  // After the cool-down the next message is the probe: Twilio answers, the circuit closes.
  await sleep(Math.max(0, openUntil - Date.now()) + 500);
  const probe = await sendOne(7);
  expect(probe).toMatchObject({ status: "sent", provider: "twilio" });
  expect(twilioSends()).toHaveLength(6);
  const closed = await waitFor("the shared circuit to close", async () => {
    const circuit = await sharedCircuit();
    return circuit?.state === "closed" ? circuit : undefined;
  });
  expect(closed.since.toMillis()).toBeGreaterThan(openUntil);

  expect(await sendOne(8)).toMatchObject({ status: "sent", provider: "twilio" });
  expect(twilioSends()).toHaveLength(7);
  const after: GetSystemHealthResponse = await admin.api("getSystemHealth", {});
  expect(after.providers.health.find((p) => p.provider === "twilio")?.circuit.state).toBe("closed");
  expect(await healthzAnswers("ok")).toEqual({ status: 200, body: "ok" });
});
