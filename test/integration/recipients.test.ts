/** The `sms_recipients` projection follows `users` as the client apps write them. */
import { adminDb, waitFor } from "../support/emulators";
import { seedUser } from "../support/fixtures";

const row = (uid: string) => adminDb().collection("sms_recipients").doc(uid).get();

it("resolves the default zone, language and E.164 number, and follows changes and deletes", async () => {
  await seedUser("recipient-a", { name: "Ada", role: "student", phone_number: "(555) 555-0136" });

  const created = await waitFor("the row", async () =>
    (await row("recipient-a")).exists ? row("recipient-a") : undefined,
  );
  expect(created.data()).toMatchObject({
    timeZone: "America/New_York",
    language: "en",
    phone: "+15555550136",
    role: "student",
    smsEnabled: true,
    marketingOptIn: false,
  });

  await adminDb()
    .collection("users")
    .doc("recipient-a")
    .update({ timezone: "Asia/Tokyo", sms_notifications_enabled: false });
  await waitFor("the update", async () =>
    (await row("recipient-a")).get("timeZone") === "Asia/Tokyo" ? true : undefined,
  );
  expect((await row("recipient-a")).get("smsEnabled")).toBe(false);

  await adminDb().collection("users").doc("recipient-a").delete();
  await waitFor("the delete", async () => ((await row("recipient-a")).exists ? undefined : true));
});
