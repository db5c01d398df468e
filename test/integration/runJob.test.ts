/** `runJob` through the web SDK, as the admin web app calls it. */
import { anonymousClient, signedInClient, type WebClient } from "../support/webClient";
import { seedUser } from "../support/fixtures";

const clients: WebClient[] = [];
afterAll(() => Promise.all(clients.map((c) => c.close())));

async function as(uid: string, role?: string) {
  const c = await signedInClient(uid, role);
  clients.push(c);
  return c;
}

it("runs a job for an admin and reports what it did", async () => {
  const admin = await as("runjob-admin", "admin");
  const result = await admin.call<{ job: string }, { job: string; report: Record<string, number> }>(
    "runJob",
    { job: "dueReminders" },
  );
  expect(result.job).toBe("dueReminders");
  expect(result.report).toEqual(expect.objectContaining({ dispatched: expect.any(Number) }));
});

it("never takes admin from users/{uid}.role: only the claim makes an admin", async () => {
  await seedUser("runjob-doc-admin", { role: "admin", phone_number: "+15555550145" });
  const forged = await as("runjob-doc-admin");
  await expect(forged.call("runJob", { job: "retries" })).rejects.toMatchObject({
    code: "functions/permission-denied",
  });
});

it("takes partner and student from users/{uid}.role when the token has no claim", async () => {
  await seedUser("runjob-doc-student", { role: "student", phone_number: "+15555550146" });
  const student = await as("runjob-doc-student");
  await expect(student.call("getSmsHistory", { limit: 1 })).resolves.toMatchObject({
    messages: [],
  });
});

it("refuses callers who are not signed in, or not admins", async () => {
  const anonymous = anonymousClient();
  clients.push(anonymous);
  await expect(anonymous.call("runJob", { job: "overdue" })).rejects.toMatchObject({
    code: "functions/unauthenticated",
  });
  const partner = await as("runjob-partner", "partner");
  await expect(partner.call("runJob", { job: "overdue" })).rejects.toMatchObject({
    code: "functions/permission-denied",
  });
});

it.each([{}, { job: "everything" }, { job: 3 }, { job: "overdue", extra: true }])(
  "answers invalid-argument to %j, naming the field",
  async (request) => {
    const admin = await as("runjob-admin", "admin");
    const error = await admin.call("runJob", request).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "functions/invalid-argument" });
    expect(
      (error as { details: { issues: { path: string }[] } }).details.issues.length,
    ).toBeGreaterThan(0);
  },
);
