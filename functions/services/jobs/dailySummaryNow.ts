/** The on-demand daily summary (`sendDailySummary`): today's counts, sent now. */
import { dailySummaryNowId } from "../outbox/ids";
import { requireTemplate, queueRendered } from "./queue";
import { toJobRecipient } from "./recipientJob";
import { dailyCounts } from "./dailySummary";
import { recipientRowOf } from "../../data/recipients";
import { localParts } from "../../domain/localSchedule";
import type { Settings } from "../../params";
import { LimitError, NotFoundError, PreconditionError, type Caller } from "../../errors";

/**
 * Queues `userId`'s summary as of `now`. One per minute at most: the id carries the local
 * minute, so a double click sends one message.
 */
export async function sendDailySummaryNow(
  userId: string,
  caller: Caller,
  settings: Settings,
  now: Date,
): Promise<{ messageId: string }> {
  const row = await recipientRowOf(userId);
  const recipient = row ? toJobRecipient(userId, row, settings) : undefined;
  if (!recipient) throw new NotFoundError(`No user ${userId}.`);
  if (!recipient.phone) throw new PreconditionError("This user has no valid phone number.");
  const template = await requireTemplate("daily_summary");
  const counts = await dailyCounts(userId, now, recipient.timeZone);
  const local = localParts(now, recipient.timeZone);
  const minute = `${local.date}T${String(local.hour).padStart(2, "0")}${String(local.minute).padStart(2, "0")}`;
  const id = dailySummaryNowId(userId, minute);
  const result = await queueRendered(
    { id, template, recipient, variables: { name: recipient.name, ...counts }, sender: caller },
    { settings, now },
  );
  if (typeof result === "object" && result.skip === "sender_limit") {
    throw new LimitError("This account has used its allowance of messages for this hour.");
  }
  if (typeof result === "object") throw new PreconditionError(result.skip);
  return { messageId: id };
}
