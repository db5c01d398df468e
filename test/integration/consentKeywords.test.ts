/**
 * Every opt-out and opt-in keyword of both languages, sent through the signed `twilioInbound`
 * webhook the way people type them (mixed case, punctuation), each from its own number.
 */
import { CONSENT_KEYWORDS } from "../../functions/domain/consentKeywords";
import { adminDb, loadFunctionEnv } from "../support/emulators";
import { postSigned } from "../support/twilioWebhooks";

beforeAll(() => {
  loadFunctionEnv();
});

const SUFFIXES = ["", "!", ".", " 🙏"];

/** The keyword as a person might type it: as listed, lower case or capitalised, with a mark. */
function typed(keyword: string, i: number): string {
  const lower = keyword.toLocaleLowerCase("tr");
  const spellings = [keyword, lower, lower.charAt(0).toLocaleUpperCase("tr") + lower.slice(1)];
  return spellings[i % 3] + SUFFIXES[i % SUFFIXES.length];
}

const stops = CONSENT_KEYWORDS.filter((k) => k.kind === "stop");
const starts = CONSENT_KEYWORDS.filter((k) => k.kind === "start");

async function reply(phone: string, body: string, n: string) {
  const form = { MessageSid: `SMkeyword${n.padStart(23, "0")}`, From: phone, To: "+15555550100" };
  expect((await postSigned("twilioInbound", { ...form, Body: body })).status).toBe(200);
}

const suppression = async (phone: string) =>
  (await adminDb().collection("sms_suppressions").doc(phone).get()).data();

describe("every keyword, as typed", () => {
  it.each(stops.map((k, i) => [typed(k.keyword, i), k.keyword, `+1555555${2000 + i}`]))(
    "%j opts out (%s)",
    async (body, keyword, phone) => {
      await reply(phone, body, `s${phone.slice(-4)}`);
      expect(await suppression(phone)).toMatchObject({ source: "keyword", keyword });
    },
  );

  it.each(starts.map((k, i) => [typed(k.keyword, i), k.keyword, `+1555555${2100 + i}`]))(
    "%j opts back in (%s)",
    async (body, _keyword, phone) => {
      await reply(phone, "STOP", `a${phone.slice(-4)}`);
      expect(await suppression(phone)).toBeDefined();
      await reply(phone, body, `b${phone.slice(-4)}`);
      expect(await suppression(phone)).toBeUndefined();
    },
  );
});
