import { countSegments } from "../../../functions/domain/segments";

const a = (n: number): string => "a".repeat(n);

describe("countSegments", () => {
  it("bills an empty body as one GSM-7 segment", () => {
    expect(countSegments("")).toEqual({ encoding: "GSM-7", segments: 1, length: 0 });
  });

  describe("GSM-7 boundaries", () => {
    it.each([
      [1, 1],
      [160, 1],
      [161, 2],
      [306, 2],
      [307, 3],
      [459, 3],
      [460, 4],
    ])("%i septets → %i segment(s)", (length, segments) => {
      expect(countSegments(a(length))).toEqual({ encoding: "GSM-7", segments, length });
    });
  });

  describe("UCS-2 boundaries", () => {
    it.each([
      [70, 1],
      [71, 2],
      [134, 2],
      [135, 3],
      [201, 3],
      [202, 4],
    ])("%i code units → %i segment(s)", (length, segments) => {
      expect(countSegments("ş" + a(length - 1))).toEqual({ encoding: "UCS-2", segments, length });
    });
  });

  it("keeps every character of the GSM 03.38 default alphabet in GSM-7", () => {
    const basic =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
      "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    expect(basic).toHaveLength(127);
    expect(countSegments(basic)).toEqual({ encoding: "GSM-7", segments: 1, length: 127 });
  });

  describe("extension table", () => {
    it.each(["^", "{", "}", "\\", "[", "~", "]", "|", "€", "\f"])("%p costs two septets", (c) => {
      expect(countSegments(c)).toEqual({ encoding: "GSM-7", segments: 1, length: 2 });
    });

    it("159 characters + € are 161 septets: 2 segments", () => {
      expect(countSegments(a(159) + "€")).toEqual({ encoding: "GSM-7", segments: 2, length: 161 });
    });

    it("158 characters + € are exactly 160 septets: 1 segment", () => {
      expect(countSegments(a(158) + "€")).toEqual({ encoding: "GSM-7", segments: 1, length: 160 });
    });

    it("80 extension characters fill one segment, 81 need two", () => {
      expect(countSegments("{".repeat(80)).segments).toBe(1);
      expect(countSegments("{".repeat(81))).toEqual({
        encoding: "GSM-7",
        segments: 2,
        length: 162,
      });
    });

    it("never splits an escape pair across segments", () => {
      // 306 septets would be two parts of 153, but € at septets 153-154 moves to part 2.
      expect(countSegments(a(152) + "€" + a(152))).toEqual({
        encoding: "GSM-7",
        segments: 3,
        length: 306,
      });
      expect(countSegments(a(151) + "€" + a(153))).toEqual({
        encoding: "GSM-7",
        segments: 2,
        length: 306,
      });
    });
  });

  describe("characters that force UCS-2", () => {
    it.each(["ş", "ğ", "ı", "İ", "Ş", "Ğ", "ç", "’", "“", "\u00a0", "…", "—", "é\u0301"])(
      "%p",
      (c) => {
        expect(countSegments("Hello " + c).encoding).toBe("UCS-2");
      },
    );

    it.each(["Ç", "ü", "ö", "Ü", "Ö", "é", "É", "ä", "ñ", "ß", "Δ"])("but %p is GSM-7", (c) => {
      expect(countSegments("Hello " + c).encoding).toBe("GSM-7");
    });
  });

  it("counts Turkish text in UTF-16 code units", () => {
    const body = "Merhaba Ayşe, yeni bir görevin var: Kimya tekrarı. Teslim: 10 Mart Salı 14:00.";
    expect(countSegments(body)).toEqual({ encoding: "UCS-2", segments: 2, length: body.length });
  });

  it("counts a Turkish text of exactly 70 characters as one segment", () => {
    const body = "Günaydın! " + "ı".repeat(60);
    expect(countSegments(body)).toEqual({ encoding: "UCS-2", segments: 1, length: 70 });
  });

  describe("emoji", () => {
    it("counts an emoji as 2 code units", () => {
      expect(countSegments("Well done! 🎉")).toEqual({
        encoding: "UCS-2",
        segments: 1,
        length: 13,
      });
    });

    it("69 characters + an emoji are 71 code units: 2 segments", () => {
      expect(countSegments(a(68) + "🎉")).toEqual({ encoding: "UCS-2", segments: 1, length: 70 });
      expect(countSegments(a(69) + "🎉")).toEqual({ encoding: "UCS-2", segments: 2, length: 71 });
    });

    it("never splits a surrogate pair across segments", () => {
      // 134 code units, but the emoji at units 67-68 has to start part 2.
      expect(countSegments(a(66) + "🎉" + a(66))).toEqual({
        encoding: "UCS-2",
        segments: 3,
        length: 134,
      });
    });

    it("counts a ZWJ family by its code units", () => {
      const family = "👨‍👩‍👧";
      expect(countSegments(family)).toEqual({ encoding: "UCS-2", segments: 1, length: 8 });
    });
  });
});
