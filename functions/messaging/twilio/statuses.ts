/**
 * Twilio's message and call statuses mapped onto our status machine (docs/contract.md §6), and a
 * Twilio resource or status callback turned into a vendor-neutral receipt
 * (domain/reconciliation).
 */
import type { MessageStatus } from "../../domain/messageStatus";
import { USER_MESSAGES } from "../../domain/providerErrors";
import type { DeliveryReceipt, ReceiptError } from "../../domain/reconciliation";
import { classifyTwilioError } from "./errors";

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

/** Plain reasons for a call that did not reach anyone; exported for the UI and tests. */
export const CALL_MESSAGES = {
  noAnswer: "The call was not answered",
  busy: "The line was busy",
  failed: "The call could not be connected",
  canceled: "The call was cancelled before it was answered",
} as const;

/** Where a call ended, in our terms: `status` absent while it is still going on. */
export interface CallOutcome {
  status?: MessageStatus;
  error?: ReceiptError;
}

function callError(twilioStatus: string, userMessage: string): ReceiptError {
  return {
    code: `twilio:call-${twilioStatus}`,
    message: `Twilio reported the call ${twilioStatus}`,
    userMessage,
  };
}

/**
 * A call's outcome from its Twilio status: answered (the `answered` event) or completed is a
 * delivered message; busy or unanswered is undelivered, failed or cancelled is failed, each with
 * a plain reason; initiated, ringing and in-progress change nothing (an answered call ends
 * `completed`).
 */
export function callOutcomeFromTwilio(callStatus: string): CallOutcome {
  const status = callStatus.trim().toLowerCase();
  switch (status) {
    case "answered":
    case "completed":
      return { status: "delivered" };
    case "busy":
      return { status: "undelivered", error: callError(status, CALL_MESSAGES.busy) };
    case "no-answer":
      return { status: "undelivered", error: callError(status, CALL_MESSAGES.noAnswer) };
    case "failed":
      return { status: "failed", error: callError(status, CALL_MESSAGES.failed) };
    case "canceled":
      return { status: "failed", error: callError(status, CALL_MESSAGES.canceled) };
    default:
      return {};
  }
}

/** A Twilio Message or Call as fetched, or as a status callback posts it. */
export interface TwilioReport {
  kind: "message" | "call";
  status: string;
  errorCode?: string | number | null;
  errorMessage?: string | null;
  /** Twilio reports cost as a negative decimal string ("-0.0075"); null until it is known. */
  price?: string | number | null;
  priceUnit?: string | null;
  numSegments?: string | number | null;
  /** Seconds, for a call. */
  duration?: string | number | null;
  at?: Date | null;
}

function present(value: string | number | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = String(value).trim();
  return text === "" ? undefined : text;
}

/** A whole number ≥ `min`, or undefined for anything else (Twilio sends numbers as strings). */
function wholeNumber(value: string | number | null | undefined, min: number): number | undefined {
  const text = present(value);
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const number = Number(text);
  return number >= min ? number : undefined;
}

/** The absolute amount, or undefined when Twilio has not priced it yet. */
export function twilioPrice(value: string | number | null | undefined): number | undefined {
  const text = present(value);
  const amount = text === undefined ? NaN : Number(text);
  return Number.isFinite(amount) ? Math.abs(amount) : undefined;
}

/** Why a message failed: its Twilio error code, classified, else a plain "no reason given". */
function messageError(report: TwilioReport, status: MessageStatus): ReceiptError {
  const code = present(report.errorCode);
  if (code === undefined) {
    return {
      code: `twilio:${status}`,
      message: `Twilio reported the message ${status} without an error code`,
      userMessage: USER_MESSAGES.unknownDelivery,
    };
  }
  const message = present(report.errorMessage) ?? `Twilio reported error ${code}`;
  const classified = classifyTwilioError({ code, message });
  return {
    code: classified.code,
    message: classified.message,
    userMessage: classified.userMessage,
  };
}

/** A Twilio report as a receipt: status, reason, price (absolute), segments or duration. */
export function receiptFromTwilio(report: TwilioReport): DeliveryReceipt {
  const receipt: DeliveryReceipt = {};
  if (report.kind === "call") {
    const outcome = callOutcomeFromTwilio(report.status);
    if (outcome.status) receipt.status = outcome.status;
    if (outcome.error) receipt.error = outcome.error;
    const duration = wholeNumber(report.duration, 0);
    if (duration !== undefined) receipt.durationSeconds = duration;
  } else {
    const status = statusFromTwilio(report.status);
    if (status) receipt.status = status;
    if (status === "undelivered" || status === "failed") {
      receipt.error = messageError(report, status);
    }
    const segments = wholeNumber(report.numSegments, 1);
    if (segments !== undefined) receipt.segments = segments;
  }
  const price = twilioPrice(report.price);
  if (price !== undefined) {
    receipt.price = price;
    const unit = present(report.priceUnit);
    if (unit) receipt.priceUnit = unit;
  }
  if (report.at instanceof Date && !Number.isNaN(report.at.getTime())) receipt.at = report.at;
  return receipt;
}
