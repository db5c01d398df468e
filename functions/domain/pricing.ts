/**
 * What a message costs when its provider does not say (SNS answers a publish with an id and
 * nothing else): an estimate from SMS_PRICE_TABLE, a price per segment for each destination
 * country. Pure: the table is parsed here, the country comes from the E.164 number.
 *
 * The table is a flat JSON object: `currency` (ISO 4217), `default` (the price per segment for
 * a country the table does not name) and one price per segment for each ISO 3166 alpha-2
 * country, e.g. `{"currency":"USD","default":0.05,"US":0.00645,"TR":0.0505}`. A table that is
 * set replaces the defaults whole, so what is configured is all there is.
 */
import { destinationCountry } from "./phone";

/** The parsed SMS_PRICE_TABLE. */
export interface PriceTable {
  /** ISO 4217, upper case: the `priceUnit` every estimate is recorded in. */
  currency: string;
  /** Per segment, for a country the table does not name (or a number whose country is unknown). */
  defaultPerSegment: number;
  /** Per segment, by ISO 3166 alpha-2 country code (upper case). */
  perSegment: Readonly<Record<string, number>>;
}

/**
 * Used when SMS_PRICE_TABLE is empty or malformed: AWS's list prices for transactional SMS to
 * the platform's two markets, and a deliberately high price for anywhere else, so an
 * unexpected destination is overestimated rather than missed. Check them against the AWS
 * price list and set SMS_PRICE_TABLE (docs/costs.md).
 */
export const DEFAULT_PRICE_TABLE: PriceTable = {
  currency: "USD",
  defaultPerSegment: 0.05,
  perSegment: { US: 0.00645, TR: 0.0505 },
};

/** The parsed table, and what was wrong with the text when the defaults stand in for it. */
export interface ParsedPriceTable {
  table: PriceTable;
  /** Set when the text was not a valid table: the defaults are used instead. */
  problem?: string;
}

const CURRENCY = /^[A-Z]{3}$/;
const COUNTRY = /^[A-Z]{2}$/;

function isPrice(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0;
}

/** The table, or what is wrong with it (the first problem found). */
function readTable(value: unknown): PriceTable | string {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return "must be a JSON object";
  }
  const entries = Object.entries(value as Record<string, unknown>);
  const fields = new Map(entries);
  const currency = fields.get("currency");
  if (typeof currency !== "string" || !CURRENCY.test(currency)) {
    return `"currency" must be an ISO 4217 code in capitals, such as "USD"`;
  }
  const defaultPerSegment = fields.get("default");
  if (!isPrice(defaultPerSegment)) {
    return `"default" must be a price per segment: a number, 0 or more`;
  }
  const perSegment: Record<string, number> = {};
  for (const [key, price] of entries) {
    if (key === "currency" || key === "default") continue;
    const country = key.trim().toUpperCase();
    if (!COUNTRY.test(country)) {
      return `"${key}" is not an ISO 3166 country code (two letters, such as "TR")`;
    }
    if (!isPrice(price)) return `"${key}" must be a price per segment: a number, 0 or more`;
    if (country in perSegment) return `"${key}" is given twice`;
    perSegment[country] = price;
  }
  return { currency, defaultPerSegment, perSegment };
}

/**
 * Parses SMS_PRICE_TABLE. Empty text means the defaults. Malformed text also gives the
 * defaults, with the `problem` to log: a bad setting must never stop a message from sending.
 */
export function parsePriceTable(text: string): ParsedPriceTable {
  if (text.trim() === "") return { table: DEFAULT_PRICE_TABLE };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { table: DEFAULT_PRICE_TABLE, problem: `SMS_PRICE_TABLE is not JSON: ${reason}` };
  }
  const table = readTable(value);
  if (typeof table === "string") {
    return { table: DEFAULT_PRICE_TABLE, problem: `SMS_PRICE_TABLE: ${table}` };
  }
  return { table };
}

// Estimates are per-segment prices times whole segments; six decimals hide float noise
// (3 × 0.0505 = 0.15150000000000002) and keep more precision than any provider bills in.
const roundPrice = (value: number) => Math.round(value * 1e6) / 1e6;

/** The price per segment to this E.164 number, and the country it was taken for (if known). */
export function pricePerSegment(
  table: PriceTable,
  to: string,
): { country: string | null; perSegment: number } {
  const country = destinationCountry(to) ?? null;
  const listed = country === null ? undefined : table.perSegment[country];
  return { country, perSegment: listed ?? table.defaultPerSegment };
}

/** The estimated price of a message of `segments` segments to `to` (at least one segment). */
export function estimatePrice(
  table: PriceTable,
  to: string,
  segments: number,
): { price: number; priceUnit: string } {
  const billed = Number.isFinite(segments) && segments >= 1 ? Math.ceil(segments) : 1;
  return {
    price: roundPrice(billed * pricePerSegment(table, to).perSegment),
    priceUnit: table.currency,
  };
}

/** Providers that report no price for a send, whose messages are priced from the table. */
const ESTIMATED_PROVIDERS: ReadonlySet<string> = new Set(["sns"]);

/** The price fields a `sent` message is recorded with. */
export interface RecordedPrice {
  price: number | null;
  priceUnit: string | null;
  /** Only on an estimate; absent otherwise (so the estimate indexes hold estimates alone). */
  priceEstimated?: true;
}

/**
 * The price to record for an accepted send: the provider's own when it gave one; an estimate
 * from the table (marked `priceEstimated`) for a provider that never reports one (SNS); else
 * none yet (Twilio's comes later, with a status callback or reconciliation).
 */
export function recordedPrice(
  sent: { provider: string; price?: number; priceUnit?: string },
  message: { to: string; segments: number },
  table: PriceTable = DEFAULT_PRICE_TABLE,
): RecordedPrice {
  if (sent.price !== undefined) return { price: sent.price, priceUnit: sent.priceUnit ?? null };
  if (!ESTIMATED_PROVIDERS.has(sent.provider)) return { price: null, priceUnit: null };
  return { ...estimatePrice(table, message.to, message.segments), priceEstimated: true };
}

/** The countries the table names, in order. */
export function pricedCountries(table: PriceTable): string[] {
  return Object.keys(table.perSegment).sort();
}
