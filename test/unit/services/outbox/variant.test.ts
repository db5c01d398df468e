import { compose } from "../../../../functions/services/outbox/compose";
import { buildVariantRecord } from "../../../../functions/services/outbox/variant";
import { chooseVariant } from "../../../../functions/domain/templateVariants";
import {
  BUILT_IN_TEMPLATES,
  type TemplateDefinition,
} from "../../../../functions/domain/templates";

const now = new Date("2026-03-02T15:00:00Z");
const settings = {
  defaultCountry: "US",
  retentionDays: 30,
  quietHours: "",
  allowedCountries: ["US"],
};

const withVariants: TemplateDefinition = {
  ...BUILT_IN_TEMPLATES.task_created,
  variants: [
    {
      id: "A",
      weight: 1,
      content: {
        en: "A: {{name}}, new task {{taskTitle}} ({{deadline}})",
        tr: "A tr {{name}} {{taskTitle}} {{deadline}}",
      },
    },
    {
      id: "B",
      weight: 1,
      content: {
        en: "B: {{taskTitle}} for {{name}}, due {{deadline}} — good luck",
        tr: "B tr {{name}} {{taskTitle}} {{deadline}}",
      },
    },
  ],
};
const variables = { name: "Ada", taskTitle: "Essay", deadline: "Friday" };

function message(id: string, template: TemplateDefinition) {
  return { id, to: "+15555550100", ...compose(template, "en", variables) };
}

it("compose renders every variant; the record takes the one its id chooses", () => {
  const composed = compose(withVariants, "en", variables);
  expect(composed.variants).toEqual([
    { id: "A", weight: 1, body: "A: Ada, new task Essay (Friday)", language: "en" },
    { id: "B", weight: 1, body: "B: Essay for Ada, due Friday — good luck", language: "en" },
  ]);
  for (const id of ["task-created_t1_u1_v1", "task-created_t2_u1_v1", "campaign_c_u9"]) {
    const record = buildVariantRecord(message(id, withVariants), settings, now);
    const chosen = chooseVariant(composed.variants ?? [], id);
    expect(record).toMatchObject({
      variant: chosen?.id,
      body: chosen?.body,
      templateId: "task_created",
      language: "en",
    });
    // Segments are counted on the body sent: B has an em dash, so it is UCS-2.
    expect(record.encoding).toBe(chosen?.id === "B" ? "UCS-2" : "GSM-7");
    expect(buildVariantRecord(message(id, withVariants), settings, now)).toEqual(record);
  }
});

it("splits a batch of ids between the variants, each recorded with its own body", () => {
  const records = Array.from({ length: 40 }, (_, i) =>
    buildVariantRecord(message(`campaign_c1_user${i}`, withVariants), settings, now),
  );
  const variants = new Set(records.map((record) => record.variant));
  expect(variants).toEqual(new Set(["A", "B"]));
  for (const record of records) expect(record.body.startsWith(`${record.variant}:`)).toBe(true);
});

it("records a message of a template without variants as it is, with no variant field", () => {
  const plain = buildVariantRecord(message("m1", BUILT_IN_TEMPLATES.task_created), settings, now);
  expect(plain.body).toBe("Hi Ada, you have a new task: Essay. Due: Friday.");
  expect(plain).not.toHaveProperty("variant");
  expect(compose(BUILT_IN_TEMPLATES.task_created, "en", variables)).not.toHaveProperty("variants");
});

it("keeps the variant's Turkish when the reader reads Turkish", () => {
  const record = buildVariantRecord(
    { id: "m2", to: "+15555550100", ...compose(withVariants, "tr", variables) },
    settings,
    now,
  );
  expect(record.language).toBe("tr");
  expect(record.body).toMatch(/^[AB] tr Ada Essay Friday$/);
});
