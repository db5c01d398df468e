/**
 * A DONE (or TAMAM) reply through the signed `twilioInbound` webhook: the task meant is
 * completed as the apps complete one, and the user is answered once.
 */
import { Timestamp } from "firebase-admin/firestore";
import { adminDb, loadFunctionEnv, waitFor, waitForMessage } from "../support/emulators";
import { seedUser, waitForTaskIndex, writeTask } from "../support/fixtures";
import { useTwilioStandIn } from "../support/lifecycle";
import { postSigned } from "../support/twilioWebhooks";

const standIn = useTwilioStandIn();
let sid = 0;

beforeAll(() => {
  loadFunctionEnv();
});

/** A user with these open tasks, known by number to the backend. */
async function student(uid: string, phone: string, tasks: Record<string, string>, language = "en") {
  await seedUser(uid, { name: "Deniz", phone_number: phone, language });
  for (const [taskId, title] of Object.entries(tasks)) {
    await writeTask(taskId, { title, assignedTo: uid });
  }
  await waitForTaskIndex(Object.keys(tasks));
  await waitFor(`${uid}'s recipient row`, async () => {
    const row = await adminDb().collection("sms_recipients").doc(uid).get();
    return row.get("phone") === phone ? true : undefined;
  });
}

/** `body` from `phone`; the answer once it is sent. */
async function reply(phone: string, body: string): Promise<FirebaseFirestore.DocumentData> {
  const messageSid = `SMdone${String(++sid).padStart(26, "0")}`;
  const form = { MessageSid: messageSid, From: phone, To: "+15555550100", Body: body };
  expect((await postSigned("twilioInbound", form)).status).toBe(200);
  return waitForMessage(`done_${messageSid}`, (m) => m.status === "sent");
}

const task = async (taskId: string) =>
  (await adminDb().collection("tasks").doc(taskId).get()).data();

describe("a DONE reply", () => {
  it("completes the only open task and confirms; a second DONE finds nothing open", async () => {
    const phone = "+15555550161";
    await student("done-one", phone, { "done-one-t": "Essay draft" });

    const answer = await reply(phone, "Done!");
    expect(answer).toMatchObject({
      to: phone,
      userId: "done-one",
      body: "Marked done: Essay draft. Well done!",
    });
    expect(await task("done-one-t")).toMatchObject({ completed: true });
    expect(typeof (await task("done-one-t"))?.completedAt).toBe("string");
    await waitForTaskIndex(["done-one-t"]);

    const again = await reply(phone, "DONE");
    expect(again.body).toBe("You have no open task to mark done.");
  });

  it("completes the task its latest overdue message named, among several", async () => {
    const phone = "+15555550162";
    await student("done-two", phone, { "done-two-a": "Algebra", "done-two-b": "Biology" });
    await adminDb().collection("sms_messages").doc("task-overdue_done-two-b_1").set({
      to: phone,
      userId: "done-two",
      taskId: "done-two-b",
      type: "task_overdue",
      status: "sent",
      body: "Hi Deniz, the deadline for Biology has passed.",
      createdAt: Timestamp.now(),
    });

    const answer = await reply(phone, "done");
    expect(answer.body).toBe("Marked done: Biology. Well done!");
    expect(await task("done-two-b")).toMatchObject({ completed: true });
    expect(await task("done-two-a")).toMatchObject({ completed: false });
  });

  it("asks which task when several are open and none was named, completing nothing", async () => {
    const phone = "+15555550163";
    await student("done-many", phone, { "done-many-a": "Chemistry", "done-many-b": "History" });

    const answer = await reply(phone, "DONE");
    expect(answer.body).toMatch(/^Which task did you finish\? Open: .*Chemistry/);
    expect(answer.body).toContain("History");
    expect(await task("done-many-a")).toMatchObject({ completed: false });
    expect(await task("done-many-b")).toMatchObject({ completed: false });
  });

  it("understands TAMAM and answers a Turkish user in Turkish", async () => {
    const phone = "+15555550164";
    await student("done-tr", phone, { "done-tr-t": "Fizik ödevi" }, "tr");

    const answer = await reply(phone, "Tamam");
    expect(answer).toMatchObject({
      language: "tr",
      body: "Tamamlandı olarak işaretlendi: Fizik ödevi. Tebrikler!",
    });
    expect(await task("done-tr-t")).toMatchObject({ completed: true });
    // One answer sent; the completion itself is congratulated by the usual task_completed.
    expect(standIn.requests.filter((r) => r.form.Body === answer.body)).toHaveLength(1);
  });
});
