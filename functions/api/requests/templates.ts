/** Request schemas of the callables in ../templates.ts: loaded on first call, so zod stays out of cold start. */
import { z } from "zod";
import {
  MESSAGE_TYPES,
  TEMPLATE_ID_PATTERN,
  templateIssues,
  VARIABLE_NAME_PATTERN,
} from "../../domain/templateRules";
import { LANGUAGES } from "../../domain/templates";
import { MAX_VARIANTS, VARIANT_ID_PATTERN } from "../../domain/templateVariants";

/** Twilio's limit for one message body, per language. */
const MAX_TEXT = 1600;
const MAX_VARIABLES = 50;
const MAX_NAME = 100;
const MAX_VARIABLE_NAME = 64;

const templateId = z.string().regex(TEMPLATE_ID_PATTERN, "must be 1 to 64 letters, digits, _ or -");
const messageType = z.enum(MESSAGE_TYPES);
const language = z.enum(LANGUAGES);
const text = z
  .string()
  .max(MAX_TEXT)
  .refine((value) => value.trim() !== "", "must not be blank");
const variableName = z
  .string()
  .max(MAX_VARIABLE_NAME)
  .regex(VARIABLE_NAME_PATTERN, "must be a letter or _, then letters, digits or _");

/** Text per supported language; English is required, as the fallback. */
const content = z.object({ en: text, tr: text.optional() }).strict();

const variantId = z.string().regex(VARIANT_ID_PATTERN, "must be 1 to 20 letters, digits, _ or -");

/** An A/B variant: its own text (the same languages and variables as `content`) and share. */
const variant = z
  .object({
    id: variantId,
    content,
    weight: z.number().positive(),
  })
  .strict();

export const listTemplatesRequest = z.object({ type: messageType.optional() }).strict();

export const saveTemplateRequest = z
  .object({
    templateId,
    name: z.string().trim().min(1).max(MAX_NAME),
    type: messageType,
    content,
    variables: z.array(variableName).max(MAX_VARIABLES),
    active: z.boolean().optional(),
    /** Each message rendered from the template uses one of these (chosen by message id). */
    variants: z.array(variant).min(1).max(MAX_VARIANTS).optional(),
  })
  .strict()
  .superRefine((draft, ctx) => {
    for (const issue of templateIssues(draft)) {
      ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
    }
  });

export const deleteTemplateRequest = z.object({ templateId }).strict();

export const previewTemplateRequest = z
  .object({
    templateId: templateId.optional(),
    /** One text, or text per language as in `saveTemplate`. */
    content: z.union([text, content]).optional(),
    variables: z
      .record(variableName, z.union([z.string().max(MAX_TEXT), z.number()]))
      .refine((values) => Object.keys(values).length <= MAX_VARIABLES, {
        message: `at most ${MAX_VARIABLES} variables`,
      }),
    language,
    /** One variant of the template (saveTemplate's `variants`) instead of its `content`. */
    variant: variantId.optional(),
  })
  .strict()
  .superRefine((request, ctx) => {
    if ((request.templateId === undefined) === (request.content === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: ["templateId"],
        message: "give either templateId or content, not both or neither",
      });
    }
    if (request.variant !== undefined && request.templateId === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["variant"],
        message: "a variant is previewed from its template: give templateId",
      });
    }
  });
