/**
 * The template catalogue the web app lists (`listTemplates`): the saved templates and the
 * built-in defaults, each once, marked. Pure: the caller reads `sms_templates`.
 */
import { contentVariables } from "./templateRules";
import { LANGUAGES, type Language, type MessageType, type TemplateDefinition } from "./templates";

/** A well-formed `sms_templates` document. */
export interface SavedTemplate {
  templateId: string;
  name?: string;
  type?: MessageType;
  content: Partial<Record<Language, string>> & { en: string };
  /** False only when the document says so; a missing `active` means active. */
  active: boolean;
}

/** One template as the web app sees it. */
export interface TemplateListEntry {
  templateId: string;
  name: string;
  type: MessageType;
  content: Partial<Record<Language, string>> & { en: string };
  /** Placeholder names used in any language, English first. */
  variables: string[];
  active: boolean;
  /** A built-in default has this id (deleting a saved override brings it back). */
  builtIn: boolean;
  /**
   * A saved document replaces the built-in default: this entry shows the saved one. While it is
   * inactive, messages use the built-in text.
   */
  overridden: boolean;
}

/** The supported languages of `content`, copied, so callers cannot change a built-in. */
function copyContent(content: TemplateListEntry["content"]): TemplateListEntry["content"] {
  const copy: TemplateListEntry["content"] = { en: content.en };
  for (const language of LANGUAGES) {
    const text = content[language];
    if (typeof text === "string" && text !== "") copy[language] = text;
  }
  return copy;
}

/**
 * The entry for one id: the saved template when there is one (its type is the built-in's, as
 * when it is sent), else the built-in; undefined when neither exists.
 */
export function catalogEntry(
  saved: SavedTemplate | undefined,
  builtIn: TemplateDefinition | undefined,
): TemplateListEntry | undefined {
  if (saved) {
    const content = copyContent(saved.content);
    return {
      templateId: saved.templateId,
      name: saved.name ?? builtIn?.name ?? saved.templateId,
      type: builtIn?.type ?? saved.type ?? "manual",
      content,
      variables: contentVariables(content),
      active: saved.active,
      builtIn: builtIn !== undefined,
      overridden: builtIn !== undefined,
    };
  }
  if (!builtIn) return undefined;
  const content = copyContent(builtIn.content);
  return {
    templateId: builtIn.id,
    name: builtIn.name,
    type: builtIn.type,
    content,
    variables: contentVariables(content),
    active: true,
    builtIn: true,
    overridden: false,
  };
}

/**
 * Every template, sorted by id: saved ones, and the built-ins no saved one overrides.
 * With `type`, only templates of that type.
 */
export function templateCatalog(
  saved: SavedTemplate[],
  builtIns: Readonly<Record<string, TemplateDefinition>>,
  type?: MessageType,
): TemplateListEntry[] {
  const savedById = new Map(saved.map((template) => [template.templateId, template]));
  const ids = new Set([...Object.keys(builtIns), ...savedById.keys()]);
  return [...ids]
    .sort()
    .map((id) =>
      catalogEntry(savedById.get(id), Object.hasOwn(builtIns, id) ? builtIns[id] : undefined),
    )
    .filter((entry): entry is TemplateListEntry => entry !== undefined)
    .filter((entry) => type === undefined || entry.type === type);
}
