/** `country` on a new message record: what the cost report groups costs by. */
import { buildMessageRecord, type NewMessage } from "../../../../functions/services/outbox/record";

const settings = {
  defaultCountry: "US",
  retentionDays: 90,
  quietHours: "",
  allowedCountries: ["US", "TR"],
};
const now = new Date("2026-11-21T15:00:00Z");
const record = (fields: Partial<NewMessage>) =>
  buildMessageRecord(
    { id: "m1", to: "", body: "Hi", type: "manual", language: "en", ...fields },
    settings,
    now,
  );

describe("buildMessageRecord: country", () => {
  it.each([
    ["a US number", "+12125550100", "US"],
    ["a fictional 555-01xx number", "+15555550123", "US"],
    ["a national US number", "(212) 555-0100", "US"],
    ["a Turkish number", "+905321234567", "TR"],
  ])("is the ISO code of %s", (_name, to, country) => {
    expect(record({ to })).toMatchObject({ status: "queued", country });
  });

  it("is kept for a country that is not allowed (the message fails, the country is known)", () => {
    expect(record({ to: "+4915123456789" })).toMatchObject({ status: "failed", country: "DE" });
  });

  it("is null for an invalid number and for an email", () => {
    expect(record({ to: "not a number" })).toMatchObject({ status: "failed", country: null });
    expect(record({ to: "ada@example.com", channel: "email" })).toMatchObject({
      status: "queued",
      country: null,
    });
  });
});
