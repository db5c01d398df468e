/**
 * In-memory accounts for the reminder use cases: each account's role (as Firebase Auth would
 * vouch for it), the tasks partners assigned to students, and what each user's profile gives
 * a message (number, language, zone), as services/recipients/lookup would resolve it.
 */
import { parseUser, type Parsed } from "../../../functions/domain/clientDocs";
import type { Language } from "../../../functions/domain/templates";
import type { Role } from "../../../functions/errors";
import type { Recipient } from "../../../functions/services/recipients/lookup";

export interface PersonProfile {
  role: Role;
  /** Absent: the profile has no number. */
  phone?: string;
  language?: Language;
  timeZone?: string;
}

export interface MemoryReminderPeople {
  add(userId: string, profile: PersonProfile): void;
  assignTask(partnerId: string, studentId: string): void;
  roleOfAccount(uid: string): Promise<Role | undefined>;
  hasAssignedTask(partnerId: string, studentId: string): Promise<boolean>;
  loadRecipient(userId: string): Promise<Parsed<Recipient>>;
}

export function memoryReminderPeople(): MemoryReminderPeople {
  const profiles = new Map<string, PersonProfile>();
  const links = new Set<string>();
  const link = (partnerId: string, studentId: string) => `${partnerId}\u0000${studentId}`;
  return {
    add(userId, profile) {
      profiles.set(userId, profile);
    },
    assignTask(partnerId, studentId) {
      links.add(link(partnerId, studentId));
    },
    roleOfAccount: async (uid) => profiles.get(uid)?.role,
    hasAssignedTask: async (partnerId, studentId) => links.has(link(partnerId, studentId)),
    loadRecipient: async (userId) => {
      const profile = profiles.get(userId);
      if (!profile) return { ok: false, reason: "unknown user" };
      const { role, phone, language = "en", timeZone = "America/New_York" } = profile;
      if (!phone) return { ok: false, reason: "the user has no phone number" };
      const user = parseUser({ role, phone_number: phone, language, timezone: timeZone });
      if (!user.ok) return { ok: false, reason: user.reason };
      return { ok: true, value: { userId, user: user.value, phone, language, timeZone } };
    },
  };
}
