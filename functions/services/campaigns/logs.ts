/** The campaign log lines, as named functions (see functions/logs.ts). */
import * as logger from "firebase-functions/logger";

export function campaignStatusChanged(campaignId: string, from: string, to: string): void {
  logger.info(`Campaign ${campaignId}: ${from} → ${to}`, { campaignId, from, to });
}

export function campaignTaskDropped(campaignId: string, task: string, reason: string): void {
  logger.info(`Campaign ${campaignId}: ${task} task dropped: ${reason}`, {
    campaignId,
    task,
    reason,
  });
}

export function campaignTaskInvalid(task: string, reason: string): void {
  logger.error(`Campaign ${task} task with an invalid payload dropped: ${reason}`, {
    task,
    reason,
  });
}

export function campaignPagePlanned(
  campaignId: string,
  page: number,
  recipients: number,
  done: boolean,
): void {
  logger.info(`Campaign ${campaignId}: page ${page} planned, ${recipients} recipients`, {
    campaignId,
    page,
    recipients,
    done,
  });
}

export function campaignRecipientSkipped(campaignId: string, userId: string, reason: string): void {
  logger.info(`Campaign ${campaignId}: ${userId} skipped: ${reason}`, {
    campaignId,
    userId,
    reason,
  });
}

export function campaignStartFailed(campaignId: string, error: unknown): void {
  logger.error(`Campaign ${campaignId}: the planner could not be enqueued; start undone`, {
    campaignId,
    error: error instanceof Error ? error.message : String(error),
  });
}

export function campaignsStarted(started: number, completed: number): void {
  logger.info(`Due campaigns: ${started} started, ${completed} completed`, { started, completed });
}
