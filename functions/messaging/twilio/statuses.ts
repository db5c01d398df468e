/** Twilio's delivery receipts mapped onto our status machine (docs/contract.md §6). */
import type { MessageStatus } from "../../domain/messageStatus";

/**
 * Our status for a Twilio message status, or undefined for the in-flight ones (queued,
 * accepted, sending, scheduled) that tell us nothing the outbox does not know.
 */
export function statusFromTwilio(twilioStatus: string): MessageStatus | undefined {
  switch (twilioStatus.trim().toLowerCase()) {
    case "sent":
      return "sent";
    case "delivered":
    case "read": // WhatsApp: read implies delivered
      return "delivered";
    case "undelivered":
      return "undelivered";
    case "failed":
      return "failed";
    case "canceled":
      return "cancelled";
    default:
      return undefined;
  }
}
