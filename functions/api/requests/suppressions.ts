/**
 * Request schemas of the opt-out callables in ../suppressions.ts: loaded on first call, so zod
 * stays out of cold start.
 */
import { z } from "zod";
import type { SuppressionSource } from "../../data/suppressions";
import { MAX_IMPORT_NUMBERS } from "../../domain/dncImport";
import type { Channel } from "../../messaging/provider";

const SOURCES = [
  "keyword",
  "free_text",
  "provider",
  "admin",
  "import",
] as const satisfies readonly SuppressionSource[];
const CHANNELS = ["sms", "whatsapp", "voice"] as const satisfies readonly Channel[];

const phoneNumber = z.string().trim().min(3).max(32);
const reason = z.string().trim().min(1, "must not be empty").max(500, "at most 500 characters");
/** A number as the cursor of a page: a document id, so no slashes and not `.` or `..`. */
const cursor = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[^/]+$/, "must not contain /")
  .refine((v) => v !== "." && v !== "..", { message: "is not a valid cursor" });
const most = MAX_IMPORT_NUMBERS.toLocaleString("en-US");

export const addSuppressionRequest = z
  .object({ phoneNumber, reason, channel: z.enum(CHANNELS).optional() })
  .strict();

export const removeSuppressionRequest = z
  .object({ phoneNumber, reason, force: z.boolean().optional() })
  .strict();

export const listSuppressionsRequest = z
  .object({
    source: z.enum(SOURCES).optional(),
    limit: z.number().int().min(1).max(200).default(50),
    cursor: cursor.optional(),
  })
  .strict();

export const importSuppressionsRequest = z
  .object({
    // Ten thousand lines with a few more columns each; the line count is checked once parsed.
    csv: z
      .string()
      .min(1, "must not be empty")
      .max(2_000_000, "at most 2,000,000 characters")
      .optional(),
    rows: z
      .array(z.string().max(100))
      .min(1, "must not be empty")
      .max(MAX_IMPORT_NUMBERS, `at most ${most} numbers per import`)
      .optional(),
    reason,
    dryRun: z.boolean().optional(),
  })
  .strict()
  .refine((r) => (r.csv === undefined) !== (r.rows === undefined), {
    message: "give either csv or rows",
    path: ["csv"],
  });
