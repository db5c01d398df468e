/** Renders a scheduled notification in its recipient's language and queues it in the outbox. */
import { compose, type Composed } from "../outbox/compose";
import { loadTemplate } from "../../data/templates";
import { TemplateVariableError, type TemplateDefinition } from "../../domain/templates";
import type { Sender } from "../../domain/allowance";
import { enqueueMessage } from "../outbox/enqueue";
import type { JobDeps } from "./runner";
import type { JobRecipient } from "./recipientJob";

export interface ScheduledMessage {
  /** Deterministic id (domain/scheduledMessages). */
  id: string;
  template: TemplateDefinition;
  variables: Record<string, string | number>;
  recipient: JobRecipient;
  taskId?: string;
  /** Who asked for it (an on-demand summary); charged to their allowance. */
  sender?: Sender;
  /** The number is in `sms_suppressions`: recorded `suppressed`, as a campaign records it. */
  optedOut?: boolean;
}

/** The template a job renders (a saved override, else the built-in); loaded once per run. */
export async function requireTemplate(templateId: string): Promise<TemplateDefinition> {
  const template = await loadTemplate(templateId);
  if (!template) throw new Error(`No template ${templateId}`);
  return template;
}

/** What the job reports for a recipient whose number opted out (its message is recorded). */
export const OPTED_OUT_SKIP = "opted out (sms_suppressions)";

/**
 * Queues one message under its id. A saved template that asks for a variable the job does not
 * provide is a skip with the reason, not a crash of the whole run; an opted-out number's
 * message is recorded `suppressed` and reported as a skip.
 */
export async function queueRendered(
  message: ScheduledMessage,
  deps: JobDeps,
): Promise<"queued" | "alreadyQueued" | { skip: string }> {
  const { recipient, template } = message;
  if (!recipient.phone) return { skip: "no valid phone number" };
  let composed: Composed;
  try {
    composed = compose(template, recipient.language, message.variables);
  } catch (error) {
    if (!(error instanceof TemplateVariableError)) throw error;
    return { skip: `template ${template.id}: ${error.message}` };
  }
  const result = await enqueueMessage(
    {
      id: message.id,
      to: recipient.phone,
      ...composed,
      userId: recipient.userId,
      taskId: message.taskId,
      sender: message.sender,
      timeZone: recipient.timeZone,
      optedOut: message.optedOut,
    },
    deps.settings,
    deps.now,
  );
  if (result.reason === "sender_limit") return { skip: "sender_limit" };
  if (result.status === "suppressed") return { skip: OPTED_OUT_SKIP };
  return result.created ? "queued" : "alreadyQueued";
}
