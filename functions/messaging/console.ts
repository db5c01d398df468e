/**
 * Console provider: the local default when no vendor is configured. It sends nothing,
 * logs the message (number masked) and reports it sent, so the whole pipeline can run
 * on a laptop or in the emulators without credentials.
 */
import { randomUUID } from "node:crypto";
import * as logger from "firebase-functions/logger";
import { maskPhone } from "../domain/mask";
import { REDACTED } from "../domain/sensitive";
import type { Channel, OutboundMessage, SendResult, SmsProvider } from "./provider";

/** Where the console provider writes; defaults to firebase-functions' structured logger. */
export type ConsoleLog = (line: string, fields: Record<string, unknown>) => void;

const CHANNELS: readonly Channel[] = ["sms", "whatsapp", "voice"];

/** Creates the console provider. `log` replaces the default logger (tests, scripts). */
export function createConsoleProvider(
  log: ConsoleLog = (line, fields) => logger.info(line, fields),
): SmsProvider {
  return {
    name: "console",
    channels: CHANNELS,
    async send(message: OutboundMessage): Promise<SendResult> {
      const providerMessageId = `console-${randomUUID()}`;
      const body = message.sensitive ? REDACTED : message.body;
      log(`[console ${message.channel}] to ${maskPhone(message.to)}: ${body}`, {
        provider: "console",
        channel: message.channel,
        to: maskPhone(message.to),
        body,
        language: message.language,
        messageId: message.messageId,
        providerMessageId,
      });
      return { provider: "console", providerMessageId, providerStatus: "sent" };
    },
  };
}
