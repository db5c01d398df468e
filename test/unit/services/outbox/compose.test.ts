import { compose, languageFor } from "../../../../functions/services/outbox/compose";
import { BUILT_IN_TEMPLATES, TemplateVariableError } from "../../../../functions/domain/templates";

const taskCreated = BUILT_IN_TEMPLATES.task_created;

it("renders the template in the reader's language, with its id and type", () => {
  expect(
    compose(taskCreated, "tr", { name: "Ayşe", taskTitle: "Türev", deadline: "yarın" }),
  ).toEqual({
    body: "Merhaba Ayşe, yeni bir görevin var: Türev. Teslim: yarın.",
    language: "tr",
    templateId: "task_created",
    type: "task_created",
  });
});

it("falls back to English when the template has no text in the reader's language", () => {
  const englishOnly = { ...taskCreated, content: { en: taskCreated.content.en } };
  const composed = compose(englishOnly, "tr", { name: "Ayşe", taskTitle: "T", deadline: "D" });
  expect(composed.language).toBe("en");
  expect(composed.body).toMatch(/^Hi Ayşe/);
  expect(languageFor(englishOnly, "tr")).toBe("en");
});

it("refuses a placeholder without a value, naming it", () => {
  expect(() => compose(taskCreated, "en", { name: "A" })).toThrow(TemplateVariableError);
});
