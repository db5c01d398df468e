/**
 * The per-instance template cache (data/templates `loadTemplate`, TEMPLATE_CACHE_SECONDS)
 * against the Firestore emulator, in this process: the emulator's functions run with the
 * cache off (.env.demo-sms-test), since the tests save templates and send with them at once.
 * A write through the admin SDK here stands for a save made by another instance.
 */
import { FieldValue } from "firebase-admin/firestore";
import { deleteSavedTemplate, loadTemplate, writeTemplate } from "../../functions/data/templates";
import { adminDb, sleep } from "../support/emulators";

const MINUTE_MS = 60_000;

/** A save by another instance: the document only, this process's cache is not told. */
async function saveElsewhere(templateId: string, text: string): Promise<void> {
  await adminDb()
    .collection("sms_templates")
    .doc(templateId)
    .set({
      name: "Cached",
      type: "manual",
      content: { en: text },
      variables: [],
      active: true,
      updatedAt: FieldValue.serverTimestamp(),
    });
}

const textOf = async (templateId: string, maxAgeMs: number) =>
  (await loadTemplate(templateId, maxAgeMs))?.content.en;

it("reuses what this instance read while it is young enough, then reads another instance's save", async () => {
  await saveElsewhere("cache-a", "Version 1");
  expect(await textOf("cache-a", MINUTE_MS)).toBe("Version 1");

  await saveElsewhere("cache-a", "Version 2");
  expect(await textOf("cache-a", MINUTE_MS)).toBe("Version 1");
  // A reader that accepts no age reads the document, and the others get what it read.
  expect(await textOf("cache-a", 0)).toBe("Version 2");
  expect(await textOf("cache-a", MINUTE_MS)).toBe("Version 2");

  await saveElsewhere("cache-a", "Version 3");
  await sleep(300);
  expect(await textOf("cache-a", 250)).toBe("Version 3");
});

it("sees a save or a delete made by this instance at once", async () => {
  await saveElsewhere("cache-b", "Before");
  expect(await textOf("cache-b", MINUTE_MS)).toBe("Before");

  await writeTemplate(
    "cache-b",
    { name: "Cached", type: "manual", content: { en: "After" }, variables: [], active: true },
    "cache-admin",
  );
  expect(await textOf("cache-b", MINUTE_MS)).toBe("After");

  await deleteSavedTemplate("cache-b");
  expect(await loadTemplate("cache-b", MINUTE_MS)).toBeUndefined();
});

it("caches a template that is not saved (the built-in one is used) like a saved one", async () => {
  // No saved override: the built-in text, and the absence is what is cached.
  const builtIn = await textOf("help", MINUTE_MS);
  expect(builtIn).toBeDefined();
  await saveElsewhere("help", "Saved HELP text");
  expect(await textOf("help", MINUTE_MS)).toBe(builtIn);
  expect(await textOf("help", 0)).toBe("Saved HELP text");
  await adminDb().collection("sms_templates").doc("help").delete();
});
