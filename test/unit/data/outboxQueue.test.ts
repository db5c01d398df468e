import { needsOutboxQueue } from "../../../functions/data/outboxQueue";
import type { MessageStatus } from "../../../functions/domain/messageStatus";

describe("needsOutboxQueue", () => {
  it("wakes the outbox trigger only for a due message its writer will not send", () => {
    expect(needsOutboxQueue({ status: "queued", deliveredInline: false })).toBe(true);
    expect(needsOutboxQueue({ status: "queued", deliveredInline: true })).toBe(false);
  });

  it.each<MessageStatus>(["sending", "scheduled", "deferred", "failed", "suppressed"])(
    "needs none for a message created %s",
    (status) => {
      expect(needsOutboxQueue({ status, deliveredInline: false })).toBe(false);
    },
  );
});
