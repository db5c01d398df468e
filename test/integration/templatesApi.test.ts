/**
 * The template callables through the web SDK: listing saved and built-in templates, saving,
 * overriding and restoring a built-in, previews, who may do what, and bad requests.
 */
import { adminDb } from "../support/emulators";
import { anonymousClient, signedInClient, type WebClient } from "../support/webClient";
import type {
  DeleteTemplateResponse,
  ListTemplatesRequest,
  ListTemplatesResponse,
  PreviewTemplateRequest,
  PreviewTemplateResponse,
  SaveTemplateRequest,
  SaveTemplateResponse,
  TemplateListEntry,
} from "../../functions/api/types";
import { BUILT_IN_TEMPLATES } from "../../functions/domain/templates";

const clients: WebClient[] = [];
const templates = () => adminDb().collection("sms_templates");

async function as(uid: string, role?: string) {
  const c = await signedInClient(uid, role);
  clients.push(c);
  return c;
}

interface CallableFailure {
  code: string;
  details?: { issues?: { path: string; message: string }[] };
}

async function failure(promise: Promise<unknown>): Promise<CallableFailure> {
  return promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: CallableFailure) => error,
  );
}

const list = (client: WebClient, request: ListTemplatesRequest = {}) =>
  client.call<ListTemplatesRequest, ListTemplatesResponse>("listTemplates", request);
const save = (client: WebClient, request: SaveTemplateRequest) =>
  client.call<SaveTemplateRequest, SaveTemplateResponse>("saveTemplate", request);
const remove = (client: WebClient, templateId: string) =>
  client.call<{ templateId: string }, DeleteTemplateResponse>("deleteTemplate", { templateId });
const preview = (client: WebClient, request: PreviewTemplateRequest) =>
  client.call<PreviewTemplateRequest, PreviewTemplateResponse>("previewTemplate", request);

function entry(listed: ListTemplatesResponse, templateId: string): TemplateListEntry | undefined {
  return listed.templates.find((t) => t.templateId === templateId);
}

const WELCOME: SaveTemplateRequest = {
  templateId: "api_welcome",
  name: "Welcome",
  type: "campaign",
  content: {
    en: "Hi {{name}}, welcome to {{course}}!",
    tr: "Merhaba {{name}}, {{course}} kursuna hoş geldin!",
  },
  variables: ["name", "course"],
};

let admin: WebClient;

beforeAll(async () => {
  admin = await as("api-tpl-admin", "admin");
  // Something a bad delete could remove: the "nothing written" checks would see it go.
  await templates()
    .doc("api_keep")
    .set({
      name: "Keep",
      type: "manual",
      content: { en: "Keep {{x}}" },
      variables: ["x"],
      active: true,
    });
});

afterAll(async () => {
  const saved = await templates().get();
  await Promise.all(
    saved.docs
      .filter((doc) => doc.id.startsWith("api_") || doc.id === "task_created")
      .map((doc) => doc.ref.delete()),
  );
  await Promise.all(clients.map((c) => c.close()));
});

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
