/** How an SMS body is encoded on the air, which decides how many characters fit a segment. */
export type Encoding = "GSM-7" | "UCS-2";

/** Size of a message as carriers (and Twilio's bill) see it. */
export interface SegmentCount {
  encoding: Encoding;
  /** Segments billed; at least 1, since an empty SMS is still one message. */
  segments: number;
  /** Septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2. */
  length: number;
}

// GSM 03.38 default alphabet, in table order, without the ESC code (0x1B) that introduces the
// extension table. Written out because no installed library implements it.
const GSM_BASIC = new Set(
  "@£$¥èéùìòÇ\nØø\rÅå" +
    "Δ_ΦΓΛΩΠΨΣΘΞÆæßÉ" +
    " !\"#¤%&'()*+,-./" +
    "0123456789:;<=>?" +
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§" +
    "¿abcdefghijklmnopqrstuvwxyzäöñüà",
);

// Extension table characters are sent as ESC + code, so they cost two septets.
const GSM_EXTENDED = new Set("\f^{}\\[~]|€");

const LIMITS: Record<Encoding, { single: number; multipart: number }> = {
  // A multipart segment loses room to the user data header that links the parts.
  "GSM-7": { single: 160, multipart: 153 },
  "UCS-2": { single: 70, multipart: 67 },
};

/**
 * Splits the body into its indivisible units with their cost: a GSM escape pair, or a UTF-16
 * surrogate pair, is never split across two segments, so a segment may end one unit short.
 * Returns undefined when some character is outside GSM-7.
 */
function gsmCosts(body: string): number[] | undefined {
  const costs: number[] = [];
  for (const char of body) {
    if (GSM_BASIC.has(char)) costs.push(1);
    else if (GSM_EXTENDED.has(char)) costs.push(2);
    else return undefined;
  }
  return costs;
}

function ucs2Costs(body: string): number[] {
  // Iterating a string yields code points, so an emoji (a surrogate pair) is one unit of 2.
  return Array.from(body, (char) => char.length);
}

function packSegments(costs: number[], limits: { single: number; multipart: number }): number {
  const total = costs.reduce((sum, cost) => sum + cost, 0);
  if (total <= limits.single) return 1;
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > limits.multipart) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return segments;
}

/**
 * Counts the SMS segments a body is billed as.
 *
 * GSM-7 when every character is in the GSM 03.38 default alphabet or its extension table
 * (`^ { } \ [ ~ ] | €` and form feed, 2 septets each): 160 septets fit one message, 153 each
 * part of a longer one. Any other character (Turkish ş ğ ı İ, lowercase ç, curly quotes,
 * emoji) switches the whole message to UCS-2: 70 code units alone, 67 per part.
 * An empty body counts as 1 segment, as Twilio bills it.
 */
export function countSegments(body: string): SegmentCount {
  const gsm = gsmCosts(body);
  const encoding: Encoding = gsm === undefined ? "UCS-2" : "GSM-7";
  const costs = gsm ?? ucs2Costs(body);
  return {
    encoding,
    segments: packSegments(costs, LIMITS[encoding]),
    length: costs.reduce((sum, cost) => sum + cost, 0),
  };
}
