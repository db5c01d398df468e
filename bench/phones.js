/**
 * Fictional numbers for the benchmark: +1 <area code> 555-0100..0199, the range NANPA keeps
 * for fiction in every area code (functions/domain/phone.ts accepts it), 100 per area code. Only
 * area codes that libphonenumber does not give to another NANP country (204 is Manitoba, 876
 * Jamaica): numbers outside SMS_ALLOWED_COUNTRIES are never sent.
 */
const { parsePhoneNumberFromString } = require("libphonenumber-js");

const PER_AREA_CODE = 100;

let areaCodes;

function usAreaCodes() {
  if (!areaCodes) {
    areaCodes = [];
    for (let code = 201; code <= 999; code++) {
      const number = parsePhoneNumberFromString(`+1${code}5550100`);
      if (number?.isPossible() && (number.country ?? "US") === "US") areaCodes.push(code);
    }
  }
  return areaCodes;
}

/** The i-th fictional US number (i from 0 to about 70,000). */
function fictionalPhone(i) {
  const code = usAreaCodes()[Math.floor(i / PER_AREA_CODE)];
  if (code === undefined) throw new Error(`no fictional number ${i}`);
  return `+1${code}55501${String(i % PER_AREA_CODE).padStart(2, "0")}`;
}

/** `count` distinct fictional numbers from the `offset`-th on. */
function fictionalPhones(count, offset = 0) {
  return Array.from({ length: count }, (_, i) => fictionalPhone(offset + i));
}

module.exports = { fictionalPhone, fictionalPhones };
