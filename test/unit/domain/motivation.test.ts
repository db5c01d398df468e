import { addDays, format } from "date-fns";
import { countSegments } from "../../../functions/domain/segments";
import {
  chooseMotivationLine,
  LONG_STREAK_DAYS,
  MOTIVATION_LINES,
  motivationLine,
  streakStage,
} from "../../../functions/domain/motivation";
import {
  BUILT_IN_TEMPLATES,
  LANGUAGES,
  renderTemplate,
  templateVariables,
} from "../../../functions/domain/templates";

/** `count` consecutive local dates from 2026-11-20. */
const days = (count: number): string[] =>
  Array.from({ length: count }, (_, i) =>
    format(addDays(new Date(2026, 10, 20, 12), i), "yyyy-MM-dd"),
  );

describe("streakStage", () => {
  it.each([
    [0, "none"],
    [-3, "none"],
    [Number.NaN, "none"],
    [0.5, "none"],
    [1, "young"],
    [LONG_STREAK_DAYS - 1, "young"],
    [LONG_STREAK_DAYS, "long"],
    [400, "long"],
  ])("reads a streak of %p as %p", (streak, stage) => {
    expect(streakStage(streak)).toBe(stage);
  });
});

describe("chooseMotivationLine", () => {
  it("picks the same line for the same user and date, so a rerun sends the same text", () => {
    const first = chooseMotivationLine(5, "en", "2026-11-24", "job-ada");
    expect(chooseMotivationLine(5, "en", "2026-11-24", "job-ada")).toEqual(first);
  });

  it("never repeats a line on consecutive days, and uses every line over a few days", () => {
    for (const language of LANGUAGES) {
      for (const streak of [0, 3, 30]) {
        const indexes = days(12).map(
          (date) => chooseMotivationLine(streak, language, date, "job-ada").index,
        );
        for (let i = 1; i < indexes.length; i++) expect(indexes[i]).not.toBe(indexes[i - 1]);
        const lines = MOTIVATION_LINES[language][streakStage(streak)];
        expect(new Set(indexes).size).toBe(lines.length);
      }
    }
  });

  it("does not send every student the same line on the same day", () => {
    const users = Array.from({ length: 20 }, (_, i) => `job-user-${i}`);
    const indexes = users.map((uid) => chooseMotivationLine(2, "en", "2026-11-24", uid).index);
    expect(new Set(indexes).size).toBeGreaterThan(1);
  });

  it("chooses from the lines of the streak's stage", () => {
    expect(chooseMotivationLine(0, "tr", "2026-11-24", "u").stage).toBe("none");
    expect(MOTIVATION_LINES.tr.none).toContain(
      chooseMotivationLine(0, "tr", "2026-11-24", "u").line,
    );
    expect(MOTIVATION_LINES.en.long).toContain(
      chooseMotivationLine(9, "en", "2026-11-24", "u").line,
    );
  });

  it("rejects a date that is not yyyy-MM-dd", () => {
    expect(() => chooseMotivationLine(1, "en", "24.11.2026", "u")).toThrow(RangeError);
  });
});

describe("motivationLine", () => {
  it("fills in the streak", () => {
    const line = motivationLine(12, "en", "2026-11-24", "job-ada");
    expect(line).toContain("12");
    expect(line).not.toContain("{{");
  });

  it("has lines with no placeholder but {{days}}, and lines for a streak that mention it", () => {
    for (const language of LANGUAGES) {
      const stages = MOTIVATION_LINES[language];
      for (const line of [...stages.none, ...stages.young, ...stages.long]) {
        expect(templateVariables(line).filter((v) => v !== "days")).toEqual([]);
      }
      for (const line of [...stages.young, ...stages.long]) expect(line).toContain("{{days}}");
      expect(stages.none.length).toBeGreaterThan(2);
      expect(stages.young.length).toBeGreaterThan(2);
      expect(stages.long.length).toBeGreaterThan(2);
    }
  });

  it("keeps every English message in one GSM-7 segment, and Turkish within two", () => {
    const template = BUILT_IN_TEMPLATES.motivational;
    for (const language of LANGUAGES) {
      const stages = MOTIVATION_LINES[language];
      for (const [streak, lines] of [
        [0, stages.none],
        [6, stages.young],
        [365, stages.long],
      ] as const) {
        for (const line of lines) {
          const message = line.replaceAll("{{days}}", String(streak));
          const body = renderTemplate(template.content[language] ?? "", {
            name: "Alexandra",
            message,
            streak,
          });
          const { encoding, segments } = countSegments(body);
          if (language === "en")
            expect({ body, encoding, segments }).toMatchObject({ encoding: "GSM-7", segments: 1 });
          else expect(segments).toBeLessThanOrEqual(2);
        }
      }
    }
  });
});
