/**
 * The shape of the "at HH:00 local" jobs (daily reminders, motivation, weekly progress, daily
 * summary): find the zones where it is that hour, page through the `sms_recipients` rows in
 * those zones, let the job decide each recipient's message, and queue it.
 *
 * Cost grows with the recipients at that hour, never with all users: the zones come from the
 * runtime's zone list (plus the default zone), and the rows from an indexed query
 * (`timeZone in` ≤ 30 zones at a time, ordered by document id, paged with a cursor).
 */
import { isSuppressed } from "../../data/suppressions";
import { z } from "zod";
import { candidateZones, zonesAtLocalHour } from "../../domain/localSchedule";
import { resolveTimeZone } from "../../domain/localTime";
import { firstName } from "../../domain/names";
import { chunk } from "../../domain/scheduledMessages";
import { toLanguage, type Language, type TemplateDefinition } from "../../domain/templates";
import type { Settings } from "../../params";
import { jobRecipientsPage } from "../../data/recipients";
import { eachLimited } from "../../domain/concurrency";
import { runJob, type JobDeps, type JobName, type JobReport } from "./runner";
import { queueRendered } from "./queue";
import * as logs from "../../logs";

/** Rows per page; a checkpoint follows each page. */
export const PAGE_SIZE = 200;
/** Firestore's limit on the values of an `in` filter. */
export const MAX_IN_VALUES = 30;
/** Recipients handled at once within a page. */
const CONCURRENCY = 10;

const rowSchema = z.object({
  timeZone: z.string(),
  role: z.string().nullable().optional(),
  language: z.string().optional(),
  phone: z.string().nullable().optional(),
  smsEnabled: z.boolean(),
  dailySummary: z.boolean().optional(),
  name: z.string().nullable().optional(),
  dailyStreak: z.number().optional(),
});

/** One `sms_recipients` row, resolved for writing to its user. */
export interface JobRecipient {
  userId: string;
  phone: string | null;
  smsEnabled: boolean;
  language: Language;
  timeZone: string;
  /** First name, or a friendly stand-in. */
  name: string;
  dailyStreak: number;
}

/** Reads a row as a job uses it; undefined when it is malformed. */
export function toJobRecipient(
  userId: string,
  data: unknown,
  settings: Pick<Settings, "defaultLanguage" | "defaultTimeZone">,
): JobRecipient | undefined {
  const parsed = rowSchema.safeParse(data);
  if (!parsed.success) return undefined;
  const row = parsed.data;
  const language = toLanguage(row.language, toLanguage(settings.defaultLanguage, "en"));
  return {
    userId,
    phone: row.phone ?? null,
    smsEnabled: row.smsEnabled,
    language,
    timeZone: resolveTimeZone([row.timeZone, settings.defaultTimeZone], "UTC"),
    name: firstName(row.name, language),
    dailyStreak: row.dailyStreak ?? 0,
  };
}

/** What a job decided for one recipient. */
export type Decision =
  | { skip: string }
  | {
      id: string;
      template: TemplateDefinition;
      variables: Record<string, string | number>;
      taskId?: string;
    };

export interface RecipientJob {
  name: JobName;
  /** Local hour (0–23) at which the job writes to a recipient. */
  hour: number;
  /** Local weekday (0 = Sunday), for weekly jobs. */
  weekday?: number;
  /** Which rows: students only, or those who opted in to the daily summary. */
  audience: "students" | "dailySummary";
  /**
   * Called with each page of recipients before `decide` runs for them, so a job can read what
   * it needs for the whole page in a few queries instead of one per recipient.
   */
  preload?(recipients: JobRecipient[]): Promise<void>;
  decide(recipient: JobRecipient, now: Date): Promise<Decision>;
}

/** Where a run continues: the zone chunk, and the last row id handled in it. */
export interface RecipientCursor {
  chunk: number;
  after: string | null;
}

/** The zones where it is `hour` (on `weekday`) at `now`, sorted, the default zone included. */
export function zonesFor(
  job: Pick<RecipientJob, "hour" | "weekday">,
  now: Date,
  defaultZone: string,
) {
  const zones = new Set(candidateZones());
  zones.add(defaultZone);
  return zonesAtLocalHour(now, job.hour, [...zones].sort(), { weekday: job.weekday });
}

async function handleRecipient(
  job: RecipientJob,
  recipient: JobRecipient,
  deps: JobDeps,
  report: JobReport,
): Promise<void> {
  report.recipients++;
  const skip = (reason: string) => {
    report.skipped++;
    logs.jobRecipientSkipped(job.name, recipient.userId, reason);
  };
  if (!recipient.phone) return skip("no valid phone number");
  const decision = await job.decide(recipient, deps.now);
  if ("skip" in decision) return skip(decision.skip);
  const optedOut = await isSuppressed(recipient.phone);
  const outcome = await queueRendered({ ...decision, recipient, optedOut }, deps);
  if (outcome === "queued") report.queued++;
  else if (outcome === "alreadyQueued") report.alreadyQueued++;
  else skip(outcome.skip);
}

/** Runs a recipient job at `deps.now` (see the module comment). */
export async function runRecipientJob(job: RecipientJob, deps: JobDeps): Promise<JobReport> {
  const zones = zonesFor(job, deps.now, deps.settings.defaultTimeZone);
  const chunks = chunk(zones, MAX_IN_VALUES);
  return runJob<RecipientCursor>(job.name, deps, async (run) => {
    let { chunk: index, after } = run.cursor ?? { chunk: 0, after: null };
    while (index < chunks.length) {
      const page = await jobRecipientsPage(job.audience, chunks[index], after, PAGE_SIZE);
      const recipients: JobRecipient[] = [];
      for (const { userId, row } of page.rows) {
        const recipient = toJobRecipient(userId, row, deps.settings);
        if (recipient) recipients.push(recipient);
        else {
          run.report.skipped++;
          logs.jobRecipientSkipped(job.name, userId, "malformed sms_recipients row");
        }
      }
      await job.preload?.(recipients.filter((r) => r.phone));
      await eachLimited(recipients, CONCURRENCY, (r) => handleRecipient(job, r, deps, run.report));
      if (page.last) {
        index++;
        after = null;
      } else {
        after = page.nextCursor;
      }
      await run.checkpoint({ chunk: index, after });
    }
  });
}
