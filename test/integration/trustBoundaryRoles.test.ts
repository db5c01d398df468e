/**
 * The trust boundary, tried as an attacker with the client SDK and an ordinary account would
 * (rules enforced), next to the legitimate use each attack imitates: roles come only from Auth
 * claims, never from a users document, and an admin's change of role takes effect at once.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { doc, setDoc, updateDoc } from "firebase/firestore";
import { getAuth as getAdminAuth } from "firebase-admin/auth";
import { adminDb, messagesFor, PROJECT_ID } from "../support/emulators";
import { seedUser } from "../support/fixtures";
import { denied, useTrustBoundaryFixture } from "../support/trustBoundary";

const { as, reached } = useTrustBoundaryFixture();

describe("roles come only from Auth claims", () => {
  it("denies a student writing role: admin to their own users document", async () => {
    const student = await as("tb-self-promoter");
    const db = student.firestore();
    await setDoc(doc(db, "users", "tb-self-promoter"), {
      name: "Mallory",
      role: "student",
      phone_number: "+15555550174",
    });
    await expect(
      updateDoc(doc(db, "users", "tb-self-promoter"), { role: "admin" }),
    ).rejects.toEqual(denied);
    // The legitimate edit beside it: their own profile fields.
    await updateDoc(doc(db, "users", "tb-self-promoter"), {
      name: "Mallory M.",
      timezone: "Europe/Istanbul",
      sms_notifications_enabled: false,
    });
  });

  it("refuses callables to a document that says admin without the claim", async () => {
    await seedUser("tb-doc-admin", { role: "admin", phone_number: "+15555550175" });
    const forged = await as("tb-doc-admin");
    const before = (await messagesFor()).length;
    await expect(
      forged.call("sendSms", { phoneNumber: "+15555550176", message: "free money" }),
    ).rejects.toMatchObject({ code: "functions/permission-denied" });
    await expect(forged.call("runJob", { job: "retries" })).rejects.toMatchObject({
      code: "functions/permission-denied",
    });
    await expect(
      forged.call("setUserRole", { userId: "tb-doc-admin", role: "admin" }),
    ).rejects.toMatchObject({ code: "functions/permission-denied" });
    expect((await messagesFor()).length).toBe(before);
    expect(reached("+15555550176")).toBe(false);
  });

  it("setUserRole: an admin sets a claim and mirrors it; the new role works at once", async () => {
    const admin = await as("tb-admin", "admin");
    await seedUser("tb-new-partner", { role: "student", phone_number: "+15555550177" });
    await as("tb-new-partner");
    // Through the web app's typed wrapper (client/callables.ts).
    const changed = await admin.api("setUserRole", { userId: "tb-new-partner", role: "partner" });
    expect(changed).toEqual({ userId: "tb-new-partner", role: "partner" });
    const account = await getAdminAuth().getUser("tb-new-partner");
    expect(account.customClaims).toMatchObject({ role: "partner" });
    const mirrored = await adminDb().collection("users").doc("tb-new-partner").get();
    expect(mirrored.get("role")).toBe("partner");

    await expect(
      admin.call("setUserRole", { userId: "tb-admin", role: "student" }),
    ).rejects.toMatchObject({ code: "functions/permission-denied" });
    await expect(
      admin.call("setUserRole", { userId: "tb-nobody", role: "partner" }),
    ).rejects.toMatchObject({ code: "functions/not-found" });
    await expect(
      admin.call("setUserRole", { userId: "tb-new-partner", role: "owner" }),
    ).rejects.toMatchObject({ code: "functions/invalid-argument" });
    const student = await as("tb-student", "student");
    await expect(
      student.call("setUserRole", { userId: "tb-student", role: "admin" }),
    ).rejects.toMatchObject({ code: "functions/permission-denied" });
  });

  it("npm run set-role bootstraps the first admin from the command line", async () => {
    await seedUser("tb-first-admin", { role: "student", phone_number: "+15555550179" });
    await as("tb-first-admin");
    const result = spawnSync(process.execPath, ["scripts/setRole.js", "tb-first-admin", "admin"], {
      cwd: join(__dirname, "../.."),
      env: { ...process.env, GCLOUD_PROJECT: PROJECT_ID },
      encoding: "utf8",
    });
    expect(result.stdout).toContain("tb-first-admin is now admin");
    expect((await getAdminAuth().getUser("tb-first-admin")).customClaims).toMatchObject({
      role: "admin",
    });
    const mirrored = await adminDb().collection("users").doc("tb-first-admin").get();
    expect(mirrored.get("role")).toBe("admin");
    const usage = spawnSync(process.execPath, ["scripts/setRole.js", "tb-first-admin", "owner"], {
      cwd: join(__dirname, "../.."),
      encoding: "utf8",
    });
    expect(usage.status).toBe(1);
    expect(usage.stderr).toMatch(/usage/);
  });

  it("a demoted admin loses the role at once, though their ID token still says admin", async () => {
    const admin = await as("tb-admin-2", "admin");
    const demoted = await as("tb-demoted", "admin");
    await expect(demoted.call("runJob", { job: "retries" })).resolves.toBeDefined();
    await admin.call("setUserRole", { userId: "tb-demoted", role: "student" });
    await expect(demoted.call("runJob", { job: "retries" })).rejects.toMatchObject({
      code: "functions/permission-denied",
    });
  });
});
