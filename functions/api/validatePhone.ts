/** `validatePhone` (any signed-in role): is this a number we can text, and what kind is it? */
import { readSettings } from "../params";
import { callable } from "./callable";
import { invalidArgument } from "./issues";

export const validatePhone = callable("validatePhone", {
  schema: () => import("./requests/validatePhone").then((m) => m.validatePhoneRequest),
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
