/** A new `sms_messages` document → deliver it now when it is queued and due. */
import { onDocumentCreated } from "firebase-functions/firestore";
import { readSettings, SENDING_SECRETS } from "../params";

export const onMessageCreated = onDocumentCreated(
  { document: "sms_messages/{messageId}", secrets: SENDING_SECRETS },
  async (event) => {
    // Scheduled, failed-at-queue and other non-queued messages are the sweep's or nobody's;
    // a campaign batch delivers its own messages.
    if (event.data?.get("status") !== "queued" || event.data.get("deliveredInline") === true) {
      return;
    }
    const [{ deliverMessage }, { providerFor }] = await Promise.all([
      import("../services/outbox/delivery"),
      import("../services/outbox/providers"),
    ]);
    const settings = readSettings();
    await deliverMessage(event.params.messageId, {
      settings,
      provider: providerFor(settings.provider),
      now: new Date(),
    });
  },
);
