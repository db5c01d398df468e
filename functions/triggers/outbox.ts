/**
 * The outbox trigger: a message created `queued` by a writer that does not send it itself (a
 * scheduled job's) comes with an `sms_outbox_queue/{messageId}` marker, whose creation runs
 * this. Messages sent where they are born (task and reminder triggers, replies, callables,
 * campaign batches) have no marker and cost no invocation here; scheduled sends, deferrals,
 * retries and a crash before a send are the sweep's.
 */
import { onDocumentCreated } from "firebase-functions/firestore";
import { readSettings, SENDING_SECRETS } from "../params";

export const onMessageCreated = onDocumentCreated(
  { document: "sms_outbox_queue/{messageId}", secrets: SENDING_SECRETS },
  async (event) => {
    const [{ deliverMessage }, { providerFor }] = await Promise.all([
      import("../services/outbox/delivery"),
      import("../services/outbox/providers"),
    ]);
    const settings = readSettings();
    // The claim reads the message itself: one no longer pending or due is left alone.
    await deliverMessage(event.params.messageId, {
      settings,
      provider: providerFor(settings.provider),
      now: new Date(),
    });
  },
);
