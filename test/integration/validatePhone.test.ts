/** `validatePhone` through the web SDK, as the web app calls it. */
import { adminDb } from "../support/emulators";
import { anonymousClient, signedInClient, type WebClient } from "../support/webClient";
import type { ValidatePhoneRequest, ValidatePhoneResponse } from "../../functions/api/types";

const clients: WebClient[] = [];
afterAll(() => Promise.all(clients.map((c) => c.close())));

async function as(uid: string, role?: string) {
  const c = await signedInClient(uid, role);
  clients.push(c);
  return c;
}

function validate(client: WebClient, request: ValidatePhoneRequest) {
  return client.call<ValidatePhoneRequest, ValidatePhoneResponse>("validatePhone", request);
}

async function messageCount(): Promise<number> {
  return (await adminDb().collection("sms_messages").count().get()).data().count;
}

interface CallableFailure {
  code: string;
  details?: { issues?: { path: string; message: string }[] };
}

const INVALID = { valid: false, e164: null, country: null, type: null };

it("describes a Turkish mobile number for every signed-in role", async () => {
  for (const [uid, role] of [
    ["api-phone-admin", "admin"],
    ["api-phone-partner", "partner"],
    ["api-phone-student", "student"],
  ]) {
    await expect(
      validate(await as(uid, role), { phoneNumber: "+90 532 123 45 67" }),
    ).resolves.toEqual({ valid: true, e164: "+905321234567", country: "TR", type: "MOBILE" });
  }
});

it("reads national numbers with countryCode (any case), else DEFAULT_COUNTRY (US)", async () => {
  const student = await as("api-phone-student", "student");
  await expect(
    validate(student, { phoneNumber: "0212 123 45 67", countryCode: "tr" }),
  ).resolves.toEqual({ valid: true, e164: "+902121234567", country: "TR", type: "FIXED_LINE" });
  await expect(validate(student, { phoneNumber: "(415) 555-2671" })).resolves.toEqual({
    valid: true,
    e164: "+14155552671",
    country: "US",
    type: "FIXED_LINE_OR_MOBILE",
  });
  await expect(
    validate(student, { phoneNumber: "020 7946 0958", countryCode: "GB" }),
  ).resolves.toMatchObject({ valid: true, e164: "+442079460958", country: "GB" });
});

it("accepts the fictional 555-01xx numbers the backend sends to, without country or type", async () => {
  const admin = await as("api-phone-admin", "admin");
  await expect(validate(admin, { phoneNumber: "(555) 555-0180" })).resolves.toEqual({
    valid: true,
    e164: "+15555550180",
    country: null,
    type: null,
  });
  await expect(validate(admin, { phoneNumber: "+1 555 555 0189" })).resolves.toMatchObject({
    valid: true,
    e164: "+15555550189",
  });
});

it("answers invalid numbers with valid: false and nulls, not an error", async () => {
  const partner = await as("api-phone-partner", "partner");
  for (const phoneNumber of ["12345", "+1 800 FLOWERS", "not a number", "+90 532", "555-0200"]) {
    await expect(validate(partner, { phoneNumber })).resolves.toEqual(INVALID);
  }
  // A national Turkish number read as a US one.
  await expect(validate(partner, { phoneNumber: "0532 123 45 67" })).resolves.toEqual(INVALID);
});

it("refuses callers who are not signed in, or have no role", async () => {
  const anonymous = anonymousClient();
  clients.push(anonymous);
  await expect(validate(anonymous, { phoneNumber: "+15555550181" })).rejects.toMatchObject({
    code: "functions/unauthenticated",
  });
  const nobody = await as("api-phone-norole");
  await expect(validate(nobody, { phoneNumber: "+15555550181" })).rejects.toMatchObject({
    code: "functions/permission-denied",
  });
});

const MALFORMED: [string, unknown][] = [
  ["no fields", {}],
  ["empty phoneNumber", { phoneNumber: "" }],
  ["blank phoneNumber", { phoneNumber: "   " }],
  ["phoneNumber as a number", { phoneNumber: 15555550180 }],
  ["phoneNumber null", { phoneNumber: null }],
  ["phoneNumber as an array", { phoneNumber: ["+15555550180"] }],
  ["phoneNumber as an object", { phoneNumber: { e164: "+15555550180" } }],
  ["phoneNumber as a boolean", { phoneNumber: true }],
  ["phoneNumber too long", { phoneNumber: "1".repeat(65) }],
  ["empty countryCode", { phoneNumber: "+15555550180", countryCode: "" }],
  ["three-letter countryCode", { phoneNumber: "+15555550180", countryCode: "USA" }],
  ["one-letter countryCode", { phoneNumber: "+15555550180", countryCode: "U" }],
  ["countryCode with a digit", { phoneNumber: "+15555550180", countryCode: "1A" }],
  ["countryCode with a space", { phoneNumber: "+15555550180", countryCode: "TR " }],
  ["countryCode as a number", { phoneNumber: "+15555550180", countryCode: 1 }],
  ["countryCode null", { phoneNumber: "+15555550180", countryCode: null }],
  ["countryCode as an array", { phoneNumber: "+15555550180", countryCode: ["US"] }],
  ["countryCode that is no country", { phoneNumber: "+15555550180", countryCode: "XX" }],
  ["an extra field", { phoneNumber: "+15555550180", type: "MOBILE" }],
  ["a wrong field name", { phone: "+15555550180" }],
  ["an array instead of an object", ["+15555550180"]],
  ["a string instead of an object", "+15555550180"],
  ["a number instead of an object", 15555550180],
  ["a boolean instead of an object", true],
];

it.each(MALFORMED)(
  "answers invalid-argument with issues to %s, and writes nothing",
  async (_name, request) => {
    const admin = await as("api-phone-admin", "admin");
    const before = await messageCount();
    const error = (await admin
      .call("validatePhone", request)
      .catch((e: unknown) => e)) as CallableFailure;
    expect(error).toMatchObject({ code: "functions/invalid-argument" });
    expect(error.details?.issues?.length).toBeGreaterThan(0);
    expect(await messageCount()).toBe(before);
  },
);

it("names the field in the issues", async () => {
  const admin = await as("api-phone-admin", "admin");
  const error = (await admin
    .call("validatePhone", { phoneNumber: "+15555550180", countryCode: "XX" })
    .catch((e: unknown) => e)) as CallableFailure;
  expect(error.details?.issues).toEqual([{ path: "countryCode", message: "XX is not a country" }]);
  const missing = (await admin
    .call("validatePhone", {})
    .catch((e: unknown) => e)) as CallableFailure;
  expect(missing.details?.issues?.map((issue) => issue.path)).toEqual(["phoneNumber"]);
});
