/** Request schema of `validatePhone`: loaded on first call, so zod stays out of cold start. */
import { z } from "zod";

/** The longest input normalizePhone reads (domain/phone.ts); longer is a bad request. */
const MAX_PHONE_INPUT = 64;

export const validatePhoneRequest = z
  .object({
    phoneNumber: z.string().trim().min(1).max(MAX_PHONE_INPUT),
    /** ISO 3166 alpha-2 for national numbers; default `DEFAULT_COUNTRY`. */
    countryCode: z
      .string()
      .regex(/^[A-Za-z]{2}$/, "must be a two-letter country code such as US or TR")
      .transform((code) => code.toUpperCase())
      .optional(),
  })
  .strict();
