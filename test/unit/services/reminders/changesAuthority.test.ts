/**
 * Who may have the backend send a reminder (domain/authority), through a client's write handled
 * against in-memory fakes.
 */
import {
  ownReminder,
  storedFields,
  studentWorld,
  failed,
  write,
} from "../../fakes/memoryRemindersEvents";

describe("handleReminderChange: who may have the backend send", () => {
  const partnerReminder = ownReminder("stu-en", { createdBy: "partner-1" });

  it("refuses a partner's reminder for a student they have no task with", async () => {
    const world = studentWorld();
    await write(world, "r-p", partnerReminder);

    expect(storedFields(world, "r-p")).toEqual(
      failed("The reminder cannot be sent: partner-1 is not an admin nor a partner of stu-en"),
    );
    expect(world.outbox.ids()).toEqual([]);
  });

  it("allows a partner with a task for the student, charged to the partner", async () => {
    const world = studentWorld();
    world.people.assignTask("partner-1", "stu-en");
    await write(world, "r-p", partnerReminder);

    expect(storedFields(world, "r-p").status).toBe("scheduled");
    const [queued] = world.outbox.messages.values();
    expect(queued.message).toMatchObject({
      to: "+12125550100",
      sender: { uid: "partner-1", role: "partner" },
      optOutExempt: false,
    });
    expect(queued.record.createdBy).toBe("partner-1");
  });

  it("lets only an admin's reminder fall back to its own phone_number", async () => {
    const world = studentWorld();
    world.people.assignTask("partner-1", "stu-nophone");
    const toNumber = { userId: "stu-nophone", phone_number: "+12125550199" };
    await write(world, "r-admin", ownReminder("", { ...toNumber, createdBy: "admin-1" }));
    await write(world, "r-partner", ownReminder("", { ...toNumber, createdBy: "partner-1" }));
    await write(world, "r-own", ownReminder("stu-nophone", toNumber));

    expect(storedFields(world, "r-admin").status).toBe("scheduled");
    for (const refused of ["r-partner", "r-own"]) {
      expect(storedFields(world, refused)).toMatchObject({
        status: "failed",
        errorMessage: "The reminder cannot be sent: the user has no phone number",
      });
    }
    const messages = [...world.outbox.messages.values()].map(({ message }) => message);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      reminderId: "r-admin",
      to: "+12125550199",
      language: "en",
      sender: { uid: "admin-1", role: "admin" },
      optOutExempt: false,
    });
  });

  it("sends a reminder to a bare number only when an admin wrote it", async () => {
    const world = studentWorld();
    const bare = { userId: undefined, phone_number: "+12125550199" };
    await write(world, "r-admin", ownReminder("", { ...bare, createdBy: "admin-1" }));
    await write(world, "r-stu", ownReminder("", { ...bare, createdBy: "stu-en" }));

    expect(storedFields(world, "r-admin").status).toBe("scheduled");
    expect(storedFields(world, "r-stu")).toMatchObject({
      status: "failed",
      errorMessage:
        "The reminder cannot be sent: a reminder to a phone number must be written by an admin",
    });
    expect(world.outbox.ids()).toHaveLength(1);
  });
});
