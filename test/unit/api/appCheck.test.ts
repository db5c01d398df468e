/**
 * ENFORCE_APP_CHECK: with it on, every callable refuses a request without a verified App
 * Check token before it reads or writes anything; with it off, such a request goes on.
 */
import type { CallableRequest } from "firebase-functions/https";

type Runnable = { run(request: CallableRequest): Promise<unknown> };

function request(app?: CallableRequest["app"]): CallableRequest {
  // A partner claim settles the role without Firestore; `{}` then fails the schema.
  return {
    auth: { uid: "u1", token: { role: "partner" } as never, rawToken: "" },
    app,
    data: {},
    rawRequest: {} as never,
    acceptsStreaming: false,
  } as CallableRequest;
}

async function sendSmsWith(enforce: string): Promise<Runnable> {
  process.env.ENFORCE_APP_CHECK = enforce;
  jest.resetModules();
  const { sendSms } = await import("../../../functions/api/messages");
  return sendSms as unknown as Runnable;
}

afterAll(() => {
  delete process.env.ENFORCE_APP_CHECK;
});

it("refuses a callable without App Check when ENFORCE_APP_CHECK is on", async () => {
  const sendSms = await sendSmsWith("true");
  await expect(sendSms.run(request())).rejects.toMatchObject({ code: "unauthenticated" });
});

it("lets a request with a verified App Check token through to validation", async () => {
  const sendSms = await sendSmsWith("true");
  const app = { appId: "1:123:web:abc", token: {} as never };
  await expect(sendSms.run(request(app))).rejects.toMatchObject({ code: "invalid-argument" });
});

it("does not ask for App Check when ENFORCE_APP_CHECK is off", async () => {
  const sendSms = await sendSmsWith("false");
  await expect(sendSms.run(request())).rejects.toMatchObject({ code: "invalid-argument" });
});
