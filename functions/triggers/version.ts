/** Identifies one write of a document, the same on every redelivery of its event. */
import type { DocumentSnapshot } from "firebase-admin/firestore";

/** The document's update time (seconds + nanoseconds), else the event id. */
export function writeVersion(snapshot: DocumentSnapshot, eventId: string): string {
  const time = snapshot.updateTime;
  if (!time) return eventId;
  return `${time.seconds}${String(time.nanoseconds).padStart(9, "0")}`;
}
