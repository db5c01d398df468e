/** Every minute: re-queue lapsed claims and deliver due retries and scheduled sends. */
import { onSchedule } from "firebase-functions/scheduler";
import { readSettings, SENDING_SECRETS } from "../params";

export const sweepOutboxJob = onSchedule(
  { schedule: "every 1 minutes", secrets: SENDING_SECRETS, timeoutSeconds: 300 },
  async (event) => {
    const [{ sweepOutbox }, { providerFor }] = await Promise.all([
      import("../services/sweep"),
      import("../services/providers"),
    ]);
    const settings = readSettings();
    // The scheduled time, not the clock: a late run still handles what was due when it fired,
    // and a run fired by hand with a chosen time acts as of that time.
    const now = new Date(event.scheduleTime);
    await sweepOutbox({
      settings,
      provider: providerFor(settings.provider),
      now: isNaN(now.getTime()) ? new Date() : now,
    });
  },
);
