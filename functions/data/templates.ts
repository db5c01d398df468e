/** Templates: a saved `sms_templates/{id}` overrides the built-in default with the same id. */
import { z } from "zod";
import { COLLECTIONS, db } from "./firestore";
import {
  BUILT_IN_TEMPLATES,
  templateVariables,
  type TemplateDefinition,
} from "../domain/templates";

const savedTemplateSchema = z.object({
  name: z.string().optional(),
  active: z.boolean().optional(),
  content: z.object({ en: z.string().min(1) }).catchall(z.string()),
});

/**
 * The template to render for `templateId`: the saved one when it exists, is active and is
 * well-formed, else the built-in default; undefined when neither exists.
 */
export async function loadTemplate(templateId: string): Promise<TemplateDefinition | undefined> {
  const builtIn = BUILT_IN_TEMPLATES[templateId];
  const snapshot = await db().collection(COLLECTIONS.templates).doc(templateId).get();
  const saved = savedTemplateSchema.safeParse(snapshot.data());
  if (!snapshot.exists || !saved.success || saved.data.active === false) return builtIn;
  return {
    id: templateId,
    name: saved.data.name ?? builtIn?.name ?? templateId,
    type: builtIn?.type ?? "manual",
    content: saved.data.content,
    variables: templateVariables(saved.data.content.en),
  };
}
