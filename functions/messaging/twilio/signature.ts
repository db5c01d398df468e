/**
 * Twilio's webhook signature (X-Twilio-Signature): an HMAC of the URL Twilio requested and the
 * posted parameters, keyed with the account's auth token. Checked with the SDK, which is loaded
 * only here and only when a webhook arrives: it is heavy.
 */

/** True when `signature` is Twilio's for this URL and these parameters. */
export async function isTwilioSignatureValid(
  authToken: string,
  signature: string,
  url: string,
  params: Record<string, string>,
): Promise<boolean> {
  const { default: twilio } = await import("twilio");
  return twilio.validateRequest(authToken, signature, url, params);
}
