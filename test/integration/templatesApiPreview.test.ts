/** The template callables through the web SDK: previews, and who may call what. */
import {
  failure,
  preview,
  save,
  templates,
  useTemplatesApiFixture,
  WELCOME,
} from "../support/templatesApi";
import { anonymousClient } from "../support/webClient";

const { clients, as, admin } = useTemplatesApiFixture();

describe("previewTemplate", () => {
  it("renders a built-in in Turkish with its SMS size, for any signed-in role", async () => {
    for (const [uid, role] of [
      ["api-tpl-admin", "admin"],
      ["api-tpl-partner", "partner"],
      ["api-tpl-student", "student"],
    ]) {
      await expect(
        preview(await as(uid, role), {
          templateId: "task_updated",
          variables: { name: "Şule", taskTitle: "Kimya", deadline: "25 Kas 17:00" },
          language: "tr",
        }),
      ).resolves.toEqual({
        body: "Merhaba Şule, görevin güncellendi: Kimya. Teslim: 25 Kas 17:00.",
        segments: 1,
        encoding: "UCS-2",
        length: 63,
      });
    }
  });

  it("renders text given directly, as one string or per language", async () => {
    const student = await as("api-tpl-student", "student");
    await expect(
      preview(student, { content: "Hi {{name}}", variables: { name: "Ada" }, language: "en" }),
    ).resolves.toEqual({ body: "Hi Ada", segments: 1, encoding: "GSM-7", length: 6 });
    const long = "ışık".repeat(17);
    await expect(
      preview(student, {
        content: { en: "Task: {{t}}", tr: "Ödev: {{t}}" },
        variables: { t: long },
        language: "tr",
      }),
    ).resolves.toEqual({ body: `Ödev: ${long}`, segments: 2, encoding: "UCS-2", length: 74 });
  });

  it("previews a saved template even while it is inactive", async () => {
    await save(admin, { ...WELCOME, templateId: "api_draft", active: false });
    await expect(
      preview(admin, {
        templateId: "api_draft",
        variables: { name: "Ada", course: "Algebra" },
        language: "en",
      }),
    ).resolves.toMatchObject({ body: "Hi Ada, welcome to Algebra!", encoding: "GSM-7" });
  });

  it("names missing and unknown variables in one invalid-argument", async () => {
    const error = await failure(
      preview(admin, {
        templateId: "task_created",
        variables: { name: "Ada", title: "typo" },
        language: "en",
      }),
    );
    expect(error.code).toBe("functions/invalid-argument");
    expect(error.details?.issues).toEqual([
      { path: "variables.taskTitle", message: "{{taskTitle}} is in the template but has no value" },
      { path: "variables.deadline", message: "{{deadline}} is in the template but has no value" },
      { path: "variables.title", message: "title is not a placeholder of this template" },
    ]);
  });

  it("answers not-found for an unknown template", async () => {
    await expect(
      failure(preview(admin, { templateId: "api_unknown", variables: {}, language: "en" })),
    ).resolves.toMatchObject({ code: "functions/not-found" });
  });
});

describe("who may call", () => {
  const calls: [string, unknown][] = [
    ["listTemplates", {}],
    ["saveTemplate", { ...WELCOME, templateId: "api_denied" }],
    ["deleteTemplate", { templateId: "api_keep" }],
    ["previewTemplate", { templateId: "help", variables: {}, language: "en" }],
  ];

  it.each(calls)("%s needs a signed-in user with a role", async (name, request) => {
    const anonymous = anonymousClient();
    clients.push(anonymous);
    await expect(failure(anonymous.call(name, request))).resolves.toMatchObject({
      code: "functions/unauthenticated",
    });
    const nobody = await as("api-tpl-norole");
    await expect(failure(nobody.call(name, request))).resolves.toMatchObject({
      code: "functions/permission-denied",
    });
  });

  it.each([
    ["saveTemplate", { ...WELCOME, templateId: "api_denied" }],
    ["deleteTemplate", { templateId: "api_keep" }],
  ])("%s is for admins only", async (name, request) => {
    for (const [uid, role] of [
      ["api-tpl-partner", "partner"],
      ["api-tpl-student", "student"],
    ]) {
      await expect(failure((await as(uid, role)).call(name, request))).resolves.toMatchObject({
        code: "functions/permission-denied",
      });
    }
    expect((await templates().doc("api_denied").get()).exists).toBe(false);
    expect((await templates().doc("api_keep").get()).exists).toBe(true);
  });
});
