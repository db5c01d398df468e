/**
 * Template callables: `listTemplates` and `previewTemplate` (any signed-in role),
 * `saveTemplate` and `deleteTemplate` (admin).
 */
import { z } from "zod";
import {
  MESSAGE_TYPES,
  TEMPLATE_ID_PATTERN,
  templateIssues,
  VARIABLE_NAME_PATTERN,
} from "../domain/templateRules";
import { LANGUAGES } from "../domain/templates";
import { callable } from "./callable";
import { invalidArgument } from "./issues";

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

export const listTemplatesRequest = z.object({ type: messageType.optional() }).strict();

export const saveTemplateRequest = z
  .object({
    templateId,
    name: z.string().trim().min(1).max(MAX_NAME),
    type: messageType,
    content,
    variables: z.array(variableName).max(MAX_VARIABLES),
    active: z.boolean().optional(),
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
  });

export const listTemplates = callable({
  schema: listTemplatesRequest,
  roles: ["admin", "partner", "student"],
  handler: async ({ type }) => {
    const service = await import("../services/templatesAdmin");
    return service.listTemplates(type);
  },
});

export const saveTemplate = callable({
  schema: saveTemplateRequest,
  roles: ["admin"],
  handler: async (template, caller) => {
    const service = await import("../services/templatesAdmin");
    return service.saveTemplate(template, caller.uid);
  },
});

export const deleteTemplate = callable({
  schema: deleteTemplateRequest,
  roles: ["admin"],
  handler: async ({ templateId }) => {
    const service = await import("../services/templatesAdmin");
    return service.deleteTemplate(templateId);
  },
});

export const previewTemplate = callable({
  schema: previewTemplateRequest,
  roles: ["admin", "partner", "student"],
  handler: async ({ templateId, content, variables, language }) => {
    const [service, { variableIssues }] = await Promise.all([
      import("../services/templatesAdmin"),
      import("../domain/templateRules"),
    ]);
    const outcome = await service.previewTemplate({ templateId, content }, language, variables);
    if (!outcome.ok) throw invalidArgument(variableIssues(outcome.missing, outcome.unknown));
    return outcome.preview;
  },
});
