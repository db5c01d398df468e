/**
 * Rules for the templates people write through the web app (`saveTemplate`,
 * `previewTemplate`): placeholders against declared variables, and previews with the size the
 * message is billed at. Pure: no Firebase, no I/O.
 */
import { countSegments, type Encoding } from "./segments";
import {
  BUILT_IN_TEMPLATES,
  LANGUAGES,
  pickContent,
  renderTemplate,
  templateVariables,
  type Language,
  type MessageType,
  type TemplateDefinition,
  type TemplateVariant,
} from "./templates";
import { MAX_VARIANTS, VARIANT_ID_PATTERN } from "./templateVariants";

// A Record over the union makes the compiler insist on every message type, and on no other.
const TYPES: Record<MessageType, true> = {
  task_created: true,
  task_updated: true,
  task_completed: true,
  task_reminder: true,
  motivational: true,
  progress_update: true,
  task_overdue: true,
  daily_summary: true,
  reminder_created: true,
  reminder_updated: true,
  reminder_completed: true,
  reminder: true,
  manual: true,
  campaign: true,
  appointment_reminder: true,
  assessment_notification: true,
  password_reset: true,
  "2fa_code": true,
};

/** Every message type (docs/contract.md §4), for validating requests. */
export const MESSAGE_TYPES: readonly MessageType[] = Object.freeze(
  Object.keys(TYPES) as MessageType[],
);

/** A template id is a Firestore document id we can put in URLs and logs without escaping. */
export const TEMPLATE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** A variable name, as a `{{placeholder}}` may spell it (domain/templates.ts). */
export const VARIABLE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Text per language, English required (the fallback), as stored in `sms_templates`. */
export type TemplateContent = TemplateDefinition["content"];

/** One problem with a request, at a field path (`["content", "tr"]`), in plain words. */
export interface RuleIssue {
  path: (string | number)[];
  message: string;
}

// The same placeholder syntax as domain/templates.ts; used here only to find stray braces.
const PLACEHOLDER = /\{\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\}\}/g;

const quoted = (names: string[]) => names.map((name) => `{{${name}}}`).join(", ");

/** Languages of `content` that have text, English first. */
function languagesOf(content: Partial<Record<Language, string>>): Language[] {
  return LANGUAGES.filter((language) => typeof content[language] === "string");
}

/** Unique placeholder names used in any language of `content`, English first. */
export function contentVariables(content: Partial<Record<Language, string>>): string[] {
  const names = languagesOf(content).flatMap((language) =>
    templateVariables(content[language] as string),
  );
  return [...new Set(names)];
}

/** A template as `saveTemplate` receives it, after the schema has checked each field. */
export interface TemplateDraft {
  templateId: string;
  type: MessageType;
  content: Partial<Record<Language, string>>;
  variables: string[];
  variants?: TemplateVariant[];
}

/** Malformed or undeclared placeholders in one text, at `path`. */
function textIssues(text: string, declared: ReadonlySet<string>, path: RuleIssue["path"]) {
  const issues: RuleIssue[] = [];
  const rest = text.replace(PLACEHOLDER, "");
  if (rest.includes("{{") || rest.includes("}}")) {
    issues.push({
      path,
      message: "has a malformed placeholder: write {{name}} with letters, digits and _ only",
    });
  }
  const undeclared = templateVariables(text).filter((name) => !declared.has(name));
  if (undeclared.length > 0) {
    issues.push({ path, message: `uses ${quoted(undeclared)}, missing from variables` });
  }
  return issues;
}

/**
 * What is wrong with a template someone wants to save; empty when nothing is.
 *
 * - Every placeholder in every language is listed in `variables`, and every listed variable is
 *   used in at least one language (a translation may leave one out, as `streak` can be).
 * - No stray `{{` or `}}`: `{{first name}}` would otherwise be sent to people as it is.
 * - No variable is listed twice.
 * - A template that overrides a built-in keeps its type: the backend sends it for that type.
 */
export function templateIssues(draft: TemplateDraft): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const declared = new Set(draft.variables);
  for (const language of languagesOf(draft.content)) {
    issues.push(...textIssues(draft.content[language] as string, declared, ["content", language]));
  }
  const used = new Set(contentVariables(draft.content));
  const seen = new Set<string>();
  draft.variables.forEach((name, index) => {
    if (seen.has(name))
      issues.push({ path: ["variables", index], message: `${name} is listed twice` });
    seen.add(name);
  });
  const unused = [...declared].filter((name) => !used.has(name));
  if (unused.length > 0) {
    issues.push({
      path: ["variables"],
      message: `${unused.join(", ")} ${unused.length === 1 ? "is" : "are"} not used in the content`,
    });
  }
  const builtIn = Object.hasOwn(BUILT_IN_TEMPLATES, draft.templateId)
    ? BUILT_IN_TEMPLATES[draft.templateId]
    : undefined;
  if (builtIn && builtIn.type !== draft.type) {
    issues.push({
      path: ["type"],
      message: `must be ${builtIn.type}, the type of the built-in template ${builtIn.id} it overrides`,
    });
  }
  if (draft.variants) issues.push(...variantIssues(draft.content, draft.variants));
  return issues;
}

const listed = (languages: Language[]) => languages.join(", ") || "none";

/**
 * What is wrong with a template's variants; empty when nothing is. An A/B test compares
 * wordings of one message, so each variant must be interchangeable with the others:
 *
 * - 1 to MAX_VARIANTS variants, ids unique and of VARIANT_ID_PATTERN, weights finite and > 0.
 * - Text in exactly the languages of `content`: a reader gets the variant in the language they
 *   would get the template in, never a fallback only some variants make.
 * - Exactly the placeholders of `content` (over all languages), well-formed: whichever variant a
 *   recipient gets, the sender supplies the same variables.
 */
export function variantIssues(
  content: Partial<Record<Language, string>>,
  variants: readonly TemplateVariant[],
): RuleIssue[] {
  const issues: RuleIssue[] = [];
  if (variants.length === 0 || variants.length > MAX_VARIANTS) {
    issues.push({ path: ["variants"], message: `must have 1 to ${MAX_VARIANTS} variants` });
  }
  const languages = languagesOf(content);
  const expected = new Set(contentVariables(content));
  const seen = new Set<string>();
  variants.forEach((variant, index) => {
    const at = (...path: (string | number)[]) => ["variants", index, ...path];
    if (!VARIANT_ID_PATTERN.test(variant.id)) {
      issues.push({ path: at("id"), message: "must be 1 to 20 letters, digits, _ or -" });
    } else if (seen.has(variant.id)) {
      issues.push({ path: at("id"), message: `${variant.id} is used by another variant` });
    }
    seen.add(variant.id);
    if (!Number.isFinite(variant.weight) || variant.weight <= 0) {
      issues.push({ path: at("weight"), message: "must be a number greater than 0" });
    }
    const own = languagesOf(variant.content);
    if (own.join() !== languages.join()) {
      issues.push({
        path: at("content"),
        message: `must have text in the languages of content (${listed(languages)}), not ${listed(own)}`,
      });
    }
    for (const language of own) {
      const text = variant.content[language] as string;
      issues.push(...textIssues(text, expected, at("content", language)));
    }
    const used = new Set(contentVariables(variant.content));
    const lacking = [...expected].filter((name) => !used.has(name));
    if (lacking.length > 0) {
      issues.push({
        path: at("content"),
        message: `lacks ${quoted(lacking)}: every variant uses the variables of content`,
      });
    }
  });
  return issues;
}

/** A rendered preview: the body and its size as carriers bill it (domain/segments.ts). */
export interface TemplatePreview {
  body: string;
  segments: number;
  encoding: Encoding;
  /** Septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2. */
  length: number;
}

/** A preview, or the variables that stand in its way. */
export type PreviewOutcome =
  { ok: true; preview: TemplatePreview } | { ok: false; missing: string[]; unknown: string[] };

/**
 * Renders `content` in `language` (else English, as a send would) with `variables`.
 * `missing`: placeholders of the chosen text without a value. `unknown`: given variables that
 * no language of the template uses, which in a real send would be silently ignored; a preview
 * says so, because it is usually a typo.
 */
export function previewContent(
  content: Partial<Record<Language, string>>,
  language: Language,
  variables: Record<string, string | number>,
): PreviewOutcome {
  const picked = pickContent(content, language);
  const known = new Set(contentVariables(content));
  const missing = templateVariables(picked.text).filter((name) => !Object.hasOwn(variables, name));
  const unknown = Object.keys(variables).filter((name) => !known.has(name));
  if (missing.length > 0 || unknown.length > 0) return { ok: false, missing, unknown };
  const body = renderTemplate(picked.text, variables);
  const { segments, encoding, length } = countSegments(body);
  return { ok: true, preview: { body, segments, encoding, length } };
}

/** The issues of a failed preview, one per variable, at `variables.<name>`. */
export function variableIssues(missing: string[], unknown: string[]): RuleIssue[] {
  return [
    ...missing.map((name) => ({
      path: ["variables", name],
      message: `{{${name}}} is in the template but has no value`,
    })),
    ...unknown.map((name) => ({
      path: ["variables", name],
      message: `${name} is not a placeholder of this template`,
    })),
  ];
}
