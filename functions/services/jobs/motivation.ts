/**
 * `motivation` (docs/contract.md §4): at 18:00 local, every student gets a `motivational` message built
 * on their `daily_streak`, with a line that changes from day to day (domain/motivation).
 * Id `motivation_<uid>_<localDate>`.
 */
import { scheduledMessageId } from "../outbox/ids";
import { localDateKey } from "../../domain/localSchedule";
import { motivationLine } from "../../domain/motivation";

import { runRecipientJob } from "./recipientJob";
import { requireTemplate } from "./queue";
import type { JobDeps, JobReport } from "./runner";

export const MOTIVATION_HOUR = 18;

/** One run of the 18:00 motivation at `deps.now`. */
export async function runMotivation(deps: JobDeps): Promise<JobReport> {
  const template = await requireTemplate("motivational");
  return runRecipientJob(
    {
      name: "motivation",
      hour: MOTIVATION_HOUR,
      audience: "students",
      async decide(recipient, now) {
        const localDate = localDateKey(now, recipient.timeZone);
        const streak = recipient.dailyStreak;
        return {
          id: scheduledMessageId.motivation(recipient.userId, localDate),
          template,
          variables: {
            name: recipient.name,
            streak,
            message: motivationLine(streak, recipient.language, localDate, recipient.userId),
          },
        };
      },
    },
    deps,
  );
}
