/** Where a message in `sms_messages` is in its life (docs/contract.md §2, status flow). */
export type MessageStatus =
  | "queued"
  | "scheduled"
  | "deferred"
  | "sending"
  | "sent"
  | "delivered"
  | "undelivered"
  | "failed"
  | "suppressed"
  | "cancelled";

/** Every status, in the order a message usually goes through them. */
export const MESSAGE_STATUSES: readonly MessageStatus[] = Object.freeze([
  "queued",
  "scheduled",
  "deferred",
  "sending",
  "sent",
  "delivered",
  "undelivered",
  "failed",
  "suppressed",
  "cancelled",
] as const);

/**
 * Statuses a message never leaves. `sent` is not among them: a delivery receipt can still move
 * it to `delivered`, `undelivered` or `failed` (though with no receipt, `sent` is where it stays).
 */
export const FINAL_STATUSES: ReadonlySet<MessageStatus> = new Set<MessageStatus>([
  "delivered",
  "undelivered",
  "failed",
  "suppressed",
  "cancelled",
]);

/** Statuses of messages waiting to be claimed for sending (now, or at `sendAt`). */
export const PENDING_STATUSES: ReadonlySet<MessageStatus> = new Set<MessageStatus>([
  "queued",
  "scheduled",
  "deferred",
]);

const WAITING_EXITS: readonly MessageStatus[] = [
  "queued",
  "sending",
  "cancelled",
  "suppressed",
  "failed",
];

// The only moves allowed; anything absent (including staying put) is refused, so a late or
// duplicated webhook or trigger cannot drag a message backwards.
const TRANSITIONS: Record<MessageStatus, ReadonlySet<MessageStatus>> = {
  queued: new Set(["sending", "scheduled", "deferred", "suppressed", "cancelled", "failed"]),
  // deferred: due, but the number's or the project's limit says later.
  scheduled: new Set([...WAITING_EXITS, "deferred"]),
  deferred: new Set(WAITING_EXITS),
  // queued: a transient error to retry; deferred: the rate limit says later.
  sending: new Set(["sent", "queued", "deferred", "failed", "suppressed"]),
  sent: new Set(["delivered", "undelivered", "failed"]),
  delivered: new Set(),
  undelivered: new Set(),
  failed: new Set(),
  suppressed: new Set(),
  cancelled: new Set(),
};

/** Narrows untrusted input (a document field, a webhook value) to a status. */
export function isMessageStatus(value: unknown): value is MessageStatus {
  return typeof value === "string" && (MESSAGE_STATUSES as readonly string[]).includes(value);
}

/** True when the message can never change status again. */
export function isFinal(status: MessageStatus): boolean {
  return FINAL_STATUSES.has(status);
}

/** True when `from` → `to` is one of the allowed moves; a status never moves to itself. */
export function canTransition(from: MessageStatus, to: MessageStatus): boolean {
  return TRANSITIONS[from].has(to);
}

/** A status change that the state machine does not allow was attempted. */
export class InvalidTransitionError extends Error {
  readonly from: MessageStatus;
  readonly to: MessageStatus;

  constructor(from: MessageStatus, to: MessageStatus) {
    super(`A message cannot go from "${from}" to "${to}"`);
    this.name = "InvalidTransitionError";
    this.from = from;
    this.to = to;
  }
}

/**
 * Guards a status write, typically inside the transaction that makes it.
 *
 * @throws InvalidTransitionError when the move is not allowed.
 */
export function assertTransition(from: MessageStatus, to: MessageStatus): void {
  if (!canTransition(from, to)) throw new InvalidTransitionError(from, to);
}
