/**
 * SMS campaigns (docs/contract.md §2 `sms_campaigns`, §5): how a campaign moves between statuses, who it
 * reaches, which template variables each recipient brings, how message statuses add up to the
 * campaign's counts, and when it is done. Pure: the services read the documents, this decides.
 */
import { nameVariables } from "./names";
import type { MessageStatus } from "./messageStatus";
import { templateVariables, type Language } from "./templates";

export type CampaignStatus =
  "draft" | "scheduled" | "running" | "paused" | "completed" | "cancelled";

/** Every status, in the order a campaign usually goes through them. */
export const CAMPAIGN_STATUSES: readonly CampaignStatus[] = Object.freeze([
  "draft",
  "scheduled",
  "running",
  "paused",
  "completed",
  "cancelled",
] as const);

/**
 * What can happen to a campaign: the four callables, `start` (its `scheduledFor` has come) and
 * `complete` (every recipient's message has been settled).
 */
export type CampaignAction = "execute" | "start" | "pause" | "resume" | "cancel" | "complete";

// The only moves; anything absent is refused (a campaign never leaves completed or cancelled).
const MOVES: Record<CampaignAction, Partial<Record<CampaignStatus, CampaignStatus>>> = {
  execute: { draft: "running", scheduled: "running", paused: "running" },
  start: { scheduled: "running" },
  pause: { running: "paused" },
  resume: { paused: "running" },
  cancel: { draft: "cancelled", scheduled: "cancelled", running: "cancelled", paused: "cancelled" },
  complete: { running: "completed" },
};

/** The status `action` leads to from `from`, or undefined when the move is not allowed. */
export function nextCampaignStatus(
  from: CampaignStatus,
  action: CampaignAction,
): CampaignStatus | undefined {
  return MOVES[action][from];
}

/** True for statuses a campaign never leaves. */
export function isFinalCampaignStatus(status: CampaignStatus): boolean {
  return status === "completed" || status === "cancelled";
}

/** True when the action (re)starts planning: the planner runs from the first recipient. */
export function startsPlanner(action: CampaignAction): boolean {
  return action === "execute" || action === "start" || action === "resume";
}

/** Narrows a stored value to a campaign status. */
export function isCampaignStatus(value: unknown): value is CampaignStatus {
  return typeof value === "string" && (CAMPAIGN_STATUSES as readonly string[]).includes(value);
}

/** Who a campaign is for; each filter given narrows the audience (they combine with AND). */
export interface RecipientFilters {
  roles?: string[];
  userIds?: string[];
  subjectIds?: string[];
}

/** What eligibility needs of an `sms_recipients` row. */
export interface CandidateRow {
  role: string | null;
  phone: string | null;
  marketingOptIn: boolean;
  smsEnabled: boolean;
}

/**
 * Why a user is not a recipient of the campaign, or undefined when they are: only users who
 * opted in to marketing SMS (`marketing_sms_opt_in: true`), with SMS on and a valid number,
 * and within every filter given. (Suppressed numbers are the outbox's to refuse, as always.)
 */
export function ineligibility(
  userId: string,
  row: CandidateRow | undefined,
  filters: RecipientFilters,
): string | undefined {
  if (!row) return "unknown user";
  if (row.marketingOptIn !== true) return "not opted in to marketing SMS";
  if (row.smsEnabled !== true) return "SMS notifications turned off";
  if (!row.phone) return "no valid phone number";
  if (filters.roles && !filters.roles.includes(row.role ?? "")) return "role not targeted";
  if (filters.userIds && !filters.userIds.includes(userId)) return "user not targeted";
  return undefined;
}

/**
 * Where the planner finds candidates: the assignees of tasks in the subjects, else the listed
 * users, else an indexed query on `sms_recipients` (opt-in, SMS on, role). The other filters
 * are then applied to each candidate by {@link ineligibility}.
 */
export type CandidateSource = "subjects" | "users" | "query";

export function candidateSource(filters: RecipientFilters): CandidateSource {
  if (filters.subjectIds?.length) return "subjects";
  if (filters.userIds?.length) return "users";
  return "query";
}

/** Variables every recipient brings to a template, filled in from their row. */
export const RECIPIENT_VARIABLES: readonly string[] = Object.freeze(["name", "firstName"]);

/** The per-recipient variables for a row; a row without a name still reads naturally. */
export function recipientVariables(
  name: string | null | undefined,
  language: Language,
): Record<string, string> {
  return nameVariables(name, language);
}

/**
 * Placeholders of the template (in any of its languages) that neither the campaign's
 * `variables` nor the recipient's own variables fill, in order of first appearance.
 */
export function missingCampaignVariables(
  texts: readonly string[],
  given: Record<string, unknown>,
): string[] {
  const names = [...new Set(texts.flatMap((text) => templateVariables(text)))];
  return names.filter((name) => !Object.hasOwn(given, name) && !RECIPIENT_VARIABLES.includes(name));
}

/** The counts on a campaign (docs/contract.md §2), plus `cancelled` and `skipped` so that they add up. */
export interface CampaignCounts {
  /** Recipients the planner found (the size of the audience). */
  total: number;
  /** Waiting or in flight: queued, scheduled, deferred (quiet hours, rate limit), sending. */
  queued: number;
  sent: number;
  delivered: number;
  /** failed and undelivered. */
  failed: number;
  suppressed: number;
  cancelled: number;
  /** Planned but not messaged: no longer eligible when their turn came. */
  skipped: number;
}

export type MessageBucket = Exclude<keyof CampaignCounts, "total" | "skipped">;

/** Which message statuses each count is made of. */
export const COUNT_BUCKETS: Readonly<Record<MessageBucket, readonly MessageStatus[]>> = {
  queued: ["queued", "scheduled", "deferred", "sending"],
  sent: ["sent"],
  delivered: ["delivered"],
  failed: ["failed", "undelivered"],
  suppressed: ["suppressed"],
  cancelled: ["cancelled"],
};

/** A new campaign's counts: all 0. */
export function zeroCounts(): CampaignCounts {
  return {
    total: 0,
    queued: 0,
    sent: 0,
    delivered: 0,
    failed: 0,
    suppressed: 0,
    cancelled: 0,
    skipped: 0,
  };
}

/** What the completion check needs to know. */
export interface Progress {
  status: CampaignStatus;
  /** The planner has gone through every page. */
  planned: boolean;
  /** Recipients planned. */
  total: number;
  /** Messages of the campaign, in any status. */
  messages: number;
  /** Planned recipients skipped at send time. */
  skipped: number;
  /** Messages not yet settled (the `queued` count). */
  pending: number;
}

/**
 * A running campaign is done when every page is planned, every planned recipient has a
 * message (or was skipped), and none of those is still waiting to go out. More messages than
 * planned recipients is possible after a resume (someone messaged before the pause has since
 * opted out), so "every recipient" is "at least as many".
 */
export function isCampaignDone(progress: Progress): boolean {
  return (
    progress.status === "running" &&
    progress.planned &&
    progress.pending === 0 &&
    progress.messages + progress.skipped >= progress.total
  );
}
