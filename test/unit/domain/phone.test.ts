import { maskPhone } from "../../../functions/domain/mask";
import { normalizePhone, type PhoneResult } from "../../../functions/domain/phone";

function e164Of(result: PhoneResult): string | undefined {
  return result.ok ? result.e164 : undefined;
}

function reasonOf(result: PhoneResult): string | undefined {
  return result.ok ? undefined : result.reason;
}

describe("normalizePhone", () => {
  describe("fictional US numbers used by tests and demo data", () => {
    it.each([
      "+15555550123",
      "+1 555 555 0123",
      "+1 (555) 555-0123",
      "(555) 555-0123",
      "555-555-0123",
      "555.555.0123",
      "5555550123",
      "1 555 555 0123",
      "  (555) 555-0123  ",
      "001 555 555 0123",
      "011 1 555 555 0123",
    ])("normalises %p to +15555550123", (input) => {
      expect(e164Of(normalizePhone(input, "US"))).toBe("+15555550123");
    });

    it("accepts the whole 555-0100..0199 range in any area code", () => {
      expect(e164Of(normalizePhone("(212) 555-0100", "US"))).toBe("+12125550100");
      expect(e164Of(normalizePhone("+1 415 555 0199", "TR"))).toBe("+14155550199");
    });

    it("still rejects other 555 numbers that are not valid", () => {
      expect(normalizePhone("+1 555 555 0200", "US")).toEqual({
        ok: false,
        reason: "not a valid phone number",
      });
    });

    it("reports the country when the number was read as a national one", () => {
      expect(normalizePhone("(555) 555-0123", "US")).toEqual({
        ok: true,
        e164: "+15555550123",
        country: "US",
      });
    });
  });

  describe("Turkish numbers", () => {
    it.each([
      ["0532 123 45 67", "TR"],
      ["532 123 45 67", "TR"],
      ["0 (532) 123-45-67", "TR"],
      ["+90 532 123 45 67", "TR"],
      ["+90 532 123 45 67", "US"],
      ["+905321234567", "US"],
      ["0090 532 123 45 67", "US"],
      ["00905321234567", "TR"],
    ])("normalises %p (default %s) to +905321234567", (input, country) => {
      expect(normalizePhone(input, country)).toEqual({
        ok: true,
        e164: "+905321234567",
        country: "TR",
      });
    });

    it("reads a Turkish national number as American when the default is US", () => {
      expect(normalizePhone("0532 123 45 67", "US").ok).toBe(false);
    });
  });

  it("normalises a valid real-world number from another country", () => {
    expect(normalizePhone("+44 20 7946 0958", "US")).toEqual({
      ok: true,
      e164: "+442079460958",
      country: "GB",
    });
  });

  it("accepts the default country in lower case", () => {
    expect(e164Of(normalizePhone("0532 123 45 67", "tr"))).toBe("+905321234567");
  });

  describe("unknown default country", () => {
    it.each(["XX", "", "Turkey", "usa"])("does not throw for %p and still takes E.164", (c) => {
      expect(() => normalizePhone("555 555 0123", c)).not.toThrow();
      expect(e164Of(normalizePhone("+905321234567", c))).toBe("+905321234567");
    });

    it("asks for a country code for a national number", () => {
      expect(reasonOf(normalizePhone("555 555 0123", "XX"))).toMatch(/country code/);
    });
  });

  describe("rejections", () => {
    it.each([
      [undefined, "not a phone number"],
      [null, "not a phone number"],
      [15555550123, "not a phone number"],
      [{ phone: "+15555550123" }, "not a phone number"],
      [["+15555550123"], "not a phone number"],
      ["", "empty"],
      ["   ", "empty"],
      ["+", "not a phone number"],
      ["abc", "not a phone number"],
      ["()- ", "not a phone number"],
      ["12", "too short"],
      ["+1555", "too short"],
      ["+90 532", "too short"],
      ["+15555550123456789", "too long"],
      ["1".repeat(65), "too long"],
      ["+999 1234 5678", "unknown country code"],
    ])("rejects %p: %s", (input, reason) => {
      expect(normalizePhone(input, "US")).toEqual({ ok: false, reason });
    });

    it.each([
      "555-CALL-NOW",
      "+1 800 FLOWERS",
      "+1 (555) 555-0123 ext. 5",
      "+15555550123;DROP TABLE",
      "+1555555012３",
      "+15555550123 📱",
      "tel:+15555550123",
      "1+5555550123",
    ])("rejects %p as containing letters or symbols", (input) => {
      expect(reasonOf(normalizePhone(input, "US"))).toBe(
        "not a phone number (it contains letters or symbols)",
      );
    });

    it("rejects a well-formed number that is not valid", () => {
      expect(reasonOf(normalizePhone("+1 123 456 7890", "US"))).toBe("not a valid phone number");
      expect(reasonOf(normalizePhone("0132 123 45 67", "TR"))).toBe("not a valid phone number");
    });
  });
});

describe("maskPhone", () => {
  it.each([
    ["+15555550123", "+1555*****23"],
    ["+905321234567", "+9053******67"],
    ["+442079460958", "+4420******58"],
    ["5555550123", "5555****23"],
    ["+123456", "+1***56"],
    ["12", "*2"],
    ["", ""],
  ])("masks %p as %p", (input, masked) => {
    expect(maskPhone(input)).toBe(masked);
  });

  it("always hides most digits and keeps the length", () => {
    const masked = maskPhone("+905321234567");
    expect(masked).toHaveLength("+905321234567".length);
    expect(masked.replace(/[^*]/g, "")).toHaveLength(6);
  });
});
