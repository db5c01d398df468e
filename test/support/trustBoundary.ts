/**
 * The set-up of the trust boundary tests: users with ids prefixed `tb-` (one of them opted out
 * with STOP, one in Canada), both stand-in providers, and the web clients the attackers and
 * admins sign in with.
 */
import { setLogLevel } from "firebase/firestore";
import { adminDb } from "./emulators";
import { seedUser } from "./fixtures";
import { useSnsStandIn, useTwilioStandIn, useWebClients } from "./lifecycle";

/** The sender allowance of `.env.demo-sms-test` (SMS_SENDER_RATE_LIMIT). */
export const SENDER_LIMIT = 30;
export const STOPPED = "+15555550170";
export const CANADA = "+14165550123";

export const denied = expect.objectContaining({ code: "permission-denied" });

/** Registers this file's hooks; the handles it returns work in any test. */
export function useTrustBoundaryFixture() {
  const twilio = useTwilioStandIn();
  const sns = useSnsStandIn();
  const { as } = useWebClients();

  beforeAll(async () => {
    // Denied writes are the point here; the web SDK would log each one.
    setLogLevel("silent");
    await seedUser("tb-student", { name: "Deniz", phone_number: "+15555550171" });
    await seedUser("tb-other", { name: "Ece", phone_number: "+15555550172" });
    await seedUser("tb-stopped", { name: "Stopped", phone_number: STOPPED });
    await seedUser("tb-canadian", { name: "Cam", phone_number: CANADA });
    await seedUser("tb-partner", { name: "Pelin", role: "partner", phone_number: "+15555550173" });
    await adminDb().collection("sms_suppressions").doc(STOPPED).set({
      reason: "STOP",
      source: "keyword",
      createdAt: new Date(),
    });
  });

  /** Whether either stand-in received anything for `number` (SMS, WhatsApp or a call). */
  function reached(number: string): boolean {
    return (
      twilio.requests.some((r) => (r.form.To ?? "").replace(/^whatsapp:/, "") === number) ||
      sns.requests.some((r) => r.form.PhoneNumber === number)
    );
  }

  return { twilio, as, reached };
}
