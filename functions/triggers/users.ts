/** `users/{uid}` written by a client app → keep its `sms_recipients` row in step. */
import { onDocumentWritten } from "firebase-functions/firestore";
import { readSettings } from "../params";

export const onUserWritten = onDocumentWritten(
  { document: "users/{userId}", retry: true },
  async (event) => {
    const after = event.data?.after;
    const { syncRecipient } = await import("../services/recipients/rows");
    await syncRecipient(event.params.userId, after?.exists ? after.data() : null, readSettings());
  },
);
