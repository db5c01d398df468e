/**
 * The single-field index exemptions of firestore.indexes.json (a field override with no
 * `indexes`) must name no field that a query of the backend filters, orders or sums on. They
 * exist because a collection whose documents carry an indexed, monotonically increasing field
 * (a write time) is held to about 500 writes a second; a query that needs an exempted field
 * fails in production with FAILED_PRECONDITION, and the emulator, which checks no indexes,
 * never shows it.
 *
 * The check is a string scan of functions/, not a type-aware analysis. Its limits:
 * - It does not know which collection a query is on: a field queried on one collection keeps
 *   a field of the same name indexed on every other (it may refuse a safe exemption, never
 *   accept one a scanned query needs).
 * - It reads the first argument of `.where(`, `.orderBy(` (also `Filter.where(`),
 *   `AggregateField.sum(` and `.average(`: a string literal (a template literal up to its first
 *   `${`), or `new FieldPath(...)` of literals. Any other argument (a variable, a constant) must
 *   be listed in DYNAMIC_FIELDS with every field it can hold; an unlisted one fails the test.
 * - It does not ask whether a composite index serves the query: any use keeps the field's
 *   single-field index, however the query is served.
 * - Queries written another way (`query["where"]`, the REST API), queries in scripts/, bench/
 *   and test/ (run against the emulator only) and queries made by client apps (admins may read
 *   some sms_* collections directly) are not seen.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { COLLECTIONS } from "../../functions/data/firestore";

const ROOT = join(__dirname, "..", "..");

/**
 * Query arguments that are not literals, by file and argument text, with every field they can
 * hold. Keep each list in step with the type it comes from.
 */
const DYNAMIC_FIELDS: Record<string, readonly string[]> = {
  // data/messageStats `createdIn`: a `CountedField`.
  "functions/data/messageStats.ts where.field": [
    "status",
    "type",
    "provider",
    "campaignId",
    "country",
  ],
};

interface FieldOverride {
  collectionGroup: string;
  fieldPath: string;
  ttl?: boolean;
  indexes: unknown[];
}

function fieldOverrides(): FieldOverride[] {
  const config = JSON.parse(readFileSync(join(ROOT, "firestore.indexes.json"), "utf8")) as {
    fieldOverrides?: FieldOverride[];
  };
  return config.fieldOverrides ?? [];
}

const exemptions = () => fieldOverrides().filter((override) => override.indexes.length === 0);

/** One query's use of a field: `field` is its literal path, undefined when not a literal. */
interface FieldUse {
  at: string;
  argument: string;
  field: string | undefined;
}

const CALL = /(\.where|\.orderBy|AggregateField\.sum|AggregateField\.average)\s*\(/g;
const OPENING = "([{";
const CLOSING = ")]}";

/** The text of the call's first argument, `open` being the index of its `(`. */
function firstArgument(source: string, open: number): string {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open + 1; i < source.length; i++) {
    const char = source[i];
    if (quote) {
      if (char === "\\") i++;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'" || char === "`") quote = char;
    else if (OPENING.includes(char)) depth++;
    else if (CLOSING.includes(char) && depth > 0) depth--;
    else if ((char === "," || char === ")") && depth === 0) return source.slice(open + 1, i).trim();
  }
  return source.slice(open + 1).trim();
}

const STRING = /^(["'`])([^"'`]*)\1$/;

/** The literal path of a string argument; a template literal's part before its first `${`. */
function literalPath(text: string): string | undefined {
  const match = STRING.exec(text.trim());
  if (!match) return undefined;
  const dynamicAt = match[2].indexOf("${");
  const path = dynamicAt === -1 ? match[2] : match[2].slice(0, dynamicAt);
  return path.replace(/\.$/, "");
}

/**
 * The field an argument names; undefined when it is not a literal; null for the document id (no
 * field) and for a `Filter` (its own `Filter.where` calls are read one by one).
 */
function fieldOf(argument: string): string | null | undefined {
  if (/^FieldPath\.documentId\(\)$/.test(argument) || argument.startsWith("Filter.")) return null;
  const fieldPath = /^new\s+FieldPath\s*\(([\s\S]*)\)$/.exec(argument);
  if (!fieldPath) return literalPath(argument);
  const segments: string[] = [];
  for (const part of fieldPath[1].split(",")) {
    const segment = literalPath(part);
    if (segment === undefined) break;
    segments.push(segment);
  }
  return segments.length > 0 ? segments.join(".") : undefined;
}

/** Every field use in `source`, located as `file:line`. */
function fieldUses(file: string, source: string): FieldUse[] {
  const uses: FieldUse[] = [];
  for (const match of source.matchAll(CALL)) {
    const open = match.index + match[0].length - 1;
    const argument = firstArgument(source, open);
    const field = fieldOf(argument);
    if (field === null) continue;
    const line = source.slice(0, match.index).split("\n").length;
    uses.push({ at: `${file}:${line} ${match[1]}(${argument}`, argument, field });
  }
  return uses;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Every use in functions/, each file as its path from the repository root. */
function backendUses(): { file: string; use: FieldUse }[] {
  return sourceFiles(join(ROOT, "functions")).flatMap((path) => {
    const file = relative(ROOT, path).split("\\").join("/");
    return fieldUses(file, readFileSync(path, "utf8")).map((use) => ({ file, use }));
  });
}

/** The fields a use can name: its literal, or its DYNAMIC_FIELDS entry (undefined if none). */
function fieldsOf(file: string, use: FieldUse): readonly string[] | undefined {
  return use.field !== undefined ? [use.field] : DYNAMIC_FIELDS[`${file} ${use.argument}`];
}

/** True when one path is the other or lies inside it (an exempted map exempts its subfields). */
function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

describe("single-field index exemptions (firestore.indexes.json)", () => {
  it("reads the field of each query shape the backend writes", () => {
    const source = [
      'q.where("status", "==", "queued").orderBy(',
      '  "nextAttemptAt", "desc")',
      "q.where('leaseExpiresAt', '<=', now).where(`minutes.${minute}`, '>', 0)",
      'q.where(new FieldPath("tasks", taskId), "==", true).orderBy(FieldPath.documentId())',
      'q.where(Filter.where("keyword", "==", "stop"))',
      'Filter.or(Filter.where("sentAt", "<", t))',
      'q.aggregate({ total: AggregateField.sum("price"), n: AggregateField.average("segments") })',
      'q.where(where.field, "==", value)',
    ].join("\n");
    expect(fieldUses("sample.ts", source).map((use) => use.field)).toEqual([
      "status",
      "nextAttemptAt",
      "leaseExpiresAt",
      "minutes",
      "tasks",
      "keyword",
      "sentAt",
      "price",
      "segments",
      undefined,
    ]);
    expect(fieldUses("sample.ts", source)[1].at).toBe('sample.ts:1 .orderBy("nextAttemptAt"');
  });

  it("finds the backend's queries (the scan covers functions/)", () => {
    const fields = new Set(backendUses().map(({ use }) => use.field));
    for (const field of ["reconcileAfter", "nextRunAt", "createdAt", "price", "segments"]) {
      expect(fields).toContain(field);
    }
  });

  it("knows every field a query takes from a variable", () => {
    const unknown = backendUses()
      .filter(({ file, use }) => fieldsOf(file, use) === undefined)
      .map(({ use }) => use.at);
    expect(unknown).toEqual([]);
  });

  it("exempts no field a query filters, orders or sums on", () => {
    const uses = backendUses();
    const conflicts = exemptions().flatMap(({ collectionGroup, fieldPath }) =>
      uses
        .filter(({ file, use }) => fieldsOf(file, use)?.some((f) => overlaps(f, fieldPath)))
        .map(({ use }) => `${collectionGroup}.${fieldPath} is exempted, but ${use.at}`),
    );
    expect(conflicts).toEqual([]);
  });

  it("names only the backend's collections, and keeps every TTL policy on expireAt", () => {
    const collections: readonly string[] = Object.values(COLLECTIONS);
    const overrides = fieldOverrides();
    expect(overrides.map((o) => o.collectionGroup).filter((c) => !collections.includes(c))).toEqual(
      [],
    );
    const expiring = overrides.filter((o) => o.fieldPath === "expireAt");
    expect(expiring.length).toBeGreaterThan(0);
    expect(expiring.filter((o) => o.ttl !== true)).toEqual([]);
  });
});
