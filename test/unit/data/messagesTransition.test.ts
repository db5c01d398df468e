/** The status write every path goes through: it schedules reconciliation of Twilio sends. */
import { Timestamp } from "firebase-admin/firestore";
import { transitionFields } from "../../../functions/data/messages";
import { InvalidTransitionError } from "../../../functions/domain/messageStatus";

const SENT_AT = Timestamp.fromDate(new Date("2026-11-24T15:00:00Z"));
const sending = { status: "sending" as const, type: "manual" as const };

describe("transitionFields", () => {
  it("schedules the first reconciliation check 10 minutes after a Twilio send", () => {
    const fields = transitionFields(sending, "sent", { provider: "twilio", sentAt: SENT_AT });
    expect(fields.reconcileAfter).toEqual(Timestamp.fromDate(new Date("2026-11-24T15:10:00Z")));
  });

  it.each(["sns", "console", "email"])("schedules none for a send through %s", (provider) => {
    const fields = transitionFields(sending, "sent", { provider, sentAt: SENT_AT });
    expect(fields).not.toHaveProperty("reconcileAfter");
  });

  it("schedules none for other moves", () => {
    const fields = transitionFields(sending, "failed", { provider: "twilio" });
    expect(fields).not.toHaveProperty("reconcileAfter");
  });

  it("still refuses to leave a final status", () => {
    expect(() => transitionFields({ status: "delivered", type: "manual" }, "sent")).toThrow(
      InvalidTransitionError,
    );
  });
});
