/** SMS_PRICE_TABLE as read by readSettings: parsed once, a malformed one logged and replaced. */
import * as logger from "firebase-functions/logger";
import { readSettings } from "../../functions/params";
import { DEFAULT_PRICE_TABLE } from "../../functions/domain/pricing";

const saved = process.env.SMS_PRICE_TABLE;

beforeEach(() => {
  jest.spyOn(logger, "error").mockImplementation(() => undefined);
  jest.spyOn(logger, "warn").mockImplementation(() => undefined);
});
afterEach(() => {
  jest.restoreAllMocks();
  if (saved === undefined) delete process.env.SMS_PRICE_TABLE;
  else process.env.SMS_PRICE_TABLE = saved;
});

describe("readSettings: smsPriceTable", () => {
  it("reads a configured table", () => {
    process.env.SMS_PRICE_TABLE = '{"currency":"EUR","default":0.07,"TR":0.04}';
    expect(readSettings().smsPriceTable).toEqual({
      currency: "EUR",
      defaultPerSegment: 0.07,
      perSegment: { TR: 0.04 },
    });
  });

  it("uses the defaults for a malformed table, logging one error with a stable event", () => {
    process.env.SMS_PRICE_TABLE = '{"currency":"USD","TR":"cheap"}';
    expect(readSettings().smsPriceTable).toBe(DEFAULT_PRICE_TABLE);
    expect(readSettings().smsPriceTable).toBe(DEFAULT_PRICE_TABLE);
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining("SMS_PRICE_TABLE"),
      expect.objectContaining({ event: "sms_price_table_invalid" }),
    );
  });

  it("uses the defaults, quietly, when it is not set", () => {
    process.env.SMS_PRICE_TABLE = "";
    expect(readSettings().smsPriceTable).toBe(DEFAULT_PRICE_TABLE);
    expect(logger.error).not.toHaveBeenCalled();
  });
});
