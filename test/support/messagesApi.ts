/**
 * The set-up of the manual-send and history callables' tests: users and a task with ids
 * prefixed `api-`, the stand-in Twilio, and an admin, a partner and a student signed in.
 */
import { adminDb, messagesFor, waitFor } from "./emulators";
import { seedUser, writeTask } from "./fixtures";
import { useTwilioStandIn, useWebClients } from "./lifecycle";

export type SendResponse = { messageId: string; status: string };

export async function messageCount(): Promise<number> {
  return (await adminDb().collection("sms_messages").count().get()).data().count;
}

/** Registers this file's hooks; the handles it returns work in any test. */
export function useMessagesApiFixture() {
  const twilio = useTwilioStandIn();
  const { clients, as, signedIn } = useWebClients();
  beforeAll(async () => {
    await seedUser("api-student", {
      name: "Sena Kurt",
      phone_number: "+15555550150",
      language: "tr",
    });
    await seedUser("api-other", { name: "Olcay", phone_number: "+15555550151" });
    await seedUser("api-partner", { name: "Pınar", role: "partner", phone_number: "+15555550152" });
    await writeTask("api-task", { assignedTo: "api-student", createdBy: "api-partner" });
    // The task's own notification is queued by its trigger: waited for here, so that it does
    // not land in the middle of a test that counts messages.
    await waitFor("api-task's notification", async () =>
      (await messagesFor("api-task")).length > 0 ? true : undefined,
    );
  });
  const admin = signedIn("api-admin", "admin");
  const partner = signedIn("api-partner", "partner");
  const student = signedIn("api-student", "student");
  return { twilio, clients, as, admin, partner, student };
}
