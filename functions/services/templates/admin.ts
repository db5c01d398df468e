/**
 * Managing templates from the web app: list (saved and built-in, marked), save, delete (a
 * built-in default comes back), preview. `sms_templates/{id}` overrides the built-in with the
 * same id when messages are rendered (data/templates.ts).
 */
import { NotFoundError, RequestError } from "../../errors";
import {
  builtInTemplate,
  deleteSavedTemplate,
  savedTemplate,
  savedTemplates,
  writeTemplate,
} from "../../data/templates";
import {
  catalogEntry,
  templateCatalog,
  type TemplateListEntry,
} from "../../domain/templateCatalog";
import { previewContent, type PreviewOutcome } from "../../domain/templateRules";
import {
  BUILT_IN_TEMPLATES,
  type Language,
  type MessageType,
  type TemplateVariant,
} from "../../domain/templates";

/** A listed template, with its A/B variants when it has some. */
export type TemplateEntry = TemplateListEntry & { variants?: TemplateVariant[] };

/** Every template, optionally of one type (the collection is small: people write it). */
export async function listTemplates(type?: MessageType): Promise<{ templates: TemplateEntry[] }> {
  const saved = await savedTemplates();
  const variantsById = new Map(
    saved.flatMap((template) =>
      template.variants ? [[template.templateId, template.variants] as const] : [],
    ),
  );
  const templates = templateCatalog(saved, BUILT_IN_TEMPLATES, type).map((entry) => {
    const variants = variantsById.get(entry.templateId);
    return variants ? { ...entry, variants } : entry;
  });
  return { templates };
}

/** A template to save, as the `saveTemplate` schema has checked it. */
export interface TemplateToSave {
  templateId: string;
  name: string;
  type: MessageType;
  content: Partial<Record<Language, string>> & { en: string };
  variables: string[];
  active?: boolean;
  /** Checked by the schema (domain/templateRules `variantIssues`); absent: no A/B test. */
  variants?: TemplateVariant[];
}

/**
 * Creates or replaces `sms_templates/{templateId}`; a missing `active` means active, missing
 * `variants` ends an A/B test the saved version had.
 */
export async function saveTemplate(
  template: TemplateToSave,
  savedBy: string,
): Promise<{ templateId: string }> {
  const { templateId, name, type, content, variables, active, variants } = template;
  await writeTemplate(
    templateId,
    { name, type, content, variables, active: active ?? true, ...(variants ? { variants } : {}) },
    savedBy,
  );
  return { templateId };
}

/**
 * Deletes the saved template; a built-in default with the same id is used again.
 *
 * @throws NotFoundError when nothing is saved under `templateId` (a built-in cannot be deleted).
 */
export async function deleteTemplate(templateId: string): Promise<{ deleted: true }> {
  if (!(await deleteSavedTemplate(templateId))) {
    throw new NotFoundError(
      builtInTemplate(templateId)
        ? `${templateId} is a built-in template with no saved version to delete.`
        : `No template ${templateId}.`,
    );
  }
  return { deleted: true };
}

/** What to preview: a template by id (one of its variants, when given), or else text. */
export interface PreviewSource {
  templateId?: string;
  variant?: string;
  content?: string | (Partial<Record<Language, string>> & { en: string });
}

/**
 * Renders a preview. A template id is read as `listTemplates` shows it: the saved version
 * (even while inactive, so it can be checked before it is switched on), else the built-in.
 * With `variant`, that variant's text is rendered instead of the template's content.
 *
 * @throws NotFoundError for an unknown template id.
 * @throws RequestError (at `variant`) when the template has no such variant.
 */
export async function previewTemplate(
  source: PreviewSource,
  language: Language,
  variables: Record<string, string | number>,
): Promise<PreviewOutcome> {
  const { templateId } = source;
  if (templateId === undefined) {
    const { content } = source;
    if (content === undefined) throw new Error("Nothing to preview: no templateId, no content.");
    return previewContent(
      typeof content === "string" ? { en: content } : content,
      language,
      variables,
    );
  }
  const saved = await savedTemplate(templateId);
  const entry = catalogEntry(saved, builtInTemplate(templateId));
  if (!entry) throw new NotFoundError(`No template ${templateId}.`);
  if (source.variant === undefined) return previewContent(entry.content, language, variables);
  const chosen = saved?.variants?.find((variant) => variant.id === source.variant);
  if (!chosen) {
    const known = saved?.variants?.map((variant) => variant.id).join(", ");
    throw new RequestError(
      "variant",
      known
        ? `${templateId} has no variant ${source.variant} (its variants: ${known})`
        : `${templateId} has no variants`,
    );
  }
  return previewContent(chosen.content, language, variables);
}
