import {
  chooseVariant,
  MAX_VARIANTS,
  renderVariants,
  VARIANT_ID_PATTERN,
  variantPoint,
} from "../../../functions/domain/templateVariants";
import { TemplateVariableError, type TemplateVariant } from "../../../functions/domain/templates";

const variant = (id: string, weight: number): TemplateVariant => ({
  id,
  weight,
  content: { en: `${id}: hi {{name}}`, tr: `${id}: merhaba {{name}}` },
});

/** 1,000 ids shaped like real ones (a campaign's message to each of its users). */
const IDS = Array.from({ length: 1000 }, (_, i) => `campaign_spring-${i % 7}_user${i}`);

function shares(variants: readonly TemplateVariant[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const id of IDS) {
    const chosen = chooseVariant(variants, id)?.id ?? "none";
    counts[chosen] = (counts[chosen] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).map(([id, n]) => [id, n / IDS.length]));
}

describe("variantPoint", () => {
  it("maps an id into [0, 1), the same point every time", () => {
    for (const id of IDS.slice(0, 50)) {
      const point = variantPoint(id);
      expect(point).toBeGreaterThanOrEqual(0);
      expect(point).toBeLessThan(1);
      expect(variantPoint(id)).toBe(point);
    }
  });

  it("is a fixed function of the id, not of the process or run (pinned values)", () => {
    // The first 48 bits of SHA-256 over the id: a message queued before a deploy and retried
    // after it must land on the same variant, so these values must never change.
    expect(variantPoint("campaign_c1_u1")).toBeCloseTo(0.8562617787490048, 15);
    expect(variantPoint("manual_1")).toBeCloseTo(0.15755533232944074, 15);
    const ab = [variant("A", 1), variant("B", 1)];
    expect(chooseVariant(ab, "campaign_c1_u1")?.id).toBe("B");
    expect(chooseVariant(ab, "manual_1")?.id).toBe("A");
  });
});

describe("chooseVariant", () => {
  it("gives the same id the same variant, however often and in whatever order it is asked", () => {
    const variants = [variant("A", 1), variant("B", 1)];
    const first = IDS.map((id) => chooseVariant(variants, id)?.id);
    const reversed = [...IDS].reverse().map((id) => chooseVariant([...variants], id)?.id);
    expect(reversed.reverse()).toEqual(first);
  });

  it.each([
    [[1, 1], { A: 0.5, B: 0.5 }],
    [[70, 30], { A: 0.7, B: 0.3 }],
    [[0.3, 0.7], { A: 0.3, B: 0.7 }],
    [[1, 2, 1], { A: 0.25, B: 0.5, C: 0.25 }],
  ])("splits 1,000 ids by weights %j within 5 points", (weights, expected) => {
    const variants = weights.map((weight, i) => variant("ABC"[i], weight));
    const actual = shares(variants);
    expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
    for (const [id, share] of Object.entries(expected)) {
      expect(Math.abs(actual[id] - share)).toBeLessThanOrEqual(0.05);
    }
  });

  it("splits consecutive ids, which differ in one character, as evenly as random ones", () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `manual_${i}`);
    const a = ids.filter((id) => chooseVariant([variant("A", 1), variant("B", 1)], id)?.id === "A");
    expect(Math.abs(a.length / 1000 - 0.5)).toBeLessThanOrEqual(0.05);
  });

  it("always picks a single variant, and nothing from none", () => {
    expect(new Set(IDS.map((id) => chooseVariant([variant("only", 3)], id)?.id))).toEqual(
      new Set(["only"]),
    );
    expect(chooseVariant([], "campaign_c1_u1")).toBeUndefined();
  });

  it("gives a variant without a valid weight no share (a document written around validation)", () => {
    const variants = [variant("A", 1), variant("zero", 0), variant("nan", NaN), variant("B", -1)];
    expect(shares(variants)).toEqual({ A: 1 });
    expect(chooseVariant([variant("x", 0), variant("y", -2)], "m1")?.id).toBe("x");
  });
});

describe("renderVariants", () => {
  it("renders every variant in the reader's language, else in the variant's English", () => {
    const english = { id: "C", weight: 2, content: { en: "C {{name}}" } };
    expect(renderVariants([variant("A", 1), english], "tr", { name: "Ayşe" })).toEqual([
      { id: "A", weight: 1, body: "A: merhaba Ayşe", language: "tr" },
      { id: "C", weight: 2, body: "C Ayşe", language: "en" },
    ]);
  });

  it("refuses a missing variable whichever variant would be chosen", () => {
    expect(() => renderVariants([variant("A", 1)], "en", {})).toThrow(TemplateVariableError);
  });
});

describe("VARIANT_ID_PATTERN and MAX_VARIANTS", () => {
  it.each(["A", "b2", "long-name_1", "x".repeat(20)])("accepts %s", (id) => {
    expect(VARIANT_ID_PATTERN.test(id)).toBe(true);
  });
  it.each(["", "x".repeat(21), "a b", "a/b", "é", "a.b"])("refuses %j", (id) => {
    expect(VARIANT_ID_PATTERN.test(id)).toBe(false);
  });
  it("allows a handful of variants", () => {
    expect(MAX_VARIANTS).toBe(5);
  });
});
