/**
 * `sms_partner_students/{partner}/students/{student}` exists while the partner has a task
 * assigned to the student. The rules read it (they cannot query) to let a partner write a
 * reminder for their own students only. Each sync asks the tasks themselves, so a trigger that
 * runs late or twice still leaves the current truth.
 */
import { FieldValue } from "firebase-admin/firestore";
import { COLLECTIONS, db } from "../../data/firestore";
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

function linkRef({ partnerId, studentId }: Pair) {
  return db()
    .collection(COLLECTIONS.partnerStudents)
    .doc(partnerId)
    .collection("students")
    .doc(studentId);
}

async function syncPair(pair: Pair): Promise<void> {
  const ref = linkRef(pair);
  const [linked, stored] = await Promise.all([
    hasAssignedTask(pair.partnerId, pair.studentId),
    ref.get(),
  ]);
  if (linked && !stored.exists) await ref.set({ since: FieldValue.serverTimestamp() });
  if (!linked && stored.exists) await ref.delete();
}

/** Brings the links of a task's author and assignee, before and after a write, up to date. */
export async function syncPartnerLinks(before: unknown, after: unknown): Promise<void> {
  const pairs = new Map<string, Pair>();
  for (const pair of [pairOf(before), pairOf(after)]) {
    if (pair) pairs.set(`${pair.partnerId}/${pair.studentId}`, pair);
  }
  await Promise.all([...pairs.values()].map(syncPair));
}
