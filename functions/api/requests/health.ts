/** Request schema of `getSystemHealth`: loaded on first call, so zod stays out of cold start. */
import { z } from "zod";

/** Nothing to ask: the request is `{}` (anything else is refused, so a typo is noticed). */
export const getSystemHealthRequest = z.object({}).strict();
