/**
 * `sms_partner_students/{partner}/students/{student}` exists while the partner has a task
 * assigned to the student. The rules read it (they cannot query) to let a partner write a
 * reminder for their own students only. Each sync asks the tasks themselves, so a trigger that
 * runs late or twice still leaves the current truth.
 */
import { isPartnerLinkStored, storePartnerLink } from "../../data/tasks";
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

/** Brings the links of a task's author and assignee, before and after a write, up to date. */
export async function syncPartnerLinks(before: unknown, after: unknown): Promise<void> {
  const pairs = new Map<string, Pair>();
  for (const pair of [pairOf(before), pairOf(after)]) {
    if (pair) pairs.set(`${pair.partnerId}/${pair.studentId}`, pair);
  }
  await Promise.all([...pairs.values()].map(syncPair));
}
