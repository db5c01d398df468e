/**
 * `mail/{mailId}` written by the Trigger Email extension → the status of the email message it
 * was handed (services/outbox/email). Mail that is not ours, and states still on their way, are
 * left alone; a redelivered event finds the message already past `sending` and does nothing.
 */
import { onDocumentWritten } from "firebase-functions/firestore";

export const onMailWritten = onDocumentWritten(
  { document: "mail/{mailId}", retry: true },
  async (event) => {
    const after = event.data?.after;
    if (!after?.exists) return;
    const [{ recordMailDelivery }, { firestoreDeliveryStore }] = await Promise.all([
      import("../services/outbox/email"),
      import("../data/delivery"),
    ]);
    await recordMailDelivery(
      event.params.mailId,
      after.data(),
      firestoreDeliveryStore(),
      new Date(),
    );
  },
);
