/** Calling our Twilio webhooks in the Functions emulator the way Twilio does. */
import twilio from "twilio";
import { PROJECT_ID, REGION } from "./emulators";

const BASE = `http://127.0.0.1:5001/${PROJECT_ID}/${REGION}`;

/**
 * POSTs a form to a webhook, signed with X-Twilio-Signature by the real Twilio SDK (unless
 * `signature` is given); needs `loadFunctionEnv()` for TWILIO_AUTH_TOKEN.
 */
export async function postSigned(path: string, form: Record<string, string>, signature?: string) {
  const url = `${BASE}/${path}`;
  const token = process.env.TWILIO_AUTH_TOKEN ?? "";
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      "X-Twilio-Signature": signature ?? twilio.getExpectedTwilioSignature(token, url, form),
    },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, text: await response.text() };
}

/**
 * POSTs a form to a status callback URL our functions gave Twilio (a message's or call's
 * StatusCallback, under PUBLIC_BASE_URL, which the test project points at the emulator),
 * signed as Twilio signs it.
 */
export async function postToCallback(callbackUrl: string, form: Record<string, string>) {
  if (!callbackUrl.startsWith(`${BASE}/`)) {
    throw new Error(`${callbackUrl} is not a webhook of the Functions emulator (${BASE})`);
  }
  return postSigned(callbackUrl.slice(BASE.length + 1), form);
}

/** A call's status callback as Twilio posts it; `CallDuration` only once the call is over. */
export function callStatusForm(
  call: { sid: string; to: string },
  callStatus: string,
  durationSeconds?: number,
): Record<string, string> {
  return {
    AccountSid: process.env.TWILIO_ACCOUNT_SID ?? "",
    CallSid: call.sid,
    CallStatus: callStatus,
    To: call.to,
    From: process.env.TWILIO_PHONE_NUMBER ?? "",
    Direction: "outbound-api",
    ApiVersion: "2010-04-01",
    ...(durationSeconds === undefined ? {} : { CallDuration: String(durationSeconds) }),
  };
}
