/** How people are named in messages, whatever their documents say about their names. */
import type { Language } from "./templates";

/** The greeting's name for someone without one: "Hi there", "Merhaba arkadaşım". */
export const NO_NAME: Readonly<Record<Language, string>> = { en: "there", tr: "arkadaşım" };

/** A student named to someone else (their partner) when the student has no name. */
export const UNNAMED_STUDENT: Readonly<Record<Language, string>> = {
  en: "Your student",
  tr: "Öğrencin",
};

/** The first word of a name, or the greeting's stand-in. */
export function firstName(name: string | null | undefined, language: Language): string {
  return name?.trim().split(/\s+/)[0] || NO_NAME[language];
}

/** The full name and first name a template may use, with the same stand-in. */
export function nameVariables(
  name: string | null | undefined,
  language: Language,
): { name: string; firstName: string } {
  const full = name?.trim() || NO_NAME[language];
  return { name: full, firstName: firstName(name, language) };
}
