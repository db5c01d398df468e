/**
 * The opt-out list as admins manage it: add a number (a do-not-contact entry), lift one, list
 * them, import a do-not-contact list. An opt-out the recipient made themselves (a keyword, a
 * free-text revocation, or their carrier's report of one) is theirs to lift by replying START;
 * an admin lifts it only on purpose (`force`) and with a reason. Every change is recorded in
 * `sms_consent_events` with the admin who made it.
 */
import {
  addSuppressionsUnlessPresent,
  addSuppressionUnlessPresent,
  liftSuppression,
  suppressedAmong,
  suppressionsPage,
  type ConsentEvent,
  type StoredSuppression,
  type SuppressionPage,
  type SuppressionFields,
  type SuppressionSource,
} from "../../data/suppressions";
import {
  csvListEntries,
  importReport,
  planImport,
  rowListEntries,
  type ImportReport,
} from "../../domain/dncImport";
import { normalizePhone } from "../../domain/phone";
import { NotFoundError, PreconditionError, RequestError, type Caller } from "../../errors";
import type { Channel } from "../../messaging/provider";
import type { Settings } from "../../params";
import * as logs from "../../logs";

/** What these use cases read and write; tests pass an in-memory store. */
export interface SuppressionStore {
  /** Suppresses the number with its consent event, unless it is suppressed: false then. */
  addSuppressionUnlessPresent(e164: string, fields: SuppressionFields): Promise<boolean>;
  /** Lifts the suppression with the event `decide` makes of it, atomically; throws to refuse. */
  liftSuppression(
    e164: string,
    decide: (current: StoredSuppression | undefined) => ConsentEvent,
  ): Promise<void>;
  /** Newest first after `cursor`; undefined when the cursor names no suppression. */
  suppressionsPage(query: {
    source?: SuppressionSource;
    limit: number;
    cursor?: string;
  }): Promise<SuppressionPage | undefined>;
  /** Which of these numbers are suppressed. */
  suppressedAmong(numbers: readonly string[]): Promise<Set<string>>;
  /** Suppresses the numbers not suppressed yet, each with its event; the ones it added. */
  addSuppressionsUnlessPresent(
    numbers: readonly string[],
    fields: SuppressionFields,
  ): Promise<string[]>;
}

/** Firestore. */
export const firestoreSuppressionStore: SuppressionStore = {
  addSuppressionUnlessPresent,
  liftSuppression,
  suppressionsPage,
  suppressedAmong,
  addSuppressionsUnlessPresent,
};

/**
 * The suppressions an admin lifts with a reason alone: the team's own. Every other one the
 * recipient (or their carrier, on their STOP) made, as in services/messages/inbound, including
 * entries older than sources.
 */
const TEAM_SOURCES: ReadonlySet<string> = new Set<SuppressionSource>(["admin", "import"]);

type CountrySettings = Pick<Settings, "defaultCountry">;

/** The number in E.164, or a RequestError naming the field. */
function e164Of(phoneNumber: string, settings: CountrySettings): string {
  const phone = normalizePhone(phoneNumber, settings.defaultCountry);
  if (!phone.ok) throw new RequestError("phoneNumber", `invalid phone number: ${phone.reason}`);
  return phone.e164;
}

export interface AddSuppressionRequest {
  phoneNumber: string;
  reason: string;
  channel?: Channel;
}

/**
 * Puts the number on the list (`source: "admin"`). A number on it already keeps its entry,
 * whoever made it: `created: false`.
 */
export async function addSuppression(
  request: AddSuppressionRequest,
  caller: Caller,
  settings: CountrySettings,
  store: Pick<SuppressionStore, "addSuppressionUnlessPresent"> = firestoreSuppressionStore,
): Promise<{ phoneNumber: string; created: boolean }> {
  const phoneNumber = e164Of(request.phoneNumber, settings);
  const created = await store.addSuppressionUnlessPresent(phoneNumber, {
    reason: request.reason,
    source: "admin",
    channel: request.channel ?? null,
    createdBy: caller.uid,
  });
  if (created) logs.suppressionChangedByAdmin(phoneNumber, "opted_out", "admin", caller.uid);
  return { phoneNumber, created };
}

export interface RemoveSuppressionRequest {
  phoneNumber: string;
  reason: string;
  force?: boolean;
}

/** The opt-in an admin's lifting of `current` records, or why it is refused. */
function adminOptIn(
  phoneNumber: string,
  current: StoredSuppression | undefined,
  request: RemoveSuppressionRequest,
  caller: Caller,
): ConsentEvent {
  if (!current) throw new NotFoundError(`${phoneNumber} is not on the opt-out list.`);
  if (!TEAM_SOURCES.has(current.source) && request.force !== true) {
    const how = current.keyword ? `${current.source}: ${current.keyword}` : current.source;
    throw new PreconditionError(
      `${phoneNumber} is the recipient's own opt-out (${how}): the recipient must reply START ` +
        "to opt in again, or lift it with force: true and a reason.",
    );
  }
  return {
    phone: phoneNumber,
    action: "opted_in",
    source: "admin",
    reason: request.reason,
    userId: current.userId,
    by: caller.uid,
  };
}

/**
 * Lifts the number's suppression and records the opt-in with the admin's reason.
 *
 * @throws NotFoundError when the number is not suppressed.
 * @throws PreconditionError for the recipient's own opt-out without `force`.
 */
export async function removeSuppression(
  request: RemoveSuppressionRequest,
  caller: Caller,
  settings: CountrySettings,
  store: Pick<SuppressionStore, "liftSuppression"> = firestoreSuppressionStore,
): Promise<{ phoneNumber: string; removed: true }> {
  const phoneNumber = e164Of(request.phoneNumber, settings);
  await store.liftSuppression(phoneNumber, (current) =>
    adminOptIn(phoneNumber, current, request, caller),
  );
  logs.suppressionChangedByAdmin(phoneNumber, "opted_in", "admin", caller.uid);
  return { phoneNumber, removed: true };
}

/** A suppression as `listSuppressions` answers it. */
export interface SuppressionEntry {
  phoneNumber: string;
  reason: string;
  /** How the number got on the list: `keyword`, `free_text`, `provider`, `admin`, `import`. */
  source: string;
  keyword: string | null;
  channel: string | null;
  createdBy: string | null;
  /** ISO; null for an entry written without one. */
  createdAt: string | null;
}

function entryOf(suppression: StoredSuppression): SuppressionEntry {
  const { phone, reason, source, keyword, channel, createdBy, createdAt } = suppression;
  return {
    phoneNumber: phone,
    reason,
    source,
    keyword,
    channel,
    createdBy,
    createdAt: createdAt?.toISOString() ?? null,
  };
}

/**
 * Suppressions newest first, of one source when asked.
 *
 * @throws RequestError at `cursor` when it names no suppression (lifted since, or made up).
 */
export async function listSuppressions(
  query: { source?: SuppressionSource; limit: number; cursor?: string },
  store: Pick<SuppressionStore, "suppressionsPage"> = firestoreSuppressionStore,
): Promise<{ suppressions: SuppressionEntry[]; nextCursor: string | null }> {
  const page = await store.suppressionsPage(query);
  if (!page) throw new RequestError("cursor", "names no suppression: start from the first page");
  return { suppressions: page.suppressions.map(entryOf), nextCursor: page.nextCursor };
}

export interface ImportSuppressionsRequest {
  csv?: string;
  rows?: string[];
  reason: string;
  dryRun?: boolean;
}

/**
 * Imports a do-not-contact list (`source: "import"`): each valid number not suppressed yet is
 * added with its consent event; a number suppressed already keeps its entry. A dry run reads
 * and counts the same way and writes nothing. Safe to repeat: a run cut short and run again
 * counts what the first run added as suppressed already.
 *
 * @throws RequestError when the list has more than 10,000 numbers.
 */
export async function importSuppressions(
  request: ImportSuppressionsRequest,
  caller: Caller,
  settings: CountrySettings,
  store: Pick<
    SuppressionStore,
    "suppressedAmong" | "addSuppressionsUnlessPresent"
  > = firestoreSuppressionStore,
): Promise<ImportReport> {
  const { csv, rows = [] } = request;
  const entries = csv !== undefined ? csvListEntries(csv) : rowListEntries(rows);
  const planned = planImport(entries, settings.defaultCountry);
  if (!planned.ok) throw new RequestError(csv !== undefined ? "csv" : "rows", planned.reason);
  const { plan } = planned;
  const dryRun = request.dryRun === true;
  if (dryRun) {
    const suppressed = await store.suppressedAmong(plan.numbers);
    return importReport(plan, plan.numbers.filter((n) => !suppressed.has(n)).length, true);
  }
  const added = await store.addSuppressionsUnlessPresent(plan.numbers, {
    reason: request.reason,
    source: "import",
    createdBy: caller.uid,
  });
  logs.suppressionsImported(added.length, plan.numbers.length, caller.uid);
  return importReport(plan, added.length, false);
}
