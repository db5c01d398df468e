import {
  contentVariables,
  MESSAGE_TYPES,
  previewContent,
  TEMPLATE_ID_PATTERN,
  templateIssues,
  variableIssues,
  type TemplateDraft,
} from "../../../functions/domain/templateRules";
import { BUILT_IN_TEMPLATES } from "../../../functions/domain/templates";

const draft = (fields: Partial<TemplateDraft>): TemplateDraft => ({
  templateId: "api_welcome",
  type: "campaign",
  content: { en: "Hi {{name}}, welcome to {{course}}.", tr: "Merhaba {{name}}, {{course}}." },
  variables: ["name", "course"],
  ...fields,
});

describe("MESSAGE_TYPES", () => {
  it("lists the 14 types of docs/contract.md §4 and the 4 account and school types, including every built-in template's type", () => {
    expect(MESSAGE_TYPES).toHaveLength(18);
    for (const template of Object.values(BUILT_IN_TEMPLATES)) {
      expect(MESSAGE_TYPES).toContain(template.type);
    }
  });
});

describe("TEMPLATE_ID_PATTERN", () => {
  it.each(["a", "api_welcome", "A-1_b", "x".repeat(64)])("accepts %s", (id) => {
    expect(TEMPLATE_ID_PATTERN.test(id)).toBe(true);
  });
  it.each(["", "x".repeat(65), "a/b", "a b", "..", "é", "a.b", "a\n"])("refuses %j", (id) => {
    expect(TEMPLATE_ID_PATTERN.test(id)).toBe(false);
  });
});

describe("contentVariables", () => {
  it("unites the languages' placeholders, English first, each once", () => {
    expect(contentVariables({ en: "{{b}} {{a}}", tr: "{{c}} {{ a }} {{b}}" })).toEqual([
      "b",
      "a",
      "c",
    ]);
  });
});

describe("templateIssues", () => {
  it("accepts a template whose placeholders and variables match", () => {
    expect(templateIssues(draft({}))).toEqual([]);
  });

  it("accepts a translation that leaves a variable out, if another language uses it", () => {
    expect(
      templateIssues(draft({ content: { en: "Hi {{name}} {{course}}", tr: "Merhaba {{name}}" } })),
    ).toEqual([]);
  });

  it("names placeholders missing from variables, per language", () => {
    const issues = templateIssues(
      draft({
        content: { en: "Hi {{name}} {{course}} {{date}}", tr: "{{name}} {{course}} {{saat}}" },
      }),
    );
    expect(issues).toEqual([
      { path: ["content", "en"], message: "uses {{date}}, missing from variables" },
      { path: ["content", "tr"], message: "uses {{saat}}, missing from variables" },
    ]);
  });

  it("names variables no language uses", () => {
    expect(templateIssues(draft({ variables: ["name", "course", "date", "time"] }))).toEqual([
      { path: ["variables"], message: "date, time are not used in the content" },
    ]);
    expect(templateIssues(draft({ variables: ["name", "course", "date"] }))).toEqual([
      { path: ["variables"], message: "date is not used in the content" },
    ]);
  });

  it("reports both directions at once", () => {
    const issues = templateIssues(draft({ content: { en: "{{x}}" }, variables: ["y"] }));
    expect(issues.map((issue) => issue.path.join("."))).toEqual(["content.en", "variables"]);
  });

  it("refuses malformed placeholders that would be sent literally", () => {
    for (const en of ["Hi {{first name}}", "Hi {{name}", "Hi name}}", "{{}}", "{{1st}}"]) {
      const issues = templateIssues(draft({ content: { en }, variables: [] }));
      expect(issues).toContainEqual({
        path: ["content", "en"],
        message: "has a malformed placeholder: write {{name}} with letters, digits and _ only",
      });
    }
  });

  it("allows single braces, which are ordinary (if costly) GSM characters", () => {
    expect(templateIssues(draft({ content: { en: "Use {curly} braces" }, variables: [] }))).toEqual(
      [],
    );
  });

  it("refuses a variable listed twice", () => {
    expect(templateIssues(draft({ variables: ["name", "course", "name"] }))).toEqual([
      { path: ["variables", 2], message: "name is listed twice" },
    ]);
  });

  it("keeps the type of the built-in template an override replaces", () => {
    const content = BUILT_IN_TEMPLATES.task_created.content;
    const variables = contentVariables(content);
    expect(
      templateIssues({ templateId: "task_created", type: "task_created", content, variables }),
    ).toEqual([]);
    expect(
      templateIssues({ templateId: "task_created", type: "campaign", content, variables }),
    ).toEqual([
      {
        path: ["type"],
        message:
          "must be task_created, the type of the built-in template task_created it overrides",
      },
    ]);
  });

  it("does not treat Object.prototype names as built-in ids", () => {
    expect(templateIssues(draft({ templateId: "constructor" }))).toEqual([]);
  });
});

describe("previewContent", () => {
  it("renders a Turkish text with ş/ı as UCS-2, counting UTF-16 units", () => {
    const outcome = previewContent(BUILT_IN_TEMPLATES.task_updated.content, "tr", {
      name: "Şule",
      taskTitle: "Kimya",
      deadline: "25 Kas 17:00",
    });
    expect(outcome).toEqual({
      ok: true,
      preview: {
        body: "Merhaba Şule, görevin güncellendi: Kimya. Teslim: 25 Kas 17:00.",
        encoding: "UCS-2",
        segments: 1,
        length: 63,
      },
    });
  });

  it("keeps Turkish text with only ö and ü in GSM-7", () => {
    const outcome = previewContent(
      { en: "x", tr: "Merhaba {{name}}, görevin güncellendi." },
      "tr",
      {
        name: "Ali",
      },
    );
    expect(outcome).toEqual({
      ok: true,
      preview: {
        body: "Merhaba Ali, görevin güncellendi.",
        encoding: "GSM-7",
        segments: 1,
        length: 33,
      },
    });
  });

  it("splits a long Turkish message into 67-unit parts", () => {
    const title = "ışık".repeat(17); // 68 characters
    const outcome = previewContent({ en: "Task: {{title}}", tr: "Ödev: {{title}}" }, "tr", {
      title,
    });
    expect(outcome).toMatchObject({
      ok: true,
      preview: { encoding: "UCS-2", length: 74, segments: 2 },
    });
  });

  it("switches an English message to UCS-2 when a value needs it", () => {
    const outcome = previewContent({ en: "Hi {{name}}" }, "en", { name: "Ayşe" });
    expect(outcome).toEqual({
      ok: true,
      preview: { body: "Hi Ayşe", encoding: "UCS-2", segments: 1, length: 7 },
    });
  });

  it("counts GSM extension characters twice", () => {
    const outcome = previewContent({ en: "Price: {{price}}" }, "en", { price: "5€" });
    expect(outcome).toMatchObject({ ok: true, preview: { encoding: "GSM-7", length: 10 } });
  });

  it("falls back to English when the language has no text, as a send does", () => {
    const outcome = previewContent({ en: "Hi {{name}}" }, "tr", { name: "Ada" });
    expect(outcome).toMatchObject({ ok: true, preview: { body: "Hi Ada" } });
  });

  it("renders numbers and keeps empty strings as values", () => {
    const outcome = previewContent({ en: "{{n}} done.{{streak}}" }, "en", { n: 3, streak: "" });
    expect(outcome).toMatchObject({ ok: true, preview: { body: "3 done." } });
  });

  it("names missing and unknown variables together", () => {
    expect(
      previewContent({ en: "Hi {{name}} {{course}}", tr: "{{name}} {{saat}}" }, "en", {
        saat: "9",
        nmae: "typo",
      }),
    ).toEqual({ ok: false, missing: ["name", "course"], unknown: ["nmae"] });
  });

  it("knows a variable only another language uses", () => {
    expect(previewContent({ en: "Hi", tr: "Selam {{name}}" }, "en", { name: "Ada" })).toMatchObject(
      { ok: true, preview: { body: "Hi" } },
    );
  });

  it("does not find variables on Object.prototype", () => {
    expect(previewContent({ en: "{{constructor}}" }, "en", {})).toEqual({
      ok: false,
      missing: ["constructor"],
      unknown: [],
    });
  });
});

describe("variableIssues", () => {
  it("puts one issue per variable at variables.<name>", () => {
    expect(variableIssues(["name"], ["nmae"])).toEqual([
      { path: ["variables", "name"], message: "{{name}} is in the template but has no value" },
      { path: ["variables", "nmae"], message: "nmae is not a placeholder of this template" },
    ]);
  });
});
