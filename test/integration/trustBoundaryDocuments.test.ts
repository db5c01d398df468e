/**
 * The trust boundary, tried as an attacker with the client SDK and an ordinary account would
 * (rules enforced), next to the legitimate use each attack imitates: client documents cannot
 * claim authority, and STOP holds on every path (but for a student's own reminder).
 */
import { doc, setDoc, updateDoc } from "firebase/firestore";
import { adminDb, messagesFor, sleep, waitFor } from "../support/emulators";
import { denied, STOPPED, useTrustBoundaryFixture } from "../support/trustBoundary";

const { as, reached } = useTrustBoundaryFixture();

describe("client documents cannot claim authority", () => {
  it("denies a task with a forged createdBy, or a student assigning another student", async () => {
    const student = await as("tb-student", "student");
    const db = student.firestore();
    await expect(
      setDoc(doc(db, "tasks", "tb-forged"), {
        title: "Forged",
        completed: false,
        assignedTo: "tb-other",
        createdBy: "tb-partner",
      }),
    ).rejects.toEqual(denied);
    await expect(
      setDoc(doc(db, "tasks", "tb-forged-2"), {
        title: "Not yours to give",
        completed: false,
        assignedTo: "tb-other",
        createdBy: "tb-student",
      }),
    ).rejects.toEqual(denied);
    // The legitimate flow beside it: a student's own task, then completing it.
    await setDoc(doc(db, "tasks", "tb-own"), {
      title: "Read chapter 4",
      completed: false,
      assignedTo: "tb-student",
      createdBy: "tb-student",
    });
    await updateDoc(doc(db, "tasks", "tb-own"), { completed: true, completedAt: new Date() });
  });

  it("denies a phone-only reminder from a student, and a reminder for someone else", async () => {
    const student = await as("tb-student", "student");
    const db = student.firestore();
    const reminder = {
      title: "Call me",
      message: "Hello",
      scheduledTime: new Date(Date.now() + 3_600_000).toISOString(),
      channel: "voice",
    };
    await expect(
      setDoc(doc(db, "reminders", "tb-phone-only"), { ...reminder, phone_number: STOPPED }),
    ).rejects.toEqual(denied);
    await expect(
      setDoc(doc(db, "reminders", "tb-for-other"), { ...reminder, userId: "tb-other" }),
    ).rejects.toEqual(denied);
    await expect(
      setDoc(doc(db, "reminders", "tb-for-other-2"), {
        ...reminder,
        userId: "tb-other",
        createdBy: "tb-student",
      }),
    ).rejects.toEqual(denied);
    // Their own reminder is fine.
    await setDoc(doc(db, "reminders", "tb-own-reminder"), { ...reminder, userId: "tb-student" });
  });

  it("a phone-only reminder written before the rules (no author) sends nothing, anywhere", async () => {
    await adminDb()
      .collection("reminders")
      .doc("tb-legacy-phone-only")
      .set({
        phone_number: STOPPED,
        title: "Legacy",
        message: "You cannot stop me",
        scheduledTime: new Date(Date.now() + 60_000).toISOString(),
        channel: "voice",
      });
    const refused = await waitFor("the reminder to be refused", async () => {
      const snapshot = await adminDb().collection("reminders").doc("tb-legacy-phone-only").get();
      return snapshot.get("status") === "failed" ? snapshot.data() : undefined;
    });
    expect(refused?.errorMessage).toMatch(/admin/);
    await sleep(1000);
    expect((await messagesFor()).filter((m) => m.reminderId === "tb-legacy-phone-only")).toEqual(
      [],
    );
    expect(reached(STOPPED)).toBe(false);
  });

  it("a reminder whose createdBy is not the recipient's partner is refused when it runs", async () => {
    await adminDb()
      .collection("reminders")
      .doc("tb-legacy-foreign")
      .set({
        userId: "tb-other",
        createdBy: "tb-student",
        title: "Legacy",
        message: "Hi",
        scheduledTime: new Date(Date.now() + 60_000).toISOString(),
      });
    const refused = await waitFor("the reminder to be refused", async () => {
      const snapshot = await adminDb().collection("reminders").doc("tb-legacy-foreign").get();
      return snapshot.get("status") === "failed" ? snapshot.data() : undefined;
    });
    expect(refused?.errorMessage).toMatch(/not an admin nor a partner/);
    expect((await messagesFor()).filter((m) => m.reminderId === "tb-legacy-foreign")).toEqual([]);
  });
});

describe("STOP holds on every path", () => {
  it("a partner's task and reminder for a STOP'd student send nothing on any provider", async () => {
    const partner = await as("tb-partner", "partner");
    const db = partner.firestore();
    await setDoc(doc(db, "tasks", "tb-task-stopped"), {
      title: "Essay",
      completed: false,
      assignedTo: "tb-stopped",
      createdBy: "tb-partner",
    });
    const [taskMessage] = await waitFor("the task message", async () => {
      const found = (await messagesFor("tb-task-stopped")).filter((m) => m.status === "suppressed");
      return found.length ? found : undefined;
    });
    expect(taskMessage).toMatchObject({
      createdBy: "tb-partner",
      error: expect.objectContaining({ code: "opted_out" }),
    });

    // The partner link the rules read now exists, so the partner may write the reminder.
    await waitFor("the partner link", async () => {
      const link = await adminDb().doc("sms_partner_students/tb-partner/students/tb-stopped").get();
      return link.exists || undefined;
    });
    await setDoc(doc(db, "reminders", "tb-reminder-stopped"), {
      userId: "tb-stopped",
      createdBy: "tb-partner",
      title: "Essay due",
      message: "Your essay is due tomorrow",
      scheduledTime: new Date(Date.now() + 3_600_000).toISOString(),
      channel: "whatsapp",
    });
    const confirmation = await waitFor("the reminder's confirmation", async () => {
      const found = (await messagesFor()).find(
        (m) => m.reminderId === "tb-reminder-stopped" && m.status === "suppressed",
      );
      return found;
    });
    expect(confirmation).toMatchObject({ optOutExempt: false, createdBy: "tb-partner" });
    expect(reached(STOPPED)).toBe(false);
  });

  it("a student's own reminder still reaches them after STOP (they asked for it)", async () => {
    const own = await as("tb-stopped", "student");
    await setDoc(doc(own.firestore(), "reminders", "tb-own-after-stop"), {
      userId: "tb-stopped",
      title: "My reminder",
      message: "Take a break",
      scheduledTime: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const confirmation = await waitFor("the confirmation", async () =>
      (await messagesFor()).find(
        (m) => m.reminderId === "tb-own-after-stop" && m.status === "sent",
      ),
    );
    expect(confirmation).toMatchObject({ optOutExempt: true, createdBy: null });
    expect(reached(STOPPED)).toBe(true);
  });
});
