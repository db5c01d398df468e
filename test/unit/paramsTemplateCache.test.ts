/**
 * TEMPLATE_CACHE_SECONDS as read by readSettings: milliseconds, never negative. (Its default,
 * 10, is applied by the Firebase CLI when it deploys or emulates, and is in .env.)
 */
import { readSettings } from "../../functions/params";

const saved = process.env.TEMPLATE_CACHE_SECONDS;

afterEach(() => {
  if (saved === undefined) delete process.env.TEMPLATE_CACHE_SECONDS;
  else process.env.TEMPLATE_CACHE_SECONDS = saved;
});

describe("readSettings: templateCacheMs", () => {
  it.each([
    ["30", 30_000],
    ["0", 0],
    ["-5", 0],
  ])("reads %s seconds as %d ms", (value, expected) => {
    process.env.TEMPLATE_CACHE_SECONDS = value;
    expect(readSettings().templateCacheMs).toBe(expected);
  });
});
