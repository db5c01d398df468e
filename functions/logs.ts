/**
 * Every log line of the pipeline, as named functions: structured fields, phone numbers masked,
 * no secrets. Searching the logs for a function name finds every place it is said. Operations
 * (provider health, alerts, reconciliation) have theirs in ./operationsLogs.ts.
 */
import * as logger from "firebase-functions/logger";
import { maskDestination, maskPhone } from "./domain/mask";

/** A client document that cannot be used; skipped, not retried. */
export function skippedDocument(path: string, reason: string): void {
  logger.warn(`Skipped ${path}: ${reason}`, { path, reason });
}

/** A notification with no one to send it to (unknown user, no phone). */
export function skippedRecipient(context: string, userId: string, reason: string): void {
  logger.warn(`No message for ${context}: ${reason}`, { context, userId, reason });
}

export function messageQueued(messageId: string, type: string, status: string, to: string): void {
  logger.info(`Queued ${messageId}`, { messageId, type, status, to: maskDestination(to) });
}

export function messageAlreadyQueued(messageId: string): void {
  logger.info(`Already queued ${messageId}; not queued again`, { messageId });
}

export function messageNotClaimed(messageId: string, reason: string): void {
  logger.debug(`Not sending ${messageId}: ${reason}`, { messageId, reason });
}

export function messageSent(
  messageId: string,
  provider: string,
  providerMessageId: string,
  to: string,
): void {
  logger.info(`Sent ${messageId} via ${provider}`, {
    messageId,
    provider,
    providerMessageId,
    to: maskDestination(to),
  });
}

export function emailHandedOff(messageId: string): void {
  logger.info(`Handed ${messageId} to the Trigger Email extension (mail/${messageId})`, {
    messageId,
  });
}

export function messageSuppressed(messageId: string, reason: string): void {
  logger.info(`Suppressed ${messageId}: ${reason}`, { messageId, reason });
}

export function messageDeferred(messageId: string, reason: string, until: Date): void {
  logger.info(`Deferred ${messageId} until ${until.toISOString()}: ${reason}`, {
    messageId,
    reason,
    until: until.toISOString(),
  });
}

export function messageRetrying(messageId: string, attempt: number, code: string, at: Date): void {
  logger.warn(`Send of ${messageId} failed (attempt ${attempt}, ${code}); retrying`, {
    messageId,
    attempt,
    code,
    nextAttemptAt: at.toISOString(),
  });
}

export function messageFailed(messageId: string, code: string, message: string): void {
  logger.error(`Send of ${messageId} failed for good: ${code}`, { messageId, code, message });
}

export function outcomeNotRecorded(messageId: string, reason: string): void {
  logger.warn(`Outcome of ${messageId} not recorded: ${reason}`, { messageId, reason });
}

export function sweepFinished(fields: Record<string, number>): void {
  logger.info("Outbox sweep finished", fields);
}

export function deliveryError(messageId: string, error: unknown): void {
  logger.error(`Delivery of ${messageId} stopped by an error; it stays pending`, {
    messageId,
    error: error instanceof Error ? error.message : String(error),
  });
}

export function receiptIgnored(messageId: string, status: string, reported: string): void {
  logger.info(`Receipt "${reported}" for ${messageId} ignored: it is ${status}`, {
    messageId,
    status,
    reported,
  });
}

export function webhookRejected(name: string, reason: string): void {
  logger.warn(`${name} rejected a request: ${reason}`, { webhook: name, reason });
}

export function inboundReceived(sid: string, from: string, keyword: string | undefined): void {
  logger.info(`Inbound ${sid}${keyword ? ` (${keyword.toUpperCase()})` : ""}`, {
    sid,
    from: maskPhone(from),
    keyword,
  });
}

/** A task was completed or deleted: its scheduled reminders were cancelled. */
export function taskRemindersStopped(taskId: string, count: number): void {
  logger.info(`Cancelled ${count} reminder(s) of ended task ${taskId}`, { taskId, count });
}

/** An admin put a number on the opt-out list, or took it off. */
export function suppressionChangedByAdmin(
  phone: string,
  action: "opted_out" | "opted_in",
  source: string,
  by: string,
): void {
  logger.info(
    `Admin ${by} ${action === "opted_out" ? "suppressed" : "lifted"} ${maskPhone(phone)}`,
    {
      event: "suppression_changed_by_admin",
      phone: maskPhone(phone),
      action,
      source,
      by,
    },
  );
}

/** An admin imported a do-not-contact list. */
export function suppressionsImported(added: number, valid: number, by: string): void {
  logger.info(`Admin ${by} imported ${added} of ${valid} numbers to the opt-out list`, {
    event: "suppressions_imported",
    added,
    valid,
    by,
  });
}

/** A START that may not lift the number's suppression (an admin's or an imported one). */
export function optInRefused(from: string, source: string): void {
  logger.info(`START from ${maskPhone(from)} left its ${source} suppression in place`, {
    from: maskPhone(from),
    source,
  });
}

/** A scheduled job wrote nothing to one recipient (no phone, opted out, nothing to say). */
export function jobRecipientSkipped(job: string, userId: string, reason: string): void {
  logger.debug(`${job}: nothing for ${userId}: ${reason}`, { job, userId, reason });
}

export function jobFinished(runId: string, report: Record<string, number>): void {
  logger.info(`Job run ${runId} finished`, { runId, ...report });
}

export function jobResumed(runId: string): void {
  logger.info(`Job run ${runId} resumes from its saved cursor`, { runId });
}

export function jobIncomplete(runId: string, report: Record<string, number>): void {
  logger.warn(`Job run ${runId} ran out of time; cursor saved, retrying`, { runId, ...report });
}

export function jobAlreadyCompleted(runId: string): void {
  logger.info(`Job run ${runId} completed before; nothing to do`, { runId });
}

/** A message was not sent because the account that caused it used up its hourly allowance. */
export function senderLimitReached(messageId: string, sender: string | null): void {
  logger.warn(`Suppressed ${messageId}: its sender reached the hourly allowance`, {
    event: "sms_sender_limit",
    messageId,
    sender,
  });
}

/**
 * The project reached SMS_DAILY_LIMIT: non-urgent messages wait for the next UTC day. Error
 * level with a stable event name, so a log-based alert can page someone (docs/operations.md, "Alerts").
 */
export function dailyLimitReached(messageId: string, segmentsToday: number, limit: number): void {
  logger.error(`Daily SMS limit reached (${segmentsToday}/${limit} segments); ${messageId} waits`, {
    event: "sms_daily_limit_reached",
    messageId,
    segmentsToday,
    limit,
  });
}

/** A client document asks for something its author may not do; nothing is sent for it. */
export function refusedDocument(path: string, reason: string): void {
  logger.warn(`Refused ${path}: ${reason}`, { event: "sms_refused_document", path, reason });
}

/** SMS_PRICE_TABLE is unusable: SNS prices come from the default table (docs/costs.md). */
export function priceTableInvalid(problem: string): void {
  const event = "sms_price_table_invalid";
  logger.error(`${problem}; estimating SNS prices from the default table`, { event, problem });
}

/** A health or alert param could not be read: `fallback` is used until it is fixed. */
export function settingInvalid(name: string, value: string, fallback: string): void {
  logger.error(`${name}="${value}" is not valid; using ${fallback}`, {
    event: "sms_setting_invalid",
    name,
    value,
    fallback,
  });
}
