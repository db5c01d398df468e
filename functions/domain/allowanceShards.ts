/**
 * A sender's allowance split over shards, so the messages one sender causes at once (a partner
 * assigning a task to a class) are not serialised behind one document. Shard `i` holds its own
 * window (domain/allowance) and may grant at most its part of the hourly limit; the parts add
 * up to the limit exactly, so however the charges spread, the sender never gets more than the
 * limit. A charge tries the shard its key (a message id) points to; only when that one has no
 * room does it read every shard and take what is left wherever it is, so the whole limit can
 * still be used.
 */
import { createHash } from "node:crypto";
import { reserve, usedInWindow } from "./allowance";

/** Shards per sender. */
export const ALLOWANCE_SHARDS = 16;

/** The shard a charge keyed by `key` tries first: spread over the shards, stable for a key. */
export function preferredShard(key: string): number {
  return createHash("sha256").update(key, "utf8").digest().readUInt32BE(0) % ALLOWANCE_SHARDS;
}

/** Shard `shard`'s part of a positive `limit`: the parts of all shards add up to `limit`. */
export function shardLimit(limit: number, shard: number): number {
  return Math.floor(limit / ALLOWANCE_SHARDS) + (shard < limit % ALLOWANCE_SHARDS ? 1 : 0);
}

export interface ShardedReservation {
  ok: boolean;
  granted: number;
  /** Charged in the last hour in the shards read (the sender's total when all were read). */
  used: number;
  /** The new window of each shard charged. */
  windows: Map<number, Record<string, number>>;
}

/**
 * Charges up to `count` to the shards read (`shards`: stored window by shard number), starting
 * at `first` and going round. `partial`: grant what fits; otherwise all or nothing. A limit of
 * 0 or less means no limit (nothing is recorded).
 */
export function reserveInShards(
  shards: ReadonlyMap<number, unknown>,
  count: number,
  limit: number,
  now: Date,
  partial: boolean,
  first: number,
): ShardedReservation {
  if (limit <= 0) return { ok: true, granted: count, used: 0, windows: new Map() };
  const distance = (shard: number) => (shard - first + ALLOWANCE_SHARDS) % ALLOWANCE_SHARDS;
  const order = [...shards.keys()].sort((a, b) => distance(a) - distance(b));
  const used = order.map((shard) => usedInWindow(shards.get(shard), now));
  const rooms = order.map((shard, i) => Math.max(shardLimit(limit, shard) - used[i], 0));
  const totalRoom = rooms.reduce((sum, room) => sum + room, 0);
  const granted = count <= totalRoom ? count : partial ? totalRoom : 0;
  const windows = new Map<number, Record<string, number>>();
  let left = granted;
  order.forEach((shard, i) => {
    const take = Math.min(rooms[i], left);
    if (take <= 0) return;
    windows.set(shard, reserve(shards.get(shard), take, shardLimit(limit, shard), now).window);
    left -= take;
  });
  return {
    ok: granted === count,
    granted,
    used: used.reduce((sum, n) => sum + n, 0),
    windows,
  };
}
