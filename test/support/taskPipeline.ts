/**
 * The set-up of the task pipeline tests: both stand-in providers and what each received for a
 * number, and the messages about a task once they have settled. Each test uses its own users,
 * phone numbers and task ids, so one test's stand-in requests are told apart by the `To` number.
 */
import { messagesFor, waitFor } from "./emulators";
import { useSnsStandIn, useTwilioStandIn } from "./lifecycle";

/** Registers this file's stand-ins; the handles it returns work in any test. */
export function useProviderStandIns() {
  const twilio = useTwilioStandIn();
  const sns = useSnsStandIn();
  const twilioTo = (phone: string) => twilio.requests.filter((r) => r.form.To === phone);
  const snsTo = (phone: string) => sns.requests.filter((r) => r.form.PhoneNumber === phone);
  return { twilio, sns, twilioTo, snsTo };
}

/** The messages about a task once there are `count` of them in a status matching `done`. */
export async function settledMessages(
  taskId: string,
  count: number,
  done: (status: string) => boolean = (status) => status === "sent",
) {
  return waitFor(`${count} settled messages for ${taskId}`, async () => {
    const messages = await messagesFor(taskId);
    const settled = messages.filter((m) => done(m.status));
    return settled.length >= count ? messages : undefined;
  });
}
