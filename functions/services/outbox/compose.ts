/**
 * Composing a message from a template: the text in the recipient's language (English when the
 * template has none), rendered with its variables, and the template's id and type, which is
 * what a message records and what decides its urgency. Every path that sends a template goes
 * through here. A template with A/B variants is rendered in each of them too; the outbox picks
 * one by message id when it records the message (./variant), the one place every id is known.
 * Pure.
 */
import {
  pickContent,
  renderTemplate,
  type Language,
  type MessageType,
  type TemplateDefinition,
} from "../../domain/templates";
import { renderVariants, type RenderedVariant } from "../../domain/templateVariants";

/** The parts of a new message (outbox/record) that come from its template. */
export interface Composed {
  body: string;
  /** The language used, which is English when the template lacks the one asked for. */
  language: Language;
  templateId: string;
  type: MessageType;
  /**
   * Only for a template with variants: each rendered; the message is recorded with the one its
   * id chooses (its body, language and `variant`), never with `body` above.
   */
  variants?: RenderedVariant[];
}

/**
 * Renders `template` for a recipient who reads `language`.
 *
 * @throws TemplateVariableError when a placeholder has no value.
 */
export function compose(
  template: TemplateDefinition,
  language: Language,
  variables: Record<string, string | number> = {},
): Composed {
  const picked = pickContent(template.content, language);
  const composed: Composed = {
    body: renderTemplate(picked.text, variables),
    language: picked.language,
    templateId: template.id,
    type: template.type,
  };
  if (template.variants && template.variants.length > 0) {
    composed.variants = renderVariants(template.variants, language, variables);
  }
  return composed;
}

/** The language `template` will be rendered in for a reader of `language`. */
export function languageFor(template: TemplateDefinition, language: Language): Language {
  return pickContent(template.content, language).language;
}
