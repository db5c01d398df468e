import {
  DEFAULT_PRICE_TABLE,
  estimatePrice,
  parsePriceTable,
  pricedCountries,
  recordedPrice,
  type PriceTable,
} from "../../../functions/domain/pricing";
import { countSegments } from "../../../functions/domain/segments";

const US = "+12125550100";
const TR = "+905321234567";
const DE = "+4915123456789";
const TABLE: PriceTable = {
  currency: "USD",
  defaultPerSegment: 0.08,
  perSegment: { US: 0.00645, TR: 0.0505 },
};

describe("parsePriceTable", () => {
  it("gives the US and TR defaults when the setting is empty, without a problem", () => {
    expect(parsePriceTable("")).toEqual({ table: DEFAULT_PRICE_TABLE });
    expect(parsePriceTable("  \n")).toEqual({ table: DEFAULT_PRICE_TABLE });
    expect(DEFAULT_PRICE_TABLE.currency).toBe("USD");
    expect(pricedCountries(DEFAULT_PRICE_TABLE)).toEqual(["TR", "US"]);
  });

  it("reads currency, default and one price per segment per country", () => {
    const text = '{"currency":"EUR","default":0.09,"TR":0.04,"de":0.075,"GB":0}';
    expect(parsePriceTable(text)).toEqual({
      table: {
        currency: "EUR",
        defaultPerSegment: 0.09,
        perSegment: { TR: 0.04, DE: 0.075, GB: 0 },
      },
    });
  });

  it("replaces the defaults whole: a table without US prices US at its default", () => {
    const { table } = parsePriceTable('{"currency":"USD","default":0.02,"TR":0.03}');
    expect(estimatePrice(table, US, 1).price).toBe(0.02);
  });

  it.each([
    ["not JSON", "{currency: USD}", /not JSON/],
    ["a JSON array", "[0.01]", /must be a JSON object/],
    ["a bare number", "0.01", /must be a JSON object/],
    ["null", "null", /must be a JSON object/],
    ["no currency", '{"default":0.01}', /"currency"/],
    ["a lower-case currency", '{"currency":"usd","default":0.01}', /"currency"/],
    ["a currency that is not a code", '{"currency":"dollars","default":0.01}', /"currency"/],
    ["no default", '{"currency":"USD","US":0.01}', /"default"/],
    ["a negative default", '{"currency":"USD","default":-1}', /"default"/],
    ["a price as a string", '{"currency":"USD","default":0.01,"US":"0.0065"}', /"US" must be/],
    ["a negative price", '{"currency":"USD","default":0.01,"TR":-0.05}', /"TR" must be/],
    ["a price of null", '{"currency":"USD","default":0.01,"TR":null}', /"TR" must be/],
    ["a country name", '{"currency":"USD","default":0.01,"Turkey":0.05}', /"Turkey" is not/],
    ["a three-letter code", '{"currency":"USD","default":0.01,"TUR":0.05}', /"TUR" is not/],
    ["a country twice", '{"currency":"USD","default":0.01,"TR":0.05,"tr":0.06}', /twice/],
  ])("falls back to the defaults, saying why, for %s", (_name, text, problem) => {
    const parsed = parsePriceTable(text);
    expect(parsed.table).toBe(DEFAULT_PRICE_TABLE);
    expect(parsed.problem).toMatch(/^SMS_PRICE_TABLE/);
    expect(parsed.problem).toMatch(problem);
  });
});

describe("estimatePrice", () => {
  it("prices a US and a Turkish number at their country's price per segment", () => {
    expect(estimatePrice(TABLE, US, 1)).toEqual({ price: 0.00645, priceUnit: "USD" });
    expect(estimatePrice(TABLE, TR, 1)).toEqual({ price: 0.0505, priceUnit: "USD" });
  });

  it("prices the fictional 555-01xx test numbers as US numbers", () => {
    expect(estimatePrice(TABLE, "+15555550123", 1).price).toBe(0.00645);
  });

  it("prices a country the table does not name, or an unknown one, at the default", () => {
    expect(estimatePrice(TABLE, DE, 1).price).toBe(0.08);
    expect(estimatePrice(TABLE, "+999123", 1).price).toBe(0.08);
  });

  it("multiplies by the segments, without float noise", () => {
    expect(estimatePrice(TABLE, TR, 3).price).toBe(0.1515);
    expect(estimatePrice(TABLE, US, 7).price).toBe(0.04515);
  });

  it("bills at least one segment, and whole segments", () => {
    expect(estimatePrice(TABLE, US, 0).price).toBe(0.00645);
    expect(estimatePrice(TABLE, US, Number.NaN).price).toBe(0.00645);
    expect(estimatePrice(TABLE, US, 1.2).price).toBe(0.0129);
  });

  it("prices a Turkish UCS-2 body by its 67-character segments", () => {
    // ı and ş are outside GSM-7: the message goes as UCS-2, 70 characters alone, 67 per part.
    const body = "Yarın sınavın var, çalışmayı unutma! ".repeat(4); // 148 characters
    const { segments, encoding } = countSegments(body);
    expect(encoding).toBe("UCS-2");
    expect(segments).toBe(3);
    expect(estimatePrice(TABLE, TR, segments).price).toBe(0.1515);
    // The same length in plain GSM-7 would be one segment.
    expect(countSegments("a".repeat(148)).segments).toBe(1);
  });
});

describe("recordedPrice", () => {
  const message = { to: TR, segments: 2 };

  it("estimates an SNS send, marked as an estimate", () => {
    expect(recordedPrice({ provider: "sns" }, message, TABLE)).toEqual({
      price: 0.101,
      priceUnit: "USD",
      priceEstimated: true,
    });
  });

  it("uses the default table when none is given", () => {
    expect(recordedPrice({ provider: "sns" }, { to: US, segments: 1 })).toMatchObject({
      price: 0.00645,
      priceEstimated: true,
    });
  });

  it("keeps a price the provider reported, without marking it", () => {
    const sent = { provider: "twilio", price: 0.0079, priceUnit: "USD" };
    expect(recordedPrice(sent, message, TABLE)).toEqual({ price: 0.0079, priceUnit: "USD" });
    expect(recordedPrice({ provider: "sns", price: 0.02 }, message, TABLE)).toEqual({
      price: 0.02,
      priceUnit: null,
    });
  });

  it("leaves Twilio and console sends unpriced until their price is known", () => {
    for (const provider of ["twilio", "console"]) {
      expect(recordedPrice({ provider }, message, TABLE)).toEqual({ price: null, priceUnit: null });
    }
  });
});
