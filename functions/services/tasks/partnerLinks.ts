/**
 * `sms_partner_students/{partner}/students/{student}` exists while the partner has a task
 * assigned to the student. The rules read it (they cannot query) to let a partner write a
 * reminder for their own students only. Each sync asks the tasks themselves, so a trigger that
 * runs late or twice still leaves the current truth.
 */
import type { Transaction } from "firebase-admin/firestore";
import {
  isPartnerLinkStored,
  isPartnerLinkStoredIn,
  storePartnerLink,
  storePartnerLinkIn,
} from "../../data/tasks";
import { hasAssignedTask } from "../users/authority";

interface Pair {
  partnerId: string;
  studentId: string;
}

function pairOf(data: unknown): Pair | undefined {
  if (typeof data !== "object" || data === null) return undefined;
  const { createdBy, assignedTo } = data as Record<string, unknown>;
  if (typeof createdBy !== "string" || typeof assignedTo !== "string") return undefined;
  if (!createdBy || !assignedTo || createdBy === assignedTo) return undefined;
  return { partnerId: createdBy, studentId: assignedTo };
}

async function syncPair({ partnerId, studentId }: Pair): Promise<void> {
  const [linked, stored] = await Promise.all([
    hasAssignedTask(partnerId, studentId),
    isPartnerLinkStored(partnerId, studentId),
  ]);
  if (linked !== stored) await storePartnerLink(partnerId, studentId, linked);
}

/** The distinct author–assignee pairs of these task documents. */
function pairsOf(...tasks: unknown[]): Pair[] {
  const pairs = new Map<string, Pair>();
  for (const pair of tasks.map(pairOf)) {
    if (pair) pairs.set(`${pair.partnerId}/${pair.studentId}`, pair);
  }
  return [...pairs.values()];
}

const samePair = (a: Pair, b: Pair | undefined) =>
  a.partnerId === b?.partnerId && a.studentId === b.studentId;

/** Brings the links of a task's author and assignee, before and after a write, up to date. */
export async function syncPartnerLinks(before: unknown, after: unknown): Promise<void> {
  await Promise.all(pairsOf(before, after).map(syncPair));
}

/** Partner links synced inside a transaction that reads the task itself. */
export interface StagedPartnerLinks {
  /** Stages the links the task read proves; call after every read of the transaction. */
  write(): void;
  /** Brings the other pairs up to date after the commit (each asks the tasks). */
  syncRest(): Promise<void>;
}

/**
 * Reads, inside `tx`, the links of the pairs of a task write. A pair the task has now (as
 * `current`, read in the same transaction) is linked without asking the tasks: it is stored
 * in the same commit when missing. Only a pair the task no longer has needs the query, after.
 */
export async function stagePartnerLinks(
  tx: Transaction,
  before: unknown,
  after: unknown,
  current: Promise<unknown>,
): Promise<StagedPartnerLinks> {
  const pairs = pairsOf(before, after);
  const [stored, now] = await Promise.all([
    Promise.all(pairs.map((pair) => isPartnerLinkStoredIn(tx, pair.partnerId, pair.studentId))),
    current,
  ]);
  const held = pairOf(now);
  return {
    write() {
      pairs.forEach((pair, i) => {
        if (samePair(pair, held) && !stored[i]) {
          storePartnerLinkIn(tx, pair.partnerId, pair.studentId);
        }
      });
    },
    syncRest: () => Promise.all(pairs.filter((pair) => !samePair(pair, held)).map(syncPair)).then(),
  };
}
