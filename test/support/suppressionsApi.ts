/**
 * The set-up of the opt-out callables' tests: the stand-in Twilio (so a message that should be
 * suppressed would be seen going out), an admin, a partner and a student signed in, and reads
 * of `sms_suppressions` and `sms_consent_events` as the tests check them.
 */
import { Timestamp } from "firebase-admin/firestore";
import { adminDb } from "./emulators";
import { useTwilioStandIn, useWebClients } from "./lifecycle";

export { failure } from "./templatesApi";

const suppressions = () => adminDb().collection("sms_suppressions");

/** The number's suppression as stored, or undefined. */
export async function suppression(phone: string) {
  return (await suppressions().doc(phone).get()).data();
}

/** Writes a suppression as another path would (a STOP, a provider's report), at `createdAt`. */
export async function seedSuppression(
  phone: string,
  fields: { source: string; reason: string; keyword?: string },
  createdAt = new Date(),
): Promise<void> {
  await suppressions()
    .doc(phone)
    .set({
      keyword: null,
      channel: "sms",
      createdBy: null,
      provider: null,
      userId: null,
      ...fields,
      createdAt: Timestamp.fromDate(createdAt),
    });
}

/** The number's consent history, oldest first. */
export async function consentEvents(phone: string) {
  const events = await adminDb().collection("sms_consent_events").where("phone", "==", phone).get();
  return events.docs.map((doc) => doc.data()).sort((a, b) => a.at.toMillis() - b.at.toMillis());
}

/** How many suppressions and consent events there are: what a refused call must not change. */
export async function consentCounts(): Promise<{ suppressions: number; events: number }> {
  const [list, events] = await Promise.all([
    suppressions().count().get(),
    adminDb().collection("sms_consent_events").count().get(),
  ]);
  return { suppressions: list.data().count, events: events.data().count };
}

/** Registers this file's hooks; the handles it returns work in any test. */
export function useSuppressionsApiFixture() {
  const twilio = useTwilioStandIn();
  const { signedIn } = useWebClients();
  const admin = signedIn("api-dnc-admin", "admin");
  const partner = signedIn("api-dnc-partner", "partner");
  const student = signedIn("api-dnc-student", "student");
  return { twilio, admin, partner, student };
}
