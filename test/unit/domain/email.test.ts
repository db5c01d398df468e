import { normalizeEmail, readMailDelivery, renderEmail } from "../../../functions/domain/email";

describe("normalizeEmail", () => {
  it("trims and lower-cases the domain, keeping the local part as written", () => {
    expect(normalizeEmail("  Ada.Lovelace@Example.COM ")).toEqual({
      ok: true,
      address: "Ada.Lovelace@example.com",
    });
  });

  it.each([
    [undefined, "no email address"],
    ["", "no email address"],
    ["   ", "no email address"],
    [42, "no email address"],
  ])("refuses %p: %s", (value, reason) => {
    expect(normalizeEmail(value)).toEqual({ ok: false, reason });
  });

  it.each(["ada", "ada@", "@example.com", "ada@example", "ada lovelace@example.com", "a@b@c.com"])(
    "refuses %p as not an address",
    (value) => {
      const result = normalizeEmail(value);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toContain("is not an email address");
    },
  );
});

describe("renderEmail", () => {
  it("names what it is in the subject, in the message's language, with the start of the body", () => {
    expect(
      renderEmail({ body: "Reminder: Chapter 3 exercises", type: "reminder", language: "en" }),
    ).toEqual({
      subject: "Reminder: Chapter 3 exercises",
      text: "Reminder: Chapter 3 exercises",
      html: "<p>Reminder: Chapter 3 exercises</p>",
    });
    expect(
      renderEmail({ body: "Hatırlatma: Kimya ödevi", type: "reminder", language: "tr" }).subject,
    ).toBe("Hatırlatma: Kimya ödevi");
    expect(
      renderEmail({ body: "Essay due Friday", type: "reminder", language: "en" }).subject,
    ).toBe("Reminder: Essay due Friday");
    // Turkish case folding: upper-case I is dotless ı, so HATIRLATMA is Hatırlatma.
    expect(
      renderEmail({ body: "HATIRLATMA: Kimya", type: "reminder", language: "tr" }).subject,
    ).toBe("HATIRLATMA: Kimya");
  });

  it("falls back to a plain label for types without one", () => {
    expect(renderEmail({ body: "Merhaba Şule", type: "manual", language: "tr" }).subject).toBe(
      "Bildirim: Merhaba Şule",
    );
    expect(renderEmail({ body: "", type: "manual", language: "en" }).subject).toBe("Notification");
  });

  it("cuts a long first line at a word, and never takes the second line", () => {
    const body =
      "Reminder: revise the whole of chapter three before the exam on Monday morning, please\nThanks";
    const { subject } = renderEmail({ body, type: "reminder", language: "en" });
    expect(subject).toBe("Reminder: revise the whole of chapter three before the exam…");
    expect(subject.length).toBeLessThanOrEqual(61);
  });

  it("escapes the body in HTML (task titles are user input) and keeps its paragraphs", () => {
    const body = 'Task <b>"Fizik" & Kimya</b>\nline two\n\nIt\'s due';
    expect(renderEmail({ body, type: "reminder", language: "en" }).html).toBe(
      "<p>Task &lt;b&gt;&quot;Fizik&quot; &amp; Kimya&lt;/b&gt;<br>line two</p>\n<p>It&#39;s due</p>",
    );
  });
});

describe("readMailDelivery", () => {
  it("reads SUCCESS as sent, with the extension's endTime", () => {
    const endTime = { toDate: () => new Date("2026-11-29T10:00:00Z") };
    expect(readMailDelivery({ state: "SUCCESS", endTime, attempts: 1 })).toEqual({
      state: "sent",
      at: new Date("2026-11-29T10:00:00Z"),
    });
    expect(readMailDelivery({ state: "SUCCESS" })).toEqual({ state: "sent", at: undefined });
  });

  it("reads ERROR as failed with its error, or an unknown one", () => {
    expect(readMailDelivery({ state: "ERROR", error: "Invalid login: 535" })).toEqual({
      state: "failed",
      error: "Invalid login: 535",
    });
    expect(readMailDelivery({ state: "ERROR", error: null })).toEqual({
      state: "failed",
      error: "unknown error",
    });
  });

  it.each([
    [{ state: "PENDING" }],
    [{ state: "PROCESSING" }],
    [{ state: "RETRY" }],
    [undefined],
    ["SUCCESS"],
    [{ status: "SUCCESS" }],
  ])("reads %p as still on its way", (delivery) => {
    expect(readMailDelivery(delivery)).toEqual({ state: "pending" });
  });
});
