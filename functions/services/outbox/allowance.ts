/**
 * Charging the sender's allowance (domain/allowance) in a transaction of its document alone:
 * in part (a campaign batch: what is past it is recorded `suppressed`), or all at once (a
 * callable's request, refused whole).
 */
import { readAllowance, writeAllowance } from "../../data/allowances";
import { runTransaction } from "../../data/firestore";
import { allowanceFor, reserve, type Sender } from "../../domain/allowance";
import { LimitError } from "../../errors";
import type { Settings } from "../../params";

/** Charges up to `count` to the sender in a transaction of its allowance alone; the grant. */
export async function charge(
  sender: Sender,
  count: number,
  limit: number,
  now: Date,
  partial: boolean,
): Promise<number> {
  return runTransaction(async (tx) => {
    const reservation = reserve(await readAllowance(tx, sender.uid), count, limit, now, partial);
    if (!reservation.ok && !partial) {
      throw new LimitError(
        `This account may send ${limit} messages per hour; ${reservation.used} were sent in the last hour.`,
      );
    }
    if (reservation.granted > 0) writeAllowance(tx, sender.uid, reservation.window, now);
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
