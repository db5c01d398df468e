/**
 * Twilio's webhooks (docs/contract.md §6): delivery receipts of messages and calls (one signed
 * path for both), and replies. Both check the X-Twilio-Signature against PUBLIC_BASE_URL; a
 * request that fails the check gets 403 and changes nothing.
 */
import { onRequest, type Request } from "firebase-functions/https";
import type { Response } from "express";
import { readSettings, SENDING_SECRETS, type Settings } from "../params";
import * as logs from "../logs";

/** The URL Twilio requested, which is what it signed: PUBLIC_BASE_URL, name, query. */
function signedUrl(request: Request, name: string, baseUrl: string): string {
  const query = request.originalUrl.includes("?")
    ? request.originalUrl.slice(request.originalUrl.indexOf("?"))
    : "";
  return `${baseUrl}/${name}${query}`;
}

/** Checks the signature; on failure answers 403 and returns false. */
async function verify(request: Request, response: Response, name: string, settings: Settings) {
  const signature = request.get("X-Twilio-Signature");
  const { authToken } = settings.provider.twilio;
  const baseUrl = settings.publicBaseUrl;
  let reason: string | undefined;
  if (request.method !== "POST") reason = `method ${request.method}`;
  else if (!signature) reason = "no X-Twilio-Signature";
  else if (!authToken || !baseUrl) reason = "TWILIO_AUTH_TOKEN or PUBLIC_BASE_URL is not set";
  else {
    const { isTwilioSignatureValid } = await import("../messaging/twilio/signature");
    const url = signedUrl(request, name, baseUrl);
    const params = (request.body ?? {}) as Record<string, string>;
    if (!(await isTwilioSignatureValid(authToken, signature, url, params))) {
      reason = "bad signature";
    }
  }
  if (!reason) return true;
  logs.webhookRejected(name, reason);
  response.status(403).send("Forbidden");
  return false;
}

export const twilioStatusCallback = onRequest({ secrets: SENDING_SECRETS }, async (req, res) => {
  const settings = readSettings();
  if (!(await verify(req, res, "twilioStatusCallback", settings))) return;
  const { statusCallbackSchema } = await import("./twilioRequests");
  const body = statusCallbackSchema.safeParse(req.body);
  if (!body.success) {
    logs.webhookRejected("twilioStatusCallback", "malformed body");
    res.status(400).send("Bad Request");
    return;
  }
  const { applyStatusCallback } = await import("../services/messages/statusCallback");
  const messageId = typeof req.query.messageId === "string" ? req.query.messageId : undefined;
  const { kind, sid, status, errorCode, price, priceUnit, duration } = body.data;
  await applyStatusCallback(
    {
      messageId,
      kind,
      providerMessageId: sid,
      providerStatus: status,
      errorCode,
      price,
      priceUnit,
      duration,
    },
    new Date(),
  );
  res.status(200).send("");
});

export const twilioInbound = onRequest({ secrets: SENDING_SECRETS }, async (req, res) => {
  const settings = readSettings();
  if (!(await verify(req, res, "twilioInbound", settings))) return;
  const { inboundSchema } = await import("./twilioRequests");
  const body = inboundSchema.safeParse(req.body);
  if (!body.success) {
    logs.webhookRejected("twilioInbound", "malformed body");
    res.status(400).send("Bad Request");
    return;
  }
  const { handleInbound } = await import("../services/messages/inbound");
  await handleInbound(
    {
      providerMessageId: body.data.MessageSid,
      from: body.data.From,
      to: body.data.To,
      body: body.data.Body,
    },
    settings,
    new Date(),
  );
  // Empty TwiML: any answer (HELP) goes through the outbox, so it is recorded like any other.
  res.status(200).type("text/xml").send("<Response></Response>");
});
