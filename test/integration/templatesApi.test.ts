/**
 * The template callables through the web SDK: listing saved and built-in templates, saving,
 * overriding and restoring a built-in, and deleting. Previews and who may call:
 * templatesApiPreview.test.ts; bad requests: templatesApiValidation.test.ts.
 */
import {
  entry,
  failure,
  list,
  preview,
  remove,
  save,
  templates,
  useTemplatesApiFixture,
  WELCOME,
} from "../support/templatesApi";
import { BUILT_IN_TEMPLATES } from "../../functions/domain/templates";

const { as, admin } = useTemplatesApiFixture();

describe("listTemplates", () => {
  it("lists every built-in for any signed-in role, marked as built in", async () => {
    for (const [uid, role] of [
      ["api-tpl-admin", "admin"],
      ["api-tpl-partner", "partner"],
      ["api-tpl-student", "student"],
    ]) {
      const listed = await list(await as(uid, role));
      for (const id of Object.keys(BUILT_IN_TEMPLATES)) {
        expect(entry(listed, id)).toMatchObject({ templateId: id, builtIn: true, active: true });
      }
      expect(entry(listed, "task_created")).toEqual({
        templateId: "task_created",
        name: "New task",
        type: "task_created",
        content: BUILT_IN_TEMPLATES.task_created.content,
        variables: ["name", "taskTitle", "deadline"],
        active: true,
        builtIn: true,
        overridden: false,
      });
      expect(entry(listed, "api_keep")).toMatchObject({ builtIn: false, overridden: false });
    }
  });

  it("filters by type", async () => {
    const listed = await list(admin, { type: "task_completed" });
    expect(listed.templates.map((t) => t.templateId)).toEqual([
      "task_completed",
      "task_completed_creator",
    ]);
  });
});

describe("saveTemplate and deleteTemplate", () => {
  it("saves a new template and lists it as saved", async () => {
    await expect(save(admin, WELCOME)).resolves.toEqual({ templateId: "api_welcome" });
    const doc = await templates().doc("api_welcome").get();
    expect(doc.data()).toMatchObject({
      name: "Welcome",
      type: "campaign",
      content: WELCOME.content,
      variables: ["name", "course"],
      active: true,
      updatedBy: "api-tpl-admin",
    });
    expect(entry(await list(admin, { type: "campaign" }), "api_welcome")).toEqual({
      ...WELCOME,
      active: true,
      builtIn: false,
      overridden: false,
    });
  });

  it("replaces a saved template, inactive when asked", async () => {
    await save(admin, {
      ...WELCOME,
      name: "Welcome v2",
      content: { en: "Hey {{name}} ({{course}})" },
      active: false,
    });
    expect(entry(await list(admin), "api_welcome")).toMatchObject({
      name: "Welcome v2",
      content: { en: "Hey {{name}} ({{course}})" },
      active: false,
    });
  });

  it("overrides a built-in (shown once), and deleting the override brings the built-in back", async () => {
    await save(admin, {
      templateId: "task_created",
      name: "New task (ours)",
      type: "task_created",
      content: { en: "New: {{taskTitle}} for {{name}}", tr: "Yeni: {{taskTitle}}" },
      variables: ["taskTitle", "name"],
    });
    const listed = await list(admin);
    expect(listed.templates.filter((t) => t.templateId === "task_created")).toEqual([
      {
        templateId: "task_created",
        name: "New task (ours)",
        type: "task_created",
        content: { en: "New: {{taskTitle}} for {{name}}", tr: "Yeni: {{taskTitle}}" },
        variables: ["taskTitle", "name"],
        active: true,
        builtIn: true,
        overridden: true,
      },
    ]);
    await expect(
      preview(admin, {
        templateId: "task_created",
        variables: { taskTitle: "Ödev", name: "Ali" },
        language: "tr",
      }),
    ).resolves.toMatchObject({ body: "Yeni: Ödev" });

    await expect(remove(admin, "task_created")).resolves.toEqual({ deleted: true });
    expect((await templates().doc("task_created").get()).exists).toBe(false);
    expect(entry(await list(admin), "task_created")).toMatchObject({
      name: "New task",
      content: BUILT_IN_TEMPLATES.task_created.content,
      overridden: false,
    });
  });

  it("answers not-found for a built-in without a saved version, and for an unknown id", async () => {
    const before = (await templates().count().get()).data().count;
    await expect(failure(remove(admin, "task_created"))).resolves.toMatchObject({
      code: "functions/not-found",
    });
    await expect(failure(remove(admin, "api_nothing_here"))).resolves.toMatchObject({
      code: "functions/not-found",
    });
    expect((await templates().count().get()).data().count).toBe(before);
  });

  it("deletes a saved template", async () => {
    await save(admin, { ...WELCOME, templateId: "api_gone" });
    await expect(remove(admin, "api_gone")).resolves.toEqual({ deleted: true });
    expect(entry(await list(admin), "api_gone")).toBeUndefined();
  });

  it("refuses a template whose placeholders and variables differ, naming them, and saves nothing", async () => {
    const error = await failure(
      save(admin, {
        ...WELCOME,
        templateId: "api_mismatch",
        content: { en: "Hi {{name}} {{date}}", tr: "Merhaba {{name}} {{saat}}" },
        variables: ["name", "course"],
      }),
    );
    expect(error.code).toBe("functions/invalid-argument");
    expect(error.details?.issues).toEqual([
      { path: "content.en", message: "uses {{date}}, missing from variables" },
      { path: "content.tr", message: "uses {{saat}}, missing from variables" },
      { path: "variables", message: "course is not used in the content" },
    ]);
    expect((await templates().doc("api_mismatch").get()).exists).toBe(false);
  });
});
