/**
 * Delivering one outbox message: claim it in a transaction (applying policy), send it through
 * the provider, and record the outcome in a second transaction. Safe to run twice, and from
 * several places at once (the outbox trigger, the sweep): only one claim can win.
 */
import { randomUUID } from "node:crypto";
import type { DeliveryMessage, DeliveryStore, DeliveryTransaction } from "../../data/delivery";
import { decideFailure, type PolicyDecision } from "../../domain/delivery";
import { PENDING_STATUSES } from "../../domain/messageStatus";
import { recordedPrice } from "../../domain/pricing";
import { isSensitive } from "../../domain/sensitive";
import { USER_MESSAGES, type ClassifiedError } from "../../domain/providerErrors";
import {
  ProviderError,
  type Channel,
  type SendResult,
  type SmsProvider,
} from "../../messaging/provider";
import type { Settings } from "../../params";
import { readReminder, recordReminderOutcome, type MessageReminder } from "../reminders/feedback";
import * as logs from "../../logs";
import { handOffEmail } from "./email";
import { readPolicyInputs, recordSendInWindow } from "./policy";

/** How long a claim holds; longer than any send takes, shorter than anyone should wait. */
export const LEASE_MS = 5 * 60_000;

export interface DeliveryDeps {
  settings: Settings;
  provider: SmsProvider;
  now: Date;
  random?: () => number;
  /** Where messages and their policy state are kept; Firestore unless a test passes a fake. */
  store?: DeliveryStore;
}

let firestoreStore: Promise<DeliveryStore> | undefined;

/** The Firestore store, loaded on the first delivery rather than at cold start. */
function storeOf(deps: DeliveryDeps): Promise<DeliveryStore> {
  if (deps.store) return Promise.resolve(deps.store);
  firestoreStore ??= import("../../data/delivery").then((data) => data.firestoreDeliveryStore());
  return firestoreStore;
}

export type DeliveryOutcome =
  | "sent"
  | "handed-off"
  | "retry"
  | "failed"
  | "suppressed"
  | "deferred"
  | "not-due"
  | "not-pending";

/** A message claimed for a provider; email never is (./email hands it over in the claim). */
export type ClaimedMessage = DeliveryMessage & { channel: Channel };

/** A message this worker holds: only it sends the message and records the outcome. */
export interface ClaimedSend {
  messageId: string;
  record: ClaimedMessage;
  claimId: string;
  attempts: number;
}

type Claim =
  | ({ kind: "claimed" } & ClaimedSend)
  | { kind: "skipped"; outcome: DeliveryOutcome; reason: string };

function applyPolicy(
  tx: DeliveryTransaction,
  messageId: string,
  record: DeliveryMessage,
  decision: Exclude<PolicyDecision, { action: "send" }>,
  reminder: MessageReminder | null,
): Claim {
  if (decision.action === "suppress" || decision.action === "fail") {
    const { code, message, userMessage } = decision;
    const status = decision.action === "fail" ? "failed" : "suppressed";
    tx.transitionMessage(messageId, record, status, {
      nextAttemptAt: null,
      error: { code, message, userMessage },
    });
    recordReminderOutcome(tx, reminder, messageId, { errorMessage: userMessage });
    if (status === "failed") logs.messageFailed(messageId, code, message);
    else logs.messageSuppressed(messageId, code);
    return { kind: "skipped", outcome: status, reason: code };
  }
  tx.transitionMessage(messageId, record, "deferred", { nextAttemptAt: decision.until });
  logs.messageDeferred(messageId, decision.reason, decision.until);
  return { kind: "skipped", outcome: "deferred", reason: decision.reason };
}

/** Claims a due message for sending (queued/scheduled/deferred → sending), or applies policy. */
async function claim(messageId: string, deps: DeliveryDeps, store: DeliveryStore): Promise<Claim> {
  // Outside the transaction: a soft limit, and one project-wide read must not serialise claims.
  const segmentsToday =
    deps.settings.dailySegmentLimit > 0 ? await store.segmentsSentToday(deps.now) : 0;
  return store.runTransaction(async (tx) => {
    const record = await tx.readMessage(messageId);
    if (!record || !PENDING_STATUSES.has(record.status)) {
      return { kind: "skipped", outcome: "not-pending", reason: record?.status ?? "missing" };
    }
    // A queued message never tried is due at once, whatever clock queued it (a job runs "as
    // of" its scheduled time); retries, scheduled sends and deferrals wait for nextAttemptAt,
    // and so does one an open circuit sent back (no attempt counted, but an error recorded).
    const fresh = record.status === "queued" && (record.attempts ?? 0) === 0 && !record.error;
    if (!fresh && record.nextAttemptAt && record.nextAttemptAt.getTime() > deps.now.getTime()) {
      return { kind: "skipped", outcome: "not-due", reason: "not due yet" };
    }
    if (record.channel === "email") {
      const outcome = await handOffEmail(tx, messageId, record);
      return { kind: "skipped", outcome, reason: `email ${outcome}` };
    }
    const { decision, window } = await readPolicyInputs(tx, record, segmentsToday, deps);
    if (decision.action !== "send") {
      const reminder = decision.action !== "defer" ? await readReminder(tx, record) : null;
      if (decision.action === "defer" && decision.dailyLimit) {
        logs.dailyLimitReached(messageId, segmentsToday, deps.settings.dailySegmentLimit);
      }
      return applyPolicy(tx, messageId, record, decision, reminder);
    }
    const claimId = randomUUID();
    const attempts = (record.attempts ?? 0) + 1;
    recordSendInWindow(tx, window, deps);
    tx.transitionMessage(messageId, record, "sending", {
      claimId,
      attempts,
      leaseExpiresAt: new Date(deps.now.getTime() + LEASE_MS),
    });
    const claimed = { ...record, channel: record.channel };
    return { kind: "claimed", messageId, record: claimed, claimId, attempts };
  });
}

/** Any failure as a classified provider error; an unexpected one is treated as transient. */
function classify(error: unknown): ClassifiedError {
  if (error instanceof ProviderError) return error;
  return {
    kind: "transient",
    code: "internal",
    message: error instanceof Error ? error.message : String(error),
    userMessage: USER_MESSAGES.transient,
    retryable: true,
  };
}

type Outcome = { result: SendResult } | { error: ClassifiedError };

/**
 * Records the outcome, if the claim still holds (a lapsed claim may have been re-queued).
 * Optimistic: only a status callback or the sweep could change the message meanwhile, and
 * then the work runs again and sees it.
 */
async function record(
  claimed: ClaimedSend,
  outcome: Outcome,
  deps: DeliveryDeps,
  store: DeliveryStore,
): Promise<DeliveryOutcome> {
  const { messageId } = claimed;
  return store.runOptimistic(async (tx) => {
    const current = await tx.readMessage(messageId);
    if (current?.status !== "sending" || current.claimId !== claimed.claimId) {
      logs.outcomeNotRecorded(messageId, `status is now ${current?.status ?? "missing"}`);
      return "not-pending";
    }
    const reminder = await readReminder(tx, current);
    const done = { leaseExpiresAt: null, claimId: null };
    if ("result" in outcome) {
      const { provider, providerMessageId } = outcome.result;
      tx.transitionMessage(messageId, current, "sent", {
        ...done,
        provider,
        providerMessageId,
        ...recordedPrice(outcome.result, current, deps.settings.smsPriceTable),
        error: null,
        sentAt: deps.now,
      });
      recordReminderOutcome(tx, reminder, messageId, { sentAt: deps.now });
      logs.messageSent(messageId, provider, providerMessageId, current.to);
      return "sent";
    }
    const { code, message, userMessage } = outcome.error;
    const error = { code, message, userMessage };
    const provider = outcome.error instanceof ProviderError ? outcome.error.provider : null;
    const next = decideFailure(
      outcome.error,
      claimed.attempts,
      deps.settings.maxAttempts,
      deps.now,
      deps.random,
    );
    if (next.status === "queued") {
      tx.transitionMessage(messageId, current, "queued", {
        ...done,
        error,
        provider,
        nextAttemptAt: next.nextAttemptAt,
        ...(next.notAnAttempt ? { attempts: claimed.attempts - 1 } : {}),
      });
      logs.messageRetrying(messageId, claimed.attempts, code, next.nextAttemptAt);
      return "retry";
    }
    if (next.status === "suppressed") {
      tx.addSuppression(current.to, {
        reason: `${code}: ${message}`,
        source: "provider",
        provider,
        channel: current.channel,
        userId: current.userId,
      });
      tx.transitionMessage(messageId, current, "suppressed", { ...done, error, provider });
      recordReminderOutcome(tx, reminder, messageId, { errorMessage: userMessage });
      logs.messageSuppressed(messageId, code);
      return "suppressed";
    }
    const finalError = next.exhausted
      ? {
          code,
          message: `${message} (gave up after ${claimed.attempts} attempts)`,
          userMessage: `The SMS service stayed unavailable; the message could not be sent after ${claimed.attempts} attempts.`,
        }
      : error;
    tx.transitionMessage(messageId, current, "failed", { ...done, error: finalError, provider });
    recordReminderOutcome(tx, reminder, messageId, { errorMessage: finalError.userMessage });
    logs.messageFailed(messageId, code, finalError.message);
    return "failed";
  });
}

/** Delivers one message if it is pending and due; returns what happened. */
export async function deliverMessage(
  messageId: string,
  deps: DeliveryDeps,
): Promise<DeliveryOutcome> {
  const store = await storeOf(deps);
  const claimed = await claim(messageId, deps, store);
  if (claimed.kind === "skipped") {
    logs.messageNotClaimed(messageId, claimed.reason);
    return claimed.outcome;
  }
  // Counted as claimed, beside the send rather than inside the claim (see addDailySegments).
  const counted = store
    .addDailySegments(messageId, claimed.record.segments ?? 1, deps.now)
    .catch((error: unknown) => logs.deliveryError(messageId, error));
  const outcome = await sendClaimed(claimed, deps, store);
  await counted;
  return outcome;
}

/**
 * Sends a message this worker has claimed (here, or at its creation: ./born) and records the
 * outcome; its segments are already counted.
 */
export async function sendClaimed(
  claimed: ClaimedSend,
  deps: DeliveryDeps,
  store?: DeliveryStore,
): Promise<DeliveryOutcome> {
  const { messageId } = claimed;
  const { to, body, channel, language } = claimed.record;
  let outcome: Outcome;
  try {
    const sensitive = isSensitive(claimed.record.type);
    outcome = {
      result: await deps.provider.send({ to, body, channel, language, messageId, sensitive }),
    };
  } catch (error) {
    outcome = { error: classify(error) };
  }
  return record(claimed, outcome, deps, store ?? (await storeOf(deps)));
}
