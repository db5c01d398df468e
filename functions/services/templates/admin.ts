/**
 * Managing templates from the web app: list (saved and built-in, marked), save, delete (a
 * built-in default comes back), preview. `sms_templates/{id}` overrides the built-in with the
 * same id when messages are rendered (data/templates.ts).
 */
import { NotFoundError } from "../../errors";
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
import { BUILT_IN_TEMPLATES, type Language, type MessageType } from "../../domain/templates";

/** Every template, optionally of one type (the collection is small: people write it). */
export async function listTemplates(
  type?: MessageType,
): Promise<{ templates: TemplateListEntry[] }> {
  return { templates: templateCatalog(await savedTemplates(), BUILT_IN_TEMPLATES, type) };
}

/** A template to save, as the `saveTemplate` schema has checked it. */
export interface TemplateToSave {
  templateId: string;
  name: string;
  type: MessageType;
  content: Partial<Record<Language, string>> & { en: string };
  variables: string[];
  active?: boolean;
}

/** Creates or replaces `sms_templates/{templateId}`; a missing `active` means active. */
export async function saveTemplate(
  template: TemplateToSave,
  savedBy: string,
): Promise<{ templateId: string }> {
  const { templateId, name, type, content, variables, active } = template;
  await writeTemplate(
    templateId,
    { name, type, content, variables, active: active ?? true },
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

/** What to preview: a template by id, or else text (one string, or per language). */
export interface PreviewSource {
  templateId?: string;
  content?: string | (Partial<Record<Language, string>> & { en: string });
}

/**
 * Renders a preview. A template id is read as `listTemplates` shows it: the saved version
 * (even while inactive, so it can be checked before it is switched on), else the built-in.
 *
 * @throws NotFoundError for an unknown template id.
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
  const entry = catalogEntry(await savedTemplate(templateId), builtInTemplate(templateId));
  if (!entry) throw new NotFoundError(`No template ${templateId}.`);
  return previewContent(entry.content, language, variables);
}
