/** Templates: a saved `sms_templates/{id}` overrides the built-in default with the same id. */
import { FieldValue } from "firebase-admin/firestore";
import { z } from "zod";
import { COLLECTIONS, db, isNotFound, readDoc } from "./firestore";
import {
  BUILT_IN_TEMPLATES,
  templateVariables,
  type TemplateDefinition,
  type TemplateVariant,
} from "../domain/templates";
import type { SavedTemplate } from "../domain/templateCatalog";
import { MESSAGE_TYPES } from "../domain/templateRules";
import { MAX_VARIANTS, VARIANT_ID_PATTERN } from "../domain/templateVariants";
import { TtlCache } from "../domain/ttlCache";

const textSchema = z.object({ en: z.string().min(1) }).catchall(z.string());

// Variants written around saveTemplate and malformed are dropped whole: the template is then
// sent with its content, rather than with a half-read experiment.
const variantsSchema = z
  .array(
    z.object({
      id: z.string().regex(VARIANT_ID_PATTERN),
      content: textSchema,
      weight: z.number().positive(),
    }),
  )
  .min(1)
  .max(MAX_VARIANTS)
  .optional()
  .catch(undefined);

// One reading of a saved template for rendering and for listing: a document it would not use
// is left out of the list too, so the list never shows a template that is not the one sent.
const savedTemplateSchema = z.object({
  name: z.string().optional(),
  type: z.enum(MESSAGE_TYPES).optional().catch(undefined),
  active: z.boolean().optional(),
  content: textSchema,
  variants: variantsSchema,
});

/** A saved template as the backend reads it: the catalogue's fields and its variants, if any. */
export type StoredTemplate = SavedTemplate & { variants?: TemplateVariant[] };

function templateRef(templateId: string) {
  return db().collection(COLLECTIONS.templates).doc(templateId);
}

/** The saved template with this id, if there is a usable one (inactive ones included). */
export async function savedTemplate(templateId: string): Promise<StoredTemplate | undefined> {
  const snapshot = await readDoc(templateRef(templateId));
  return snapshot.exists ? readSavedTemplate(templateId, snapshot.data()) : undefined;
}

/** Every usable saved template (the collection is small: people write it). */
export async function savedTemplates(): Promise<StoredTemplate[]> {
  const snapshot = await db().collection(COLLECTIONS.templates).get();
  return snapshot.docs
    .map((doc) => readSavedTemplate(doc.id, doc.data()))
    .filter((template): template is StoredTemplate => template !== undefined);
}

/** A template as an admin saves it. */
export interface TemplateFields {
  name: string;
  type: string;
  content: Record<string, string>;
  variables: string[];
  active: boolean;
  variants?: TemplateVariant[];
}

/** Creates or replaces the saved template, stamped with who saved it and when. */
export async function writeTemplate(
  templateId: string,
  fields: TemplateFields,
  savedBy: string,
): Promise<void> {
  await templateRef(templateId).set({
    ...fields,
    updatedAt: FieldValue.serverTimestamp(),
    updatedBy: savedBy,
  });
  recentlyRead.delete(templateId);
}

/** Deletes the saved template; false when there was none (one operation, by precondition). */
export async function deleteSavedTemplate(templateId: string): Promise<boolean> {
  try {
    await templateRef(templateId).delete({ exists: true });
    recentlyRead.delete(templateId);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

/** The built-in default with this id (never an inherited property of the table). */
export function builtInTemplate(templateId: string): TemplateDefinition | undefined {
  return Object.hasOwn(BUILT_IN_TEMPLATES, templateId) ? BUILT_IN_TEMPLATES[templateId] : undefined;
}

/** A saved template document as the backend uses it; undefined when it is not usable. */
export function readSavedTemplate(templateId: string, data: unknown): StoredTemplate | undefined {
  const parsed = savedTemplateSchema.safeParse(data);
  if (!parsed.success) return undefined;
  const { name, type, active, content, variants } = parsed.data;
  return {
    templateId,
    content: content as SavedTemplate["content"],
    active: active !== false,
    ...(name === undefined ? {} : { name }),
    ...(type === undefined ? {} : { type }),
    ...(variants === undefined ? {} : { variants: variants as TemplateVariant[] }),
  };
}

/**
 * Saved templates as this instance last read them (absent ones too), for the triggers that
 * render one per message. A save or delete in this instance forgets its entry at once; one in
 * another instance is seen when the entry is older than the reader accepts.
 */
const recentlyRead = new TtlCache<string, StoredTemplate | undefined>();

/**
 * The template to render for `templateId`: the saved one when it exists, is active and is
 * well-formed, else the built-in default; undefined when neither exists. `maxAgeMs` is how old
 * a copy this instance read before may be (TEMPLATE_CACHE_SECONDS on the triggers' paths);
 * 0 reads the document.
 */
export async function loadTemplate(
  templateId: string,
  maxAgeMs = 0,
): Promise<TemplateDefinition | undefined> {
  const builtIn = builtInTemplate(templateId);
  const saved = await recentlyRead.get(templateId, maxAgeMs, () => savedTemplate(templateId));
  if (!saved?.active) return builtIn;
  return {
    id: templateId,
    name: saved.name ?? builtIn?.name ?? templateId,
    type: builtIn?.type ?? "manual",
    content: saved.content,
    variables: templateVariables(saved.content.en),
    ...(saved.variants ? { variants: saved.variants } : {}),
  };
}
