import { countSegments } from "../../../functions/domain/segments";
import {
  BUILT_IN_TEMPLATES,
  LANGUAGES,
  PHRASES,
  TemplateVariableError,
  pickContent,
  renderTemplate,
  templateVariables,
  toLanguage,
  type Language,
  type MessageType,
} from "../../../functions/domain/templates";

const ALL_TYPES: MessageType[] = [
  "task_created",
  "task_updated",
  "task_completed",
  "task_reminder",
  "motivational",
  "progress_update",
  "task_overdue",
  "daily_summary",
  "reminder_created",
  "reminder_updated",
  "reminder_completed",
  "reminder",
  "manual",
  "campaign",
];

// Typical values, a little on the long side, for the length checks.
const TYPICAL: Record<string, string | number> = {
  name: "Alexandra",
  studentName: "Christopher",
  taskTitle: "Chapter 7 revision: organic chemistry",
  deadline: "Tue, Mar 10, 2:00 PM",
  streak: " You're on a 12-day streak!",
  count: 3,
  tasks: "Algebra worksheet, Physics ch. 4, Essay draft",
  completed: 12,
  pending: 4,
  overdue: 1,
  title: "Call the study group about the exam",
  time: "Tue, Mar 10, 2:00 PM",
  message: "Bring your calculator tomorrow.",
  appointment: "Tutoring session",
  with: "Ms. Demir",
  assessment: "Algebra midterm",
  code: "482913",
  minutes: 10,
};

describe("toLanguage", () => {
  it.each([
    ["en", "en"],
    ["tr", "tr"],
    ["TR", "tr"],
    [" tr ", "tr"],
    ["tr-TR", "tr"],
    ["en_US", "en"],
    ["en-GB", "en"],
  ])("reads %p as %p", (value, language) => {
    expect(toLanguage(value, "en")).toBe(language);
  });

  it.each([undefined, null, "", "de", "turkish", "t", 1, {}, ["tr"]])(
    "falls back for %p",
    (value) => {
      expect(toLanguage(value, "tr")).toBe("tr");
      expect(toLanguage(value, "en")).toBe("en");
    },
  );

  it("lists both languages, English first", () => {
    expect(LANGUAGES).toEqual(["en", "tr"]);
  });
});

describe("templateVariables", () => {
  it("lists unique names in order of first appearance", () => {
    expect(templateVariables("{{b}} {{ a }} {{b}} {{c_1}}")).toEqual(["b", "a", "c_1"]);
  });

  it("ignores text that is not a placeholder", () => {
    expect(templateVariables("{{}} { {a} } {{1x}} {{a b}} {{-}} {a}")).toEqual([]);
  });

  it("returns nothing for plain text", () => {
    expect(templateVariables("Hello")).toEqual([]);
  });
});

describe("renderTemplate", () => {
  it("replaces placeholders, with or without spaces inside the braces", () => {
    expect(
      renderTemplate("Hi {{name}}, {{  taskTitle }}!", { name: "Ada", taskTitle: "Maths" }),
    ).toBe("Hi Ada, Maths!");
  });

  it("renders numbers with String()", () => {
    expect(renderTemplate("{{n}} / {{zero}} / {{x}}", { n: 12, zero: 0, x: 1.5 })).toBe(
      "12 / 0 / 1.5",
    );
  });

  it("keeps an empty string value (it is a value, not a missing one)", () => {
    expect(renderTemplate("Done.{{streak}}", { streak: "" })).toBe("Done.");
  });

  it("ignores extra variables", () => {
    expect(renderTemplate("Hi {{name}}", { name: "Ada", unused: "x" })).toBe("Hi Ada");
  });

  it("throws listing every missing, undefined or null variable once", () => {
    let error: unknown;
    try {
      renderTemplate("{{a}} {{b}} {{c}} {{a}} {{d}}", { b: undefined, c: null, d: "ok" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TemplateVariableError);
    expect(error).toBeInstanceOf(Error);
    expect((error as TemplateVariableError).missing).toEqual(["a", "b", "c"]);
    expect((error as TemplateVariableError).message).toBe("Missing template variables: a, b, c");
    expect((error as TemplateVariableError).name).toBe("TemplateVariableError");
  });

  it("does not take values from Object.prototype", () => {
    expect(() => renderTemplate("{{constructor}} {{toString}}", {})).toThrow(TemplateVariableError);
  });

  it("inserts values literally: no escaping, no $-patterns, no re-expansion", () => {
    const values = { a: "<b>&'\"", b: "$& $1 $$", c: "{{a}}" };
    expect(renderTemplate("{{a}}|{{b}}|{{c}}", values)).toBe("<b>&'\"|$& $1 $$|{{a}}");
  });

  it("keeps Turkish characters and emoji intact", () => {
    expect(renderTemplate("Merhaba {{name}} 🎉", { name: "Şükrü Ağaoğlu" })).toBe(
      "Merhaba Şükrü Ağaoğlu 🎉",
    );
  });

  it("leaves malformed braces alone", () => {
    expect(renderTemplate("{{ }} {name} {{name}", {})).toBe("{{ }} {name} {{name}");
  });
});

describe("pickContent", () => {
  it("returns the requested language", () => {
    expect(pickContent({ en: "Hi", tr: "Merhaba" }, "tr")).toEqual({
      language: "tr",
      text: "Merhaba",
    });
  });

  it("falls back to English", () => {
    expect(pickContent({ en: "Hi" }, "tr")).toEqual({ language: "en", text: "Hi" });
  });

  it("treats an empty translation as missing", () => {
    expect(pickContent({ en: "Hi", tr: "  " }, "tr")).toEqual({ language: "en", text: "Hi" });
  });

  it("falls back to the first available language when English is missing", () => {
    expect(pickContent({ tr: "Merhaba" }, "en")).toEqual({ language: "tr", text: "Merhaba" });
    expect(pickContent({ en: "", tr: "Merhaba" }, "en")).toEqual({
      language: "tr",
      text: "Merhaba",
    });
  });

  it("throws when there is no content at all", () => {
    expect(() => pickContent({}, "en")).toThrow(/no content/);
    expect(() => pickContent({ en: "", tr: "" }, "tr")).toThrow(/no content/);
  });
});

describe("BUILT_IN_TEMPLATES", () => {
  const templates = Object.values(BUILT_IN_TEMPLATES);

  it("has a default for every message type, keyed by id", () => {
    for (const type of ALL_TYPES) expect(BUILT_IN_TEMPLATES[type]?.type).toBe(type);
    for (const [id, definition] of Object.entries(BUILT_IN_TEMPLATES))
      expect(definition.id).toBe(id);
  });

  it.each([
    ["task_created", "task_created", ["name", "taskTitle", "deadline"]],
    ["task_updated", "task_updated", ["name", "taskTitle", "deadline"]],
    ["task_completed", "task_completed", ["name", "taskTitle", "streak"]],
    ["task_completed_creator", "task_completed", ["name", "studentName", "taskTitle"]],
  ])("%s is a %s template with variables %p", (id, type, variables) => {
    const definition = BUILT_IN_TEMPLATES[id];
    expect(definition.type).toBe(type);
    expect([...definition.variables].sort()).toEqual([...variables].sort());
  });

  it.each(templates.map((t) => [t.id, t] as const))(
    "%s: English and Turkish use exactly the declared variables",
    (_id, definition) => {
      for (const language of LANGUAGES) {
        const text = definition.content[language];
        expect(text).toBeDefined();
        expect(templateVariables(text ?? "").sort()).toEqual([...definition.variables].sort());
      }
    },
  );

  it.each(templates.map((t) => [t.id, t] as const))(
    "%s: English fits one GSM-7 segment with typical values",
    (_id, definition) => {
      const body = renderTemplate(definition.content.en, TYPICAL);
      expect(countSegments(body)).toMatchObject({ encoding: "GSM-7", segments: 1 });
    },
  );

  it.each(templates.map((t) => [t.id, t] as const))(
    "%s: Turkish renders within 3 segments with typical values",
    (_id, definition) => {
      const body = renderTemplate(definition.content.tr ?? "", TYPICAL);
      expect(countSegments(body).segments).toBeLessThanOrEqual(3);
    },
  );

  it("renders the task messages as a student and a partner would read them", () => {
    const en = BUILT_IN_TEMPLATES.task_created.content.en;
    const tr = BUILT_IN_TEMPLATES.task_completed.content.tr ?? "";
    const streak = renderTemplate(PHRASES.tr.streak, { days: 5 });
    expect(
      renderTemplate(en, { name: "Ada", taskTitle: "Algebra", deadline: PHRASES.en.noDeadline }),
    ).toBe("Hi Ada, you have a new task: Algebra. Due: no deadline.");
    expect(renderTemplate(tr, { name: "Ayşe", taskTitle: "Kimya", streak })).toBe(
      "Tebrikler Ayşe! Kimya görevini tamamladın. 5 günlük serin devam ediyor!",
    );
    expect(
      renderTemplate(BUILT_IN_TEMPLATES.task_completed.content.en, {
        name: "Ada",
        taskTitle: "Algebra",
        streak: PHRASES.en.noStreak,
      }),
    ).toBe("Well done, Ada! You completed Algebra.");
  });
});

describe("PHRASES", () => {
  it.each(LANGUAGES.map((language) => [language] as [Language]))("%s has every phrase", (l) => {
    expect(PHRASES[l].noDeadline).not.toBe("");
    expect(PHRASES[l].noStreak).toBe("");
    expect(templateVariables(PHRASES[l].streak)).toEqual(["days"]);
    expect(PHRASES[l].streak.startsWith(" ")).toBe(true);
  });

  it("renders the streak phrase", () => {
    expect(renderTemplate(PHRASES.en.streak, { days: 3 })).toBe(" You're on a 3-day streak!");
    expect(PHRASES.tr.noDeadline).toBe("son tarih yok");
  });
});
