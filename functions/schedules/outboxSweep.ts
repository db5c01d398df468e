/** Every minute: re-queue lapsed claims and deliver due retries and scheduled sends. */
import { onSchedule } from "firebase-functions/scheduler";
import { readSettings, SENDING_SECRETS } from "../params";
import { scheduledNow } from "./scheduledNow";

export const sweepOutboxJob = onSchedule(
  { schedule: "every 1 minutes", secrets: SENDING_SECRETS, timeoutSeconds: 300 },
  async (event) => {
    const [{ sweepOutbox }, { providerFor }] = await Promise.all([
      import("../services/outbox/sweep"),
      import("../services/outbox/providers"),
    ]);
    const settings = readSettings();
    await sweepOutbox({
      settings,
      provider: providerFor(settings.provider),
      now: scheduledNow(event.scheduleTime),
    });
  },
);
