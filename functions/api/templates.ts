/**
 * Template callables: `listTemplates` and `previewTemplate` (any signed-in role),
 * `saveTemplate` and `deleteTemplate` (admin).
 */
import { callable } from "./callable";
import { invalidArgument } from "./issues";

export const listTemplates = callable("listTemplates", {
  schema: () => import("./requests/templates").then((m) => m.listTemplatesRequest),
  roles: ["admin", "partner", "student"],
  handler: async ({ type }) => {
    const service = await import("../services/templates/admin");
    return service.listTemplates(type);
  },
});

export const saveTemplate = callable("saveTemplate", {
  schema: () => import("./requests/templates").then((m) => m.saveTemplateRequest),
  roles: ["admin"],
  handler: async (template, caller) => {
    const service = await import("../services/templates/admin");
    return service.saveTemplate(template, caller.uid);
  },
});

export const deleteTemplate = callable("deleteTemplate", {
  schema: () => import("./requests/templates").then((m) => m.deleteTemplateRequest),
  roles: ["admin"],
  handler: async ({ templateId }) => {
    const service = await import("../services/templates/admin");
    return service.deleteTemplate(templateId);
  },
});

export const previewTemplate = callable("previewTemplate", {
  schema: () => import("./requests/templates").then((m) => m.previewTemplateRequest),
  roles: ["admin", "partner", "student"],
  handler: async ({ templateId, variant, content, variables, language }) => {
    const [service, { variableIssues }] = await Promise.all([
      import("../services/templates/admin"),
      import("../domain/templateRules"),
    ]);
    const source = { templateId, variant, content };
    const outcome = await service.previewTemplate(source, language, variables);
    if (!outcome.ok) throw invalidArgument(variableIssues(outcome.missing, outcome.unknown));
    return outcome.preview;
  },
});
