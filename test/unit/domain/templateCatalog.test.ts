import {
  catalogEntry,
  templateCatalog,
  type SavedTemplate,
} from "../../../functions/domain/templateCatalog";
import { BUILT_IN_TEMPLATES, type TemplateDefinition } from "../../../functions/domain/templates";

const builtIns: Record<string, TemplateDefinition> = {
  greet: {
    id: "greet",
    name: "Greeting",
    type: "manual",
    content: { en: "Hi {{name}}", tr: "Merhaba {{name}}" },
    variables: ["name"],
  },
  nudge: {
    id: "nudge",
    name: "Nudge",
    type: "motivational",
    content: { en: "Go {{name}}!" },
    variables: ["name"],
  },
};

const saved = (fields: Partial<SavedTemplate> & { templateId: string }): SavedTemplate => ({
  content: { en: "Saved {{who}}" },
  active: true,
  ...fields,
});

describe("templateCatalog", () => {
  it("lists built-ins alone as built-in and not overridden", () => {
    expect(templateCatalog([], builtIns)).toEqual([
      {
        templateId: "greet",
        name: "Greeting",
        type: "manual",
        content: { en: "Hi {{name}}", tr: "Merhaba {{name}}" },
        variables: ["name"],
        active: true,
        builtIn: true,
        overridden: false,
      },
      {
        templateId: "nudge",
        name: "Nudge",
        type: "motivational",
        content: { en: "Go {{name}}!" },
        variables: ["name"],
        active: true,
        builtIn: true,
        overridden: false,
      },
    ]);
  });

  it("shows a saved override once, in place of the built-in, and saved-only ones unmarked", () => {
    const list = templateCatalog(
      [
        saved({ templateId: "greet", name: "My greeting", content: { en: "Yo {{name}}" } }),
        saved({ templateId: "api_promo", name: "Promo", type: "campaign" }),
      ],
      builtIns,
    );
    expect(list.map((entry) => entry.templateId)).toEqual(["api_promo", "greet", "nudge"]);
    expect(list[0]).toEqual({
      templateId: "api_promo",
      name: "Promo",
      type: "campaign",
      content: { en: "Saved {{who}}" },
      variables: ["who"],
      active: true,
      builtIn: false,
      overridden: false,
    });
    expect(list[1]).toMatchObject({
      name: "My greeting",
      content: { en: "Yo {{name}}" },
      builtIn: true,
      overridden: true,
    });
    expect(list[2]).toMatchObject({ templateId: "nudge", overridden: false });
  });

  it("keeps an inactive override visible, marked inactive", () => {
    const [entry] = templateCatalog([saved({ templateId: "greet", active: false })], builtIns);
    expect(entry).toMatchObject({ templateId: "greet", active: false, overridden: true });
  });

  it("gives an override the built-in's type and, without a name, the built-in's name", () => {
    const [entry] = templateCatalog([saved({ templateId: "greet", type: "campaign" })], builtIns);
    expect(entry).toMatchObject({ type: "manual", name: "Greeting" });
  });

  it("names and types a bare saved template by its id and as manual", () => {
    const [entry] = templateCatalog([saved({ templateId: "api_bare" })], {});
    expect(entry).toMatchObject({ name: "api_bare", type: "manual" });
  });

  it("filters by type after merging", () => {
    const list = templateCatalog(
      [saved({ templateId: "api_push", type: "motivational" })],
      builtIns,
      "motivational",
    );
    expect(list.map((entry) => entry.templateId)).toEqual(["api_push", "nudge"]);
  });

  it("lists variables from every language, English first", () => {
    const [entry] = templateCatalog(
      [saved({ templateId: "api_two", content: { en: "{{a}}", tr: "{{b}} {{a}}" } })],
      {},
    );
    expect(entry.variables).toEqual(["a", "b"]);
  });

  it("drops empty translations and returns copies, never the built-in objects", () => {
    const [entry] = templateCatalog(
      [saved({ templateId: "api_x", content: { en: "x", tr: "" } })],
      {},
    );
    expect(entry.content).toEqual({ en: "x" });
    const greet = templateCatalog([], builtIns)[0];
    greet.content.en = "changed";
    expect(builtIns.greet.content.en).toBe("Hi {{name}}");
  });

  it("lists every real built-in template", () => {
    const list = templateCatalog([], BUILT_IN_TEMPLATES);
    expect(list).toHaveLength(Object.keys(BUILT_IN_TEMPLATES).length);
    expect(list.every((entry) => entry.builtIn && entry.active && !entry.overridden)).toBe(true);
  });
});

describe("catalogEntry", () => {
  it("is undefined for an id that is neither saved nor built in", () => {
    expect(catalogEntry(undefined, undefined)).toBeUndefined();
  });
});
