/**
 * The line of the daily motivational message (docs/contract.md §4, 18:00 local): a few lines per
 * language for no streak, a young streak and a long one, so students do not read the same
 * sentence every evening. The choice is a pure function of the local date and the user, so a
 * rerun of the job (or a retry) picks the same line, two consecutive days never repeat a line,
 * and students are not all sent the same line on the same day.
 */
import type { Language } from "./templates";

/** How far along the streak is. */
export type StreakStage = "none" | "young" | "long";

/** From this many days in a row, a streak is "long". */
export const LONG_STREAK_DAYS = 7;

// Each line is a template with `{{days}}`; English stays in GSM-7 (straight apostrophes) and
// short enough to fit one segment after "Hi <name>! ". The number is never given a Turkish
// suffix ("{{days}}. gün" reads right for any number).
export const MOTIVATION_LINES: Record<Language, Record<StreakStage, readonly string[]>> = {
  en: {
    none: [
      "Every streak starts with one day. Finish one small task today.",
      "A fresh start is the best start. What's one thing you can do today?",
      "Ten focused minutes today beat a perfect plan for tomorrow.",
      "Small steps count. Pick one task and make today day one.",
    ],
    young: [
      "Your streak is at {{days}}. Keep it alive today!",
      "Day {{days}} of your streak. One more task keeps it growing.",
      "Nice momentum: a {{days}}-day streak. Don't break the chain today!",
      "{{days}} and counting! A little progress today keeps your streak going.",
    ],
    long: [
      "{{days}} days in a row. That's real discipline. Keep the chain going!",
      "A {{days}}-day streak! You're building a habit that lasts.",
      "Day {{days}}! Consistency like this is how big goals get done.",
      "{{days}} days strong. Future you is grateful. One more today!",
    ],
  },
  tr: {
    none: [
      "Her seri tek bir günle başlar. Bugün küçük bir görevi bitir.",
      "Yeni bir başlangıç için en iyi gün bugün. Tek bir adım yeter.",
      "Bugün odaklanarak geçen on dakika, yarın için mükemmel bir plandan iyidir.",
      "Küçük adımlar da sayılır. Bir görev seç, bugün serinin ilk günü olsun.",
    ],
    young: [
      "Serin {{days}} günde. Bugün de devam ettir!",
      "Serinin {{days}}. günündesin. Bir görev daha, seri büyüsün.",
      "Güzel gidiyorsun: {{days}} günlük seri. Zinciri bugün kırma!",
      "{{days}} gün oldu, devam! Bugün biraz ilerlemek serini korur.",
    ],
    long: [
      "Üst üste {{days}} gün! Bu gerçek bir disiplin. Zinciri sürdür!",
      "{{days}} günlük seri! Kalıcı bir alışkanlık kazanıyorsun.",
      "Serinin {{days}}. günü! Büyük hedeflere böyle bir istikrarla ulaşılır.",
      "Tam {{days}} gündür devam ediyorsun. Bugün de bir adım at!",
    ],
  },
};

/** The stage of a streak of `days` (negative or fractional values are read as whole days ≥ 0). */
export function streakStage(days: number): StreakStage {
  const whole = Number.isFinite(days) ? Math.max(0, Math.floor(days)) : 0;
  if (whole === 0) return "none";
  return whole < LONG_STREAK_DAYS ? "young" : "long";
}

/** FNV-1a, 32 bits: a small stable hash, so a user's offset never changes between runs. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Days since 1970-01-01 of a `yyyy-MM-dd` calendar date. */
function dayNumber(localDate: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(localDate);
  if (!match) throw new RangeError(`Not a yyyy-MM-dd date: ${localDate}`);
  const [year, month, day] = match.slice(1).map(Number);
  return Math.floor(Date.UTC(year, month - 1, day) / 86_400_000);
}

/** The chosen line, unrendered, with where it came from (for tests and logs). */
export interface MotivationChoice {
  stage: StreakStage;
  index: number;
  /** A template with `{{days}}`. */
  line: string;
}

/**
 * The line for `userId` on `localDate` (their own calendar date, `yyyy-MM-dd`): the day number
 * plus a per-user offset, modulo the number of lines, so consecutive days always differ.
 *
 * @throws RangeError when `localDate` is not `yyyy-MM-dd`.
 */
export function chooseMotivationLine(
  streak: number,
  language: Language,
  localDate: string,
  userId: string,
): MotivationChoice {
  const stage = streakStage(streak);
  const lines = MOTIVATION_LINES[language][stage];
  const index = (dayNumber(localDate) + hash(userId)) % lines.length;
  return { stage, index, line: lines[index] };
}

/** The chosen line with the streak filled in, ready for the template's `{{line}}`. */
export function motivationLine(
  streak: number,
  language: Language,
  localDate: string,
  userId: string,
): string {
  const days = Number.isFinite(streak) ? Math.max(0, Math.floor(streak)) : 0;
  return chooseMotivationLine(days, language, localDate, userId).line.replaceAll(
    "{{days}}",
    String(days),
  );
}
