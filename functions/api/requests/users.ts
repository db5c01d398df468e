/** Request schema of `setUserRole`: loaded on first call (zod stays out of cold start). */
import { z } from "zod";
import { ROLES } from "../../errors";

export const setUserRoleRequest = z
  .object({
    userId: z.string().trim().min(1).max(128),
    role: z.enum(ROLES as [string, ...string[]], "role must be admin, partner or student"),
  })
  .strict();
