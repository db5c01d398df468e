/** `validatePhone` (any signed-in role): is this a number we can text, and what kind is it? */
import { z } from "zod";
import { readSettings } from "../params";
import { callable } from "./callable";
import { invalidArgument } from "./issues";

/** The longest input normalizePhone reads (domain/phone.ts); longer is a bad request. */
const MAX_PHONE_INPUT = 64;

export const validatePhoneRequest = z
  .object({
    phoneNumber: z.string().trim().min(1).max(MAX_PHONE_INPUT),
    /** ISO 3166 alpha-2 for national numbers; default `DEFAULT_COUNTRY`. */
    countryCode: z
      .string()
      .regex(/^[A-Za-z]{2}$/, "must be a two-letter country code such as US or TR")
      .transform((code) => code.toUpperCase())
      .optional(),
  })
  .strict();

export const validatePhone = callable({
  schema: validatePhoneRequest,
  roles: ["admin", "partner", "student"],
  handler: async ({ phoneNumber, countryCode }) => {
    // The max metadata (line types) is large: loaded on the first call, not at cold start.
    const [max, { describePhone }] = await Promise.all([
      import("libphonenumber-js/max"),
      import("../domain/phoneDetails"),
    ]);
    if (countryCode !== undefined && !max.isSupportedCountry(countryCode)) {
      throw invalidArgument([
        { path: ["countryCode"], message: `${countryCode} is not a country` },
      ]);
    }
    const country = countryCode ?? readSettings().defaultCountry;
    return describePhone(phoneNumber, country, (e164) => max.parsePhoneNumberFromString(e164));
  },
});
