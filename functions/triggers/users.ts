/**
 * `users/{uid}` written by a client app → keep its `sms_recipients` row in step, and record a
 * change of its marketing opt-in in the consent history.
 */
import { onDocumentWritten } from "firebase-functions/firestore";
import { readSettings } from "../params";

export const onUserWritten = onDocumentWritten(
  { document: "users/{userId}", retry: true },
  async (event) => {
    const { userId } = event.params;
    const before = event.data?.before.exists ? (event.data.before.data() ?? null) : null;
    const after = event.data?.after.exists ? (event.data.after.data() ?? null) : null;
    const [{ syncRecipient }, { recordMarketingConsent }] = await Promise.all([
      import("../services/recipients/rows"),
      import("../services/recipients/marketingConsent"),
    ]);
    const settings = readSettings();
    await Promise.all([
      syncRecipient(userId, after, settings),
      recordMarketingConsent(userId, before, after, event.id, settings),
    ]);
  },
);
