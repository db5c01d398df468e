import {
  FINAL_STATUSES,
  InvalidTransitionError,
  MESSAGE_STATUSES,
  PENDING_STATUSES,
  assertTransition,
  canTransition,
  isFinal,
  isMessageStatus,
  type MessageStatus,
} from "../../../functions/domain/messageStatus";

// The whole state machine, written out independently of the implementation.
const ALLOWED: Record<MessageStatus, MessageStatus[]> = {
  queued: ["sending", "scheduled", "deferred", "suppressed", "cancelled", "failed"],
  scheduled: ["queued", "sending", "deferred", "cancelled", "suppressed", "failed"],
  deferred: ["queued", "sending", "cancelled", "suppressed", "failed"],
  sending: ["sent", "queued", "deferred", "failed", "suppressed"],
  sent: ["delivered", "undelivered", "failed"],
  delivered: [],
  undelivered: [],
  failed: [],
  suppressed: [],
  cancelled: [],
};

const PAIRS = MESSAGE_STATUSES.flatMap((from) =>
  MESSAGE_STATUSES.map((to) => [from, to, ALLOWED[from].includes(to)] as const),
);

describe("message statuses", () => {
  it("lists the ten statuses once each", () => {
    expect([...MESSAGE_STATUSES].sort()).toEqual(Object.keys(ALLOWED).sort());
    expect(new Set(MESSAGE_STATUSES).size).toBe(10);
  });

  it("has the final and pending sets of the design", () => {
    expect([...FINAL_STATUSES].sort()).toEqual([
      "cancelled",
      "delivered",
      "failed",
      "suppressed",
      "undelivered",
    ]);
    expect([...PENDING_STATUSES].sort()).toEqual(["deferred", "queued", "scheduled"]);
  });

  it("does not treat sent as final, since a receipt can still arrive", () => {
    expect(isFinal("sent")).toBe(false);
    expect(canTransition("sent", "delivered")).toBe(true);
  });

  it.each(MESSAGE_STATUSES.map((s) => [s]))("isFinal(%s) matches FINAL_STATUSES", (status) => {
    expect(isFinal(status)).toBe(FINAL_STATUSES.has(status));
  });

  it.each([...FINAL_STATUSES].map((s) => [s]))("final status %s can go nowhere", (from) => {
    for (const to of MESSAGE_STATUSES) expect(canTransition(from, to)).toBe(false);
  });

  it.each(MESSAGE_STATUSES.map((s) => [s]))("%s cannot move to itself", (status) => {
    expect(canTransition(status, status)).toBe(false);
  });

  it("cannot be moved back from sent to a waiting or sending state", () => {
    for (const to of ["queued", "scheduled", "deferred", "sending"] as const) {
      expect(canTransition("sent", to)).toBe(false);
    }
  });
});

describe("canTransition and assertTransition over every pair", () => {
  it.each(PAIRS)("%s → %s allowed: %p", (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
    if (allowed) {
      expect(() => assertTransition(from, to)).not.toThrow();
    } else {
      expect(() => assertTransition(from, to)).toThrow(InvalidTransitionError);
    }
  });
});

describe("InvalidTransitionError", () => {
  it("says which move was refused", () => {
    let error: unknown;
    try {
      assertTransition("delivered", "failed");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidTransitionError);
    expect(error).toBeInstanceOf(Error);
    const typed = error as InvalidTransitionError;
    expect([typed.from, typed.to, typed.name]).toEqual([
      "delivered",
      "failed",
      "InvalidTransitionError",
    ]);
    expect(typed.message).toBe('A message cannot go from "delivered" to "failed"');
  });
});

describe("isMessageStatus", () => {
  it.each(MESSAGE_STATUSES.map((s) => [s]))("accepts %p", (status) => {
    expect(isMessageStatus(status)).toBe(true);
  });

  it.each(["", "Queued", "completed", "accepted", undefined, null, 1, {}])("rejects %p", (v) => {
    expect(isMessageStatus(v)).toBe(false);
  });
});
