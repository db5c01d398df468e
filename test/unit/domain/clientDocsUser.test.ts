/** parseUser: users/{uid} as the apps write it, with missing, odd or unusable fields. */
import { Timestamp } from "firebase-admin/firestore";
import { parseUser } from "../../../functions/domain/clientDocs";
import { at, reasonOf, valueOf, without } from "./clientDocsFixtures";

describe("parseUser", () => {
  /** A users/{uid} document with every field, as the apps write it (snake_case). */
  const fullUser: Record<string, unknown> = {
    name: "Ayşe Yılmaz",
    email: "ayse@example.com",
    role: "student",
    phone_number: "+905321234567",
    daily_streak: 12,
    sms_notifications_enabled: true,
    last_activity_date: Timestamp.fromDate(at("2026-03-10T18:00:00Z")),
    timezone: "Europe/Istanbul",
    language: "tr",
    marketing_sms_opt_in: false,
  };

  const withField = (key: string, value: unknown): Record<string, unknown> => ({
    ...fullUser,
    [key]: value,
  });

  it("reads a complete document", () => {
    expect(valueOf(parseUser(fullUser))).toEqual({
      name: "Ayşe Yılmaz",
      email: "ayse@example.com",
      role: "student",
      phone_number: "+905321234567",
      daily_streak: 12,
      sms_notifications_enabled: true,
      email_notifications_enabled: true,
      timezone: "Europe/Istanbul",
      language: "tr",
      marketing_sms_opt_in: false,
      daily_summary_enabled: false,
    });
  });

  it("ignores fields it does not use, including unknown ones", () => {
    const user = valueOf(parseUser({ ...fullUser, photoURL: "https://x/y.png", fcmToken: "t" }));
    expect(user).not.toHaveProperty("photoURL");
    expect(user).not.toHaveProperty("fcmToken");
    expect(user).not.toHaveProperty("last_activity_date");
    expect(user.phone_number).toBe("+905321234567");
  });

  describe("missing optional fields", () => {
    it("reads a document with only a name and a phone number", () => {
      const user = valueOf(parseUser({ name: "Ayşe", phone_number: "+905321234567" }));
      expect(user).toEqual(
        expect.objectContaining({
          name: "Ayşe",
          phone_number: "+905321234567",
          sms_notifications_enabled: true,
          marketing_sms_opt_in: false,
        }),
      );
      expect(user.timezone).toBeUndefined();
      expect(user.language).toBeUndefined();
      expect(user.daily_streak).toBeUndefined();
      expect(user.email).toBeUndefined();
    });

    it.each([
      "name",
      "email",
      "role",
      "phone_number",
      "daily_streak",
      "sms_notifications_enabled",
      "last_activity_date",
      "timezone",
      "language",
      "marketing_sms_opt_in",
    ])("reads a document without %s", (key) => {
      const user = valueOf(parseUser(without(fullUser, key)));
      expect(user.name).toBe(key === "name" ? undefined : "Ayşe Yılmaz");
    });

    it("treats a missing sms_notifications_enabled as enabled", () => {
      expect(
        valueOf(parseUser(without(fullUser, "sms_notifications_enabled")))
          .sms_notifications_enabled,
      ).toBe(true);
    });

    it("treats a missing marketing_sms_opt_in as not opted in", () => {
      expect(
        valueOf(parseUser(without(fullUser, "marketing_sms_opt_in"))).marketing_sms_opt_in,
      ).toBe(false);
    });

    it("reads an empty document", () => {
      const user = valueOf(parseUser({}));
      expect(user.phone_number).toBeUndefined();
      expect(user.sms_notifications_enabled).toBe(true);
      expect(user.marketing_sms_opt_in).toBe(false);
    });
  });

  describe("phone_number", () => {
    it("turns a number into a string of its digits", () => {
      expect(valueOf(parseUser(withField("phone_number", 905321234567))).phone_number).toBe(
        "905321234567",
      );
    });

    it("keeps a national number as written", () => {
      expect(valueOf(parseUser(withField("phone_number", "(212) 555-0100"))).phone_number).toBe(
        "(212) 555-0100",
      );
    });

    it.each<[string, unknown]>([
      ["null", null],
      ["an object", { e164: "+905321234567" }],
      ["a boolean", true],
    ])("drops %s", (_label, value) => {
      expect(valueOf(parseUser(withField("phone_number", value))).phone_number).toBeUndefined();
    });
  });

  describe("daily_streak", () => {
    it.each<[unknown, number | undefined]>([
      [12, 12],
      [0, 0],
      [3.7, 3],
      ["5", undefined],
      ["twelve", undefined],
      [-1, undefined],
      [Number.NaN, undefined],
      [Number.POSITIVE_INFINITY, undefined],
      [null, undefined],
    ])("reads %p as %p", (value, expected) => {
      expect(valueOf(parseUser(withField("daily_streak", value))).daily_streak).toBe(expected);
    });
  });

  describe.each(["sms_notifications_enabled", "email_notifications_enabled"] as const)(
    "%s",
    (field) => {
      it.each<[unknown, boolean]>([
        [true, true],
        [false, false],
        ["false", false],
        [0, false],
        ["0", false],
        ["true", true],
        [1, true],
        [null, true],
      ])("reads %p as %p", (value, expected) => {
        expect(valueOf(parseUser(withField(field, value)))[field]).toBe(expected);
      });
    },
  );

  describe("marketing_sms_opt_in", () => {
    it.each<[unknown, boolean]>([
      [true, true],
      [false, false],
      ["true", false],
      [1, false],
      [null, false],
    ])("reads %p as %p (only true opts in)", (value, expected) => {
      expect(
        valueOf(parseUser(withField("marketing_sms_opt_in", value))).marketing_sms_opt_in,
      ).toBe(expected);
    });
  });

  it("trims text fields and drops blank or non-text ones", () => {
    const user = valueOf(
      parseUser({ ...fullUser, name: "  Ayşe  ", email: "   ", role: 3, timezone: null }),
    );
    expect(user.name).toBe("Ayşe");
    expect(user.email).toBeUndefined();
    expect(user.role).toBeUndefined();
    expect(user.timezone).toBeUndefined();
  });

  it.each<[string, unknown]>([
    ["null", null],
    ["undefined", undefined],
    ["a string", "users/abc"],
    ["a number", 42],
    ["an array", [fullUser]],
  ])("reports %s as unusable instead of throwing", (_label, data) => {
    expect(reasonOf(parseUser(data))).not.toBe("");
  });
});
