/**
 * The set-up of the template callables' tests: an admin signed in, a saved template (`api_keep`)
 * a bad delete could remove, typed calls, and the clean-up of what the tests saved.
 */
import { adminDb } from "./emulators";
import { useWebClients } from "./lifecycle";
import type { WebClient } from "./webClient";
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

export const templates = () => adminDb().collection("sms_templates");

export interface CallableFailure {
  code: string;
  details?: { issues?: { path: string; message: string }[] };
}

export async function failure(promise: Promise<unknown>): Promise<CallableFailure> {
  return promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: CallableFailure) => error,
  );
}

export const list = (client: WebClient, request: ListTemplatesRequest = {}) =>
  client.call<ListTemplatesRequest, ListTemplatesResponse>("listTemplates", request);
export const save = (client: WebClient, request: SaveTemplateRequest) =>
  client.call<SaveTemplateRequest, SaveTemplateResponse>("saveTemplate", request);
export const remove = (client: WebClient, templateId: string) =>
  client.call<{ templateId: string }, DeleteTemplateResponse>("deleteTemplate", { templateId });
export const preview = (client: WebClient, request: PreviewTemplateRequest) =>
  client.call<PreviewTemplateRequest, PreviewTemplateResponse>("previewTemplate", request);

export function entry(
  listed: ListTemplatesResponse,
  templateId: string,
): TemplateListEntry | undefined {
  return listed.templates.find((t) => t.templateId === templateId);
}

export const WELCOME: SaveTemplateRequest = {
  templateId: "api_welcome",
  name: "Welcome",
  type: "campaign",
  content: {
    en: "Hi {{name}}, welcome to {{course}}!",
    tr: "Merhaba {{name}}, {{course}} kursuna hoş geldin!",
  },
  variables: ["name", "course"],
};

/** Registers this file's hooks; the handles it returns work in any test. */
export function useTemplatesApiFixture() {
  const { clients, as, signedIn } = useWebClients();
  const admin = signedIn("api-tpl-admin", "admin");
  beforeAll(async () => {
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
  });
  return { clients, as, admin };
}
