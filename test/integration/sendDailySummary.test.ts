/** `sendDailySummary` through the web SDK: who may ask for whose summary, and what is sent. */
import { adminDb, TWILIO_STAND_IN_PORT, waitFor, waitForMessage } from "../support/emulators";
import { seedUser, waitForTaskIndex, writeTask } from "../support/fixtures";
import { startTwilioStandIn, type TwilioStandIn } from "../support/twilioStandIn";
import { signedInClient, type WebClient } from "../support/webClient";

let twilio: TwilioStandIn;
const clients: WebClient[] = [];

async function as(uid: string, role?: string) {
  const c = await signedInClient(uid, role);
  clients.push(c);
  return c;
}

beforeAll(async () => {
  twilio = await startTwilioStandIn(TWILIO_STAND_IN_PORT);
  await seedUser("sum-student", { name: "Selin", phone_number: "+15555550147" });
  await seedUser("sum-partner", { name: "Pelin", role: "partner", phone_number: "+15555550148" });
  await seedUser("sum-stranger", { name: "Sami", role: "partner", phone_number: "+15555550149" });
  await writeTask("sum-t1", { assignedTo: "sum-student", createdBy: "sum-partner" });
  await writeTask("sum-t2", {
    assignedTo: "sum-student",
    createdBy: "sum-partner",
    deadline: "2020-01-01T00:00:00Z",
  });
  await waitForTaskIndex(["sum-t1", "sum-t2"]);
  await waitFor("the student's recipient row", async () =>
    (await adminDb().collection("sms_recipients").doc("sum-student").get()).exists
      ? true
      : undefined,
  );
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await twilio.close();
});

it("sends an admin-requested summary with today's counts", async () => {
  const admin = await as("sum-admin", "admin");
  const { messageId } = await admin.call<{ userId: string }, { messageId: string }>(
    "sendDailySummary",
    { userId: "sum-student" },
  );
  const message = await waitForMessage(messageId, (m) => m.status === "sent");
  expect(message).toMatchObject({
    type: "daily_summary",
    userId: "sum-student",
    to: "+15555550147",
  });
  // Two open tasks, one of them past its deadline, none completed today.
  expect(message.body).toBe("Hi Selin, today: 0 completed, 2 open (1 overdue).");
});

it("lets the student and the partner who assigned them a task ask; not another partner", async () => {
  await expect(
    (await as("sum-student")).call("sendDailySummary", { userId: "sum-student" }),
  ).resolves.toHaveProperty("messageId");
  await expect(
    (await as("sum-partner", "partner")).call("sendDailySummary", { userId: "sum-student" }),
  ).resolves.toHaveProperty("messageId");
  await expect(
    (await as("sum-stranger", "partner")).call("sendDailySummary", { userId: "sum-student" }),
  ).rejects.toMatchObject({ code: "functions/permission-denied" });
});

it("answers not-found for an unknown user and invalid-argument for a bad request", async () => {
  const admin = await as("sum-admin", "admin");
  await expect(admin.call("sendDailySummary", { userId: "nobody-here" })).rejects.toMatchObject({
    code: "functions/not-found",
  });
  await expect(admin.call("sendDailySummary", { userId: "" })).rejects.toMatchObject({
    code: "functions/invalid-argument",
  });
});
