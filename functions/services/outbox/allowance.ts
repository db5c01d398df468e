/**
 * Charging the sender's allowance (domain/allowance), kept in shards (domain/allowanceShards):
 * inside the transaction that queues the messages (`startCharge`, `completeCharge`), or in a
 * transaction of its own (`charge`): in part (a campaign batch: what is past it is recorded
 * `suppressed`), or all at once (a callable's request, refused whole).
 */
import { randomInt } from "node:crypto";
import type { Transaction } from "firebase-admin/firestore";
import {
  readAllowanceShard,
  readAllowanceShards,
  writeAllowanceShards,
} from "../../data/allowances";
import { runTransaction } from "../../data/firestore";
import { allowanceFor, type Sender } from "../../domain/allowance";
import {
  ALLOWANCE_SHARDS,
  reserveInShards,
  type ShardedReservation,
} from "../../domain/allowanceShards";
import { LimitError } from "../../errors";
import type { Settings } from "../../params";

/** A charge whose first read has started with the rest of its transaction's reads. */
export interface PendingCharge {
  tx: Transaction;
  uid: string;
  first: number;
  firstWindow: Promise<unknown>;
}

/** Starts a charge to `uid` in `tx` by reading shard `first` (domain/allowanceShards). */
export function startCharge(tx: Transaction, uid: string, first: number): PendingCharge {
  const firstWindow = readAllowanceShard(tx, uid, first);
  // Awaited later, by completeCharge: a failure it never gets to (another read of the
  // transaction failed first) must not become an unhandled rejection.
  firstWindow.catch(() => undefined);
  return { tx, uid, first, firstWindow };
}

/**
 * Charges up to `count` (all or nothing unless `partial`): from the first shard when it has
 * room, else from every shard, read then. `write` stages the charged shards; call it after the
 * transaction's last read.
 */
export async function completeCharge(
  { tx, uid, first, firstWindow }: PendingCharge,
  count: number,
  limit: number,
  now: Date,
  partial: boolean,
): Promise<ShardedReservation & { write(): void }> {
  let reservation = reserveInShards(
    new Map([[first, await firstWindow]]),
    count,
    limit,
    now,
    false,
    first,
  );
  if (!reservation.ok) {
    const shards = await readAllowanceShards(tx, uid);
    reservation = reserveInShards(shards, count, limit, now, partial, first);
  }
  const { windows } = reservation;
  return { ...reservation, write: () => writeAllowanceShards(tx, uid, windows, now) };
}

/** Charges up to `count` to the sender in a transaction of its allowance alone; the grant. */
export async function charge(
  sender: Sender,
  count: number,
  limit: number,
  now: Date,
  partial: boolean,
): Promise<number> {
  return runTransaction(async (tx) => {
    const pending = startCharge(tx, sender.uid, randomInt(ALLOWANCE_SHARDS));
    const reservation = await completeCharge(pending, count, limit, now, partial);
    if (!reservation.ok && !partial) {
      throw new LimitError(
        `This account may send ${limit} messages per hour; ${reservation.used} were sent in the last hour.`,
      );
    }
    reservation.write();
    return reservation.granted;
  });
}

/**
 * Charges `count` messages to the sender at once, or throws LimitError and charges nothing:
 * for a callable's request, which is refused whole rather than sent in part.
 */
export async function reserveAllowance(
  sender: Sender,
  count: number,
  settings: Settings,
  now: Date,
): Promise<void> {
  await charge(sender, count, allowanceFor(sender, settings), now, false);
}
