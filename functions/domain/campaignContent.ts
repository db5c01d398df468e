/**
 * What one recipient of a campaign is sent: the campaign's literal body, or its template in the
 * recipient's language with their name variables and the campaign's own. A template that has
 * gone, or that now needs a variable the campaign lacks, is a reason to skip the recipient
 * (returned as a value), not an error: the rest of the batch still goes out. Pure.
 */
import { recipientVariables } from "./campaigns";
import {
  pickContent,
  renderTemplate,
  TemplateVariableError,
  type Language,
  type TemplateDefinition,
} from "./templates";
import { renderVariants, type RenderedVariant } from "./templateVariants";

/** What a campaign says. */
export interface CampaignText {
  templateId: string | null;
  body: string | null;
  variables: Record<string, string | number>;
}

/**
 * The rendered message, or why the recipient gets none. `variants`: the template's A/B
 * variants, each rendered, when it has some (the outbox picks one by message id).
 */
export type CampaignContent =
  | { ok: true; body: string; language: Language; variants?: RenderedVariant[] }
  | { ok: false; reason: string };

/**
 * The message for a recipient who reads `language` and is called `name`. `template` is the
 * campaign's template as it is now (undefined when it was deleted); the language returned is
 * the one used, English when the template lacks the recipient's.
 *
 * @throws Error when the template has no content in any language (never a saved, valid one).
 */
export function campaignContent(
  campaign: CampaignText,
  template: TemplateDefinition | undefined,
  recipient: { name: string | null; language: Language },
): CampaignContent {
  const { language } = recipient;
  if (!campaign.templateId) return { ok: true, body: campaign.body ?? "", language };
  // Deleted since the campaign was created.
  if (!template) return { ok: false, reason: `No template ${campaign.templateId}.` };
  // The campaign's own variables win over the recipient's, as createCampaign allowed them to.
  const variables = { ...recipientVariables(recipient.name, language), ...campaign.variables };
  const picked = pickContent(template.content, language);
  try {
    const body = renderTemplate(picked.text, variables);
    const variants = template.variants?.length
      ? { variants: renderVariants(template.variants, language, variables) }
      : {};
    return { ok: true, body, language: picked.language, ...variants };
  } catch (error) {
    // The template changed since the campaign was created and now needs another variable.
    if (error instanceof TemplateVariableError) {
      return { ok: false, reason: `missing template variables: ${error.missing.join(", ")}` };
    }
    throw error;
  }
}
