import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { describePhone } from "../../../functions/domain/phoneDetails";
import { normalizePhone } from "../../../functions/domain/phone";

const parse = (e164: string) => parsePhoneNumberFromString(e164);
const describe_ = (input: string, country = "US") => describePhone(input, country, parse);

describe("describePhone", () => {
  it("gives E.164, country and line type with max metadata", () => {
    expect(describe_("+905321234567")).toEqual({
      valid: true,
      e164: "+905321234567",
      country: "TR",
      type: "MOBILE",
    });
    expect(describe_("0212 123 45 67", "TR")).toEqual({
      valid: true,
      e164: "+902121234567",
      country: "TR",
      type: "FIXED_LINE",
    });
    expect(describe_("(415) 555-2671")).toMatchObject({
      e164: "+14155552671",
      country: "US",
      type: "FIXED_LINE_OR_MOBILE",
    });
  });

  it("accepts fictional 555-01xx numbers as the backend does, without country or type", () => {
    expect(describe_("+15555550180")).toEqual({
      valid: true,
      e164: "+15555550180",
      country: null,
      type: null,
    });
    // The same answer however the number was typed: no country from DEFAULT_COUNTRY.
    expect(describe_("(555) 555-0181")).toEqual({
      valid: true,
      e164: "+15555550181",
      country: null,
      type: null,
    });
  });

  it("answers invalid numbers with nulls, not errors", () => {
    const invalid = { valid: false, e164: null, country: null, type: null };
    for (const input of ["12", "+1 800 FLOWERS", "hello", "+999 123", "0532 123 45 67"]) {
      expect(describe_(input)).toEqual(invalid);
    }
  });

  it("agrees with normalizePhone on validity and E.164", () => {
    const inputs = [
      "+15555550189",
      "+1 555 555 0200",
      "+905321234567",
      "05321234567",
      "+44 7911 123456",
      "0044 7911 123456",
      "555-0123",
      "+1 (212) 555-0199",
    ];
    for (const country of ["US", "TR"]) {
      for (const input of inputs) {
        const expected = normalizePhone(input, country);
        const actual = describePhone(input, country, parse);
        expect({ input, country, valid: actual.valid, e164: actual.e164 }).toEqual({
          input,
          country,
          valid: expected.ok,
          e164: expected.ok ? expected.e164 : null,
        });
      }
    }
  });
});
