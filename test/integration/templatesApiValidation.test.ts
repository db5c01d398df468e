/**
 * Bad requests to the template callables: each answers invalid-argument with its issues and
 * writes nothing.
 */
import { failure, templates, useTemplatesApiFixture } from "../support/templatesApi";

const { admin } = useTemplatesApiFixture();

const GOOD_SAVE = {
  templateId: "api_new",
  name: "New",
  type: "campaign",
  content: { en: "Hi {{name}}" },
  variables: ["name"],
};
const GOOD_PREVIEW = { templateId: "help", variables: {}, language: "en" };

/** `request` without `key` (an `undefined` value would reach the function as null). */
function without(request: Record<string, unknown>, key: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(request).filter(([name]) => name !== key));
}

const MALFORMED: [string, string, unknown][] = [
  ["listTemplates", "an unknown type", { type: "sms" }],
  ["listTemplates", "an empty type", { type: "" }],
  ["listTemplates", "a number for type", { type: 3 }],
  ["listTemplates", "null for type", { type: null }],
  ["listTemplates", "an extra field", { limit: 10 }],
  ["listTemplates", "a string instead of an object", "task_created"],
  ["listTemplates", "an array instead of an object", ["task_created"]],
  ["saveTemplate", "no fields", {}],
  ["saveTemplate", "null instead of an object", null],
  ["saveTemplate", "an array instead of an object", [GOOD_SAVE]],
  ["saveTemplate", "no templateId", without(GOOD_SAVE, "templateId")],
  ["saveTemplate", "an empty templateId", { ...GOOD_SAVE, templateId: "" }],
  ["saveTemplate", "a templateId with a slash", { ...GOOD_SAVE, templateId: "api/new" }],
  ["saveTemplate", "a templateId with a space", { ...GOOD_SAVE, templateId: "api new" }],
  [
    "saveTemplate",
    "a 65-character templateId",
    { ...GOOD_SAVE, templateId: `api_${"x".repeat(61)}` },
  ],
  ["saveTemplate", "a number for templateId", { ...GOOD_SAVE, templateId: 42 }],
  ["saveTemplate", "an empty name", { ...GOOD_SAVE, name: "" }],
  ["saveTemplate", "a blank name", { ...GOOD_SAVE, name: "   " }],
  ["saveTemplate", "a 101-character name", { ...GOOD_SAVE, name: "n".repeat(101) }],
  ["saveTemplate", "an unknown type", { ...GOOD_SAVE, type: "sms" }],
  ["saveTemplate", "no type", without(GOOD_SAVE, "type")],
  ["saveTemplate", "no content", without(GOOD_SAVE, "content")],
  ["saveTemplate", "a string for content", { ...GOOD_SAVE, content: "Hi {{name}}" }],
  ["saveTemplate", "an array for content", { ...GOOD_SAVE, content: ["Hi {{name}}"] }],
  ["saveTemplate", "null for content", { ...GOOD_SAVE, content: null }],
  ["saveTemplate", "content without en", { ...GOOD_SAVE, content: { tr: "Selam {{name}}" } }],
  ["saveTemplate", "an empty en", { ...GOOD_SAVE, content: { en: "" }, variables: [] }],
  ["saveTemplate", "a blank tr", { ...GOOD_SAVE, content: { en: "Hi {{name}}", tr: "  " } }],
  [
    "saveTemplate",
    "a 1601-character en",
    { ...GOOD_SAVE, content: { en: `{{name}}${"a".repeat(1593)}` } },
  ],
  [
    "saveTemplate",
    "an unsupported language",
    { ...GOOD_SAVE, content: { en: "Hi {{name}}", de: "Hallo {{name}}" } },
  ],
  ["saveTemplate", "a number for a text", { ...GOOD_SAVE, content: { en: "Hi {{name}}", tr: 5 } }],
  ["saveTemplate", "a string for variables", { ...GOOD_SAVE, variables: "name" }],
  ["saveTemplate", "a number in variables", { ...GOOD_SAVE, variables: [1] }],
  ["saveTemplate", "a variable name with a space", { ...GOOD_SAVE, variables: ["first name"] }],
  ["saveTemplate", "null for variables", { ...GOOD_SAVE, variables: null }],
  ["saveTemplate", "a string for active", { ...GOOD_SAVE, active: "yes" }],
  ["saveTemplate", "an extra field", { ...GOOD_SAVE, createdBy: "someone" }],
  [
    "saveTemplate",
    "a placeholder not in variables",
    { ...GOOD_SAVE, content: { en: "Hi {{name}} {{course}}" } },
  ],
  [
    "saveTemplate",
    "a variable not in the content",
    { ...GOOD_SAVE, variables: ["name", "course"] },
  ],
  [
    "saveTemplate",
    "a malformed placeholder",
    { ...GOOD_SAVE, content: { en: "Hi {{first name}} {{name}}" } },
  ],
  ["saveTemplate", "a variable listed twice", { ...GOOD_SAVE, variables: ["name", "name"] }],
  [
    "saveTemplate",
    "another type for a built-in's id",
    { ...GOOD_SAVE, templateId: "task_created" },
  ],
  ["deleteTemplate", "no templateId", {}],
  ["deleteTemplate", "an empty templateId", { templateId: "" }],
  ["deleteTemplate", "a path for templateId", { templateId: "../api_keep" }],
  ["deleteTemplate", "null for templateId", { templateId: null }],
  ["deleteTemplate", "an array for templateId", { templateId: ["api_keep"] }],
  ["deleteTemplate", "an extra field", { templateId: "api_keep", force: true }],
  ["deleteTemplate", "a string instead of an object", "api_keep"],
  ["previewTemplate", "no fields", {}],
  ["previewTemplate", "both templateId and content", { ...GOOD_PREVIEW, content: "Hi" }],
  ["previewTemplate", "neither templateId nor content", { variables: {}, language: "en" }],
  ["previewTemplate", "an unsupported language", { ...GOOD_PREVIEW, language: "de" }],
  ["previewTemplate", "no language", { templateId: "help", variables: {} }],
  ["previewTemplate", "no variables", { templateId: "help", language: "en" }],
  ["previewTemplate", "an array for variables", { ...GOOD_PREVIEW, variables: [] }],
  [
    "previewTemplate",
    "an object as a value",
    { ...GOOD_PREVIEW, variables: { name: { first: "A" } } },
  ],
  ["previewTemplate", "null as a value", { ...GOOD_PREVIEW, variables: { name: null } }],
  ["previewTemplate", "a bad variable name", { ...GOOD_PREVIEW, variables: { "first name": "A" } }],
  [
    "previewTemplate",
    "a 1601-character value",
    { ...GOOD_PREVIEW, variables: { name: "a".repeat(1601) } },
  ],
  ["previewTemplate", "an empty content", { content: "", variables: {}, language: "en" }],
  [
    "previewTemplate",
    "content without en",
    { content: { tr: "Selam" }, variables: {}, language: "tr" },
  ],
  ["previewTemplate", "a bad templateId", { ...GOOD_PREVIEW, templateId: "bad id!" }],
  ["previewTemplate", "an extra field", { ...GOOD_PREVIEW, to: "+15555550180" }],
  ["previewTemplate", "a number instead of an object", 7],
];

it.each(MALFORMED)(
  "%s answers invalid-argument with issues to %s, and writes nothing",
  async (name, _description, request) => {
    const before = (await templates().count().get()).data().count;
    const error = await failure(admin.call(name, request));
    expect(error.code).toBe("functions/invalid-argument");
    expect(error.details?.issues?.length).toBeGreaterThan(0);
    expect((await templates().count().get()).data().count).toBe(before);
    expect((await templates().doc("api_keep").get()).exists).toBe(true);
    expect((await templates().doc("api_new").get()).exists).toBe(false);
  },
);
