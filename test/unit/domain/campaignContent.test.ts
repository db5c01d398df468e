import { campaignContent, type CampaignText } from "../../../functions/domain/campaignContent";
import type { TemplateDefinition } from "../../../functions/domain/templates";

const template: TemplateDefinition = {
  id: "tutoring",
  name: "Free tutoring",
  type: "manual",
  content: {
    en: "Hi {{firstName}} ({{name}}), tutoring on {{date}}.",
    tr: "Merhaba {{firstName}}, {{date}} günü etüt var.",
  },
  variables: ["firstName", "name", "date"],
};
const withTemplate: CampaignText = {
  templateId: "tutoring",
  body: null,
  variables: { date: "Saturday" },
};
const ada = { name: "Ada Lovelace", language: "en" as const };

describe("campaignContent", () => {
  it("sends a literal body as it is, in the recipient's language", () => {
    const text = { templateId: null, body: "Lab at {{nine}}.", variables: {} };
    expect(campaignContent(text, undefined, { name: null, language: "tr" })).toEqual({
      ok: true,
      body: "Lab at {{nine}}.",
      language: "tr",
    });
    expect(campaignContent({ ...text, body: null }, undefined, ada)).toEqual({
      ok: true,
      body: "",
      language: "en",
    });
  });

  it("fills the recipient's name variables and the campaign's own", () => {
    expect(campaignContent(withTemplate, template, ada)).toEqual({
      ok: true,
      body: "Hi Ada (Ada Lovelace), tutoring on Saturday.",
      language: "en",
    });
  });

  it("lets the campaign's variables win over the recipient's", () => {
    const named = { ...withTemplate, variables: { date: "Saturday", firstName: "friend" } };
    expect(campaignContent(named, template, ada)).toMatchObject({
      body: "Hi friend (Ada Lovelace), tutoring on Saturday.",
    });
  });

  it("writes Turkish, with the Turkish greeting for someone without a name", () => {
    expect(campaignContent(withTemplate, template, { name: "  ", language: "tr" })).toEqual({
      ok: true,
      body: "Merhaba arkadaşım, Saturday günü etüt var.",
      language: "tr",
    });
  });

  it("reports the language used when the template lacks the recipient's", () => {
    const english = { ...template, content: { en: template.content.en } };
    expect(campaignContent(withTemplate, english, { name: "Şule", language: "tr" })).toEqual({
      ok: true,
      body: "Hi Şule (Şule), tutoring on Saturday.",
      language: "en",
    });
  });

  it("gives a reason, not an error, when the template is gone", () => {
    expect(campaignContent(withTemplate, undefined, ada)).toEqual({
      ok: false,
      reason: "No template tutoring.",
    });
  });

  it("names every variable the template needs and the campaign lacks", () => {
    const needy = { ...template, content: { en: "{{room}} {{date}} {{teacher}} {{room}}" } };
    expect(campaignContent({ ...withTemplate, variables: {} }, needy, ada)).toEqual({
      ok: false,
      reason: "missing template variables: room, date, teacher",
    });
  });

  it("does not take a variable from Object.prototype", () => {
    const sneaky = { ...template, content: { en: "{{constructor}}" } };
    expect(campaignContent(withTemplate, sneaky, ada)).toEqual({
      ok: false,
      reason: "missing template variables: constructor",
    });
  });
});
