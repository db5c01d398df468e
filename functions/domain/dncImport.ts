/**
 * A do-not-contact list as an admin uploads it (`importSuppressions`): the first column of a
 * CSV, or a list of strings, each number normalised to E.164, with what an import of it would
 * write and why a line is left out. Pure: the service reads which numbers are suppressed
 * already and writes the rest.
 */
import { normalizePhone } from "./phone";

/** The most numbers one import takes, so that its writes fit in one callable's time. */
export const MAX_IMPORT_NUMBERS = 10_000;

/** One number as given, with its 1-based line: a CSV line, or a row's index + 1. */
export interface ListEntry {
  line: number;
  value: string;
}

/** A line whose number cannot be texted, and why. */
export interface InvalidEntry {
  line: number;
  value: string;
  reason: string;
}

/** What an import of a list would do, before anything is read or written. */
export interface ImportPlan {
  /** Every number given: header and blank lines are not numbers. */
  total: number;
  /** The distinct valid numbers, in E.164, in the order they were first given. */
  numbers: string[];
  /** Entries whose number an earlier entry of the same list already gave. */
  duplicates: number;
  invalid: InvalidEntry[];
}

/** What `importSuppressions` answers. */
export interface ImportReport {
  total: number;
  added: number;
  alreadySuppressed: number;
  duplicates: number;
  invalid: InvalidEntry[];
  dryRun: boolean;
}

const BOM = "\uFEFF";
// Long enough for any number with its formatting; a longer cell is shown cut, not whole.
const MAX_SHOWN_VALUE = 100;

interface CsvRecord {
  line: number;
  cells: string[];
}

/**
 * Spreadsheets in locales with a decimal comma (Turkish Excel among them) save CSV with `;`;
 * tab-separated text is what a pasted spreadsheet range gives. A number holds none of these.
 */
function delimiterOf(text: string): string {
  const firstLine = text.split(/\r\n|\r|\n/).find((line) => line.trim() !== "") ?? "";
  if (firstLine.includes("\t")) return "\t";
  return firstLine.includes(";") && !firstLine.includes(",") ? ";" : ",";
}

/**
 * RFC 4180 records, each with the line it starts on: a quoted cell may hold the delimiter, `""`
 * for a quote, and line breaks (which still count as lines, so later line numbers stay right).
 */
function csvRecords(text: string, delimiter: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    const lineBreak = char === "\n" || (char === "\r" && text[i + 1] !== "\n");
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        cell += char;
        if (lineBreak) line++;
      }
    } else if (char === '"' && cell.trim() === "") {
      quoted = true;
      cell = "";
    } else if (char === delimiter) {
      cells.push(cell);
      cell = "";
    } else if (lineBreak) {
      records.push({ line: recordLine, cells: [...cells, cell] });
      cells = [];
      cell = "";
      recordLine = ++line;
    } else if (char !== "\r") {
      cell += char;
    }
  }
  if (cell !== "" || cells.length > 0) records.push({ line: recordLine, cells: [...cells, cell] });
  return records;
}

const isBlank = (record: CsvRecord) => record.cells.every((cell) => cell.trim() === "");

/** A header names its column (`phone`, `Telefon 1`): letters, or no digit at all. */
const isHeaderCell = (cell: string) => /\p{L}/u.test(cell) || !/\d/.test(cell);

/**
 * The numbers of a CSV's first column, with their lines. Blank lines are skipped, and so is a
 * first line whose first cell is not a number (a header); other columns are ignored. A byte
 * order mark, CRLF or CR line ends, and `;` or tab delimiters are understood.
 */
export function csvListEntries(csv: string): ListEntry[] {
  const text = csv.startsWith(BOM) ? csv.slice(BOM.length) : csv;
  const records = csvRecords(text, delimiterOf(text)).filter((record) => !isBlank(record));
  if (records.length > 0 && isHeaderCell(records[0].cells[0])) records.shift();
  return records.map(({ line, cells }) => ({ line, value: cells[0].trim() }));
}

/** The numbers of a list of strings, with their index + 1; blank strings are skipped. */
export function rowListEntries(rows: readonly string[]): ListEntry[] {
  return rows
    .map((value, index) => ({ line: index + 1, value: value.trim() }))
    .filter((entry) => entry.value !== "");
}

function shown(value: string): string {
  return value.length > MAX_SHOWN_VALUE ? `${value.slice(0, MAX_SHOWN_VALUE)}…` : value;
}

/**
 * Normalises every entry (national numbers read in `defaultCountry`) and sorts them into
 * distinct numbers, duplicates and invalid lines; a list over {@link MAX_IMPORT_NUMBERS} is
 * refused whole.
 */
export function planImport(
  entries: readonly ListEntry[],
  defaultCountry: string,
): { ok: true; plan: ImportPlan } | { ok: false; reason: string } {
  if (entries.length > MAX_IMPORT_NUMBERS) {
    const most = MAX_IMPORT_NUMBERS.toLocaleString("en-US");
    const given = entries.length.toLocaleString("en-US");
    return { ok: false, reason: `at most ${most} numbers per import; this one has ${given}` };
  }
  const numbers = new Set<string>();
  const invalid: InvalidEntry[] = [];
  let duplicates = 0;
  for (const { line, value } of entries) {
    const phone = normalizePhone(value, defaultCountry);
    if (!phone.ok) invalid.push({ line, value: shown(value), reason: phone.reason });
    else if (numbers.has(phone.e164)) duplicates++;
    else numbers.add(phone.e164);
  }
  return { ok: true, plan: { total: entries.length, numbers: [...numbers], duplicates, invalid } };
}

/**
 * The report of an import that added `added` of the plan's numbers: every other distinct number
 * was suppressed already, so `total` is always added + alreadySuppressed + duplicates + invalid.
 */
export function importReport(plan: ImportPlan, added: number, dryRun: boolean): ImportReport {
  return {
    total: plan.total,
    added,
    alreadySuppressed: plan.numbers.length - added,
    duplicates: plan.duplicates,
    invalid: plan.invalid,
    dryRun,
  };
}
