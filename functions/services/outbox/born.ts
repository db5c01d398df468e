/**
 * Messages born claimed: a trigger or callable that sends what it queues creates each new, due
 * message already `sending` (attempt 1, a lease and a claim id) in the transaction that queues
 * it, after reading in that same transaction what the claim decides on (./policy). The caller
 * sends it once the transaction has committed (./inline), so a notification costs one
 * transaction before its send instead of three.
 *
 * Only a message the policy would send is born claimed. One the policy would suppress, defer or
 * fail is created `queued` as before and claimed right after by the usual delivery, which
 * records why (and a reminder's outcome) exactly as it always has. A redelivered event finds the
 * message and creates nothing; a crash before the send leaves a lease the sweep takes back.
 */
import { randomUUID } from "node:crypto";
import { Timestamp, type Transaction } from "firebase-admin/firestore";
import { segmentsSentToday } from "../../data/allowances";
import { deliveryTransactionOf, toDeliveryMessage } from "../../data/delivery";
import type { MessageRecord } from "../../data/messages";
import type { Channel } from "../../messaging/provider";
import type { Settings } from "../../params";
import { LEASE_MS, type ClaimedSend } from "./delivery";
import { readPolicyInputs, recordSendInWindow, type PolicyInputs } from "./policy";

/** What claiming at birth needs besides the transaction. */
export interface BirthClaim {
  settings: Settings;
  now: Date;
  /** The project's segments today (data/allowances `segmentsSentToday`, read beforehand). */
  segmentsToday: number;
}

/** Whether a new record may be born claimed: due now, for a provider (email is handed off). */
function claimable(record: MessageRecord): record is MessageRecord & { channel: Channel } {
  return record.status === "queued" && record.channel !== "email";
}

/**
 * Reads, in `tx`, the policy inputs of each record that may be born claimed (undefined for the
 * others). All reads start at once, so they share the transaction's round trip.
 */
export function readBirthPolicies(
  tx: Transaction,
  records: readonly MessageRecord[],
  claim: BirthClaim,
): Promise<(PolicyInputs | undefined)[]> {
  const policyTx = deliveryTransactionOf(tx);
  return Promise.all(
    records.map((record) =>
      claimable(record)
        ? readPolicyInputs(policyTx, toDeliveryMessage(record), claim.segmentsToday, claim)
        : undefined,
    ),
  );
}

/**
 * The record to create for a new message: claimed when its policy says send, else as built.
 * A claimed one's other writes are staged by `stageBirthClaim`.
 */
export function claimAtBirth(
  messageId: string,
  record: MessageRecord,
  policy: PolicyInputs | undefined,
  claim: BirthClaim,
): { record: MessageRecord; claimed?: ClaimedSend } {
  if (!policy || policy.decision.action !== "send" || !claimable(record)) return { record };
  const claimId = randomUUID();
  const born: MessageRecord = {
    ...record,
    status: "sending",
    attempts: 1,
    claimId,
    leaseExpiresAt: Timestamp.fromMillis(claim.now.getTime() + LEASE_MS),
  };
  const delivery = toDeliveryMessage(born);
  return {
    record: born,
    claimed: { messageId, record: { ...delivery, channel: record.channel }, claimId, attempts: 1 },
  };
}

/** Stages what claiming costs besides the record: the number's window and the day's usage. */
export function stageBirthClaim(
  tx: Transaction,
  claimed: ClaimedSend,
  policy: PolicyInputs,
  claim: BirthClaim,
): void {
  const policyTx = deliveryTransactionOf(tx);
  recordSendInWindow(policyTx, policy.window, claim);
  policyTx.addDailySegments(claimed.messageId, claimed.record.segments ?? 1, claim.now);
}

/** What claiming at birth needs, read before the transaction (the day's usage is cached). */
export async function birthClaim(settings: Settings, now: Date): Promise<BirthClaim> {
  const segmentsToday = settings.dailySegmentLimit > 0 ? await segmentsSentToday(now) : 0;
  return { settings, now, segmentsToday };
}
