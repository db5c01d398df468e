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
