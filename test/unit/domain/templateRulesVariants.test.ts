import {
  templateIssues,
  variantIssues,
  type TemplateDraft,
} from "../../../functions/domain/templateRules";
import type { TemplateVariant } from "../../../functions/domain/templates";
import { saveTemplateRequest } from "../../../functions/api/requests/templates";

const CONTENT = { en: "Hi {{name}}, welcome to {{course}}.", tr: "Merhaba {{name}}, {{course}}." };

const A: TemplateVariant = { id: "A", weight: 1, content: CONTENT };
const B: TemplateVariant = {
  id: "B",
  weight: 3,
  content: { en: "{{name}}: {{course}} starts now!", tr: "{{name}}: {{course}} başlıyor!" },
};

const draft = (variants: TemplateVariant[]): TemplateDraft => ({
  templateId: "api_welcome",
  type: "campaign",
  content: CONTENT,
  variables: ["name", "course"],
  variants,
});

const paths = (variants: TemplateVariant[]) =>
  templateIssues(draft(variants)).map((issue) => issue.path.join("."));

describe("variantIssues (through templateIssues)", () => {
  it("accepts variants with the languages and variables of the content", () => {
    expect(templateIssues(draft([A, B]))).toEqual([]);
    expect(templateIssues(draft([B]))).toEqual([]);
  });

  it("accepts a variant that words a translation with the variables in another order", () => {
    const reordered = { ...B, content: { en: "{{course}}, {{name}}", tr: "{{course}} {{name}}" } };
    expect(templateIssues(draft([A, reordered]))).toEqual([]);
  });

  it.each([0, -1, NaN, Infinity])("refuses a weight of %p", (weight) => {
    expect(paths([A, { ...B, weight }])).toEqual(["variants.1.weight"]);
  });

  it("refuses a variant id used twice, or malformed", () => {
    expect(paths([A, { ...B, id: "A" }])).toEqual(["variants.1.id"]);
    expect(paths([A, { ...B, id: "b/2" }])).toEqual(["variants.1.id"]);
    expect(paths([A, { ...B, id: "x".repeat(21) }])).toEqual(["variants.1.id"]);
  });

  it("refuses a variant with a variable the content does not have, naming it", () => {
    const extra = { ...B, content: { ...B.content, en: "{{name}} {{course}} {{deadline}}" } };
    const issues = templateIssues(draft([A, extra]));
    expect(issues).toEqual([
      { path: ["variants", 1, "content", "en"], message: expect.stringContaining("{{deadline}}") },
    ]);
  });

  it("refuses a variant that lacks a variable of the content in every language", () => {
    const lacking = { ...B, content: { en: "Hi {{name}}!", tr: "Merhaba {{name}}!" } };
    expect(templateIssues(draft([A, lacking]))).toEqual([
      { path: ["variants", 1, "content"], message: expect.stringContaining("{{course}}") },
    ]);
  });

  it("refuses a variant in other languages than the content", () => {
    expect(paths([A, { ...B, content: { en: B.content.en } }])).toEqual(["variants.1.content"]);
    const englishOnly = {
      ...draft([{ ...A, content: { ...CONTENT } }]),
      content: { en: CONTENT.en },
    };
    expect(templateIssues(englishOnly).map((issue) => issue.path.join("."))).toEqual([
      "variants.0.content",
    ]);
  });

  it("refuses a malformed placeholder in a variant", () => {
    const broken = { ...B, content: { ...B.content, tr: "{{name}} {{course}} {{first name}}" } };
    expect(paths([A, broken])).toEqual(["variants.1.content.tr"]);
  });

  it("refuses no variants, and more than five", () => {
    expect(variantIssues(CONTENT, []).map((i) => i.path.join("."))).toEqual(["variants"]);
    const six = Array.from({ length: 6 }, (_, i) => ({ ...A, id: `V${i}` }));
    expect(variantIssues(CONTENT, six).map((i) => i.path.join("."))).toEqual(["variants"]);
  });
});

describe("saveTemplateRequest with variants", () => {
  const request = {
    templateId: "api_welcome",
    name: "Welcome",
    type: "campaign",
    content: CONTENT,
    variables: ["name", "course"],
  };

  it("parses valid variants", () => {
    const parsed = saveTemplateRequest.safeParse({ ...request, variants: [A, B] });
    expect(parsed.success && parsed.data.variants).toEqual([A, B]);
  });

  it.each([
    ["a zero weight", [A, { ...B, weight: 0 }], "variants.1.weight"],
    ["a text weight", [A, { ...B, weight: "1" }], "variants.1.weight"],
    ["an unknown field", [A, { ...B, share: 2 }], "variants.1"],
    [
      "a blank text",
      [A, { ...B, content: { en: " ", tr: B.content.tr } }],
      "variants.1.content.en",
    ],
    ["an empty list", [], "variants"],
    [
      "another variable",
      [A, { ...B, content: { en: "{{x}}", tr: "{{x}}" } }],
      "variants.1.content.en",
    ],
  ])("refuses %s", (_what, variants, path) => {
    const parsed = saveTemplateRequest.safeParse({ ...request, variants });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join("."))).toContain(path);
  });
});
