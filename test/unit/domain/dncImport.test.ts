import {
  csvListEntries,
  importReport,
  MAX_IMPORT_NUMBERS,
  planImport,
  rowListEntries,
  type ListEntry,
} from "../../../functions/domain/dncImport";

function plan(entries: ListEntry[], country = "US") {
  const planned = planImport(entries, country);
  if (!planned.ok) throw new Error(`expected a plan, got: ${planned.reason}`);
  return planned.plan;
}

describe("csvListEntries", () => {
  it("takes the first column with its line, skipping a header, blank lines and other columns", () => {
    const csv = "phone,name\n+15555550130,Ann\n\n   \n(555) 555-0131,Bob,extra\n,,\n555.555.0132\n";
    expect(csvListEntries(csv)).toEqual([
      { line: 2, value: "+15555550130" },
      { line: 5, value: "(555) 555-0131" },
      { line: 7, value: "555.555.0132" },
    ]);
  });

  it("keeps a first line that is a number, and skips a header whose name has a digit", () => {
    expect(csvListEntries("+15555550130\n+15555550131")).toEqual([
      { line: 1, value: "+15555550130" },
      { line: 2, value: "+15555550131" },
    ]);
    expect(csvListEntries("Telefon 1;Ad\n0532 123 45 67;Ali")).toEqual([
      { line: 2, value: "0532 123 45 67" },
    ]);
  });

  it("skips a header after leading blank lines, and only the first line", () => {
    expect(csvListEntries("\n\nPhone\nphone\n+15555550130")).toEqual([
      { line: 4, value: "phone" },
      { line: 5, value: "+15555550130" },
    ]);
  });

  it("reads a byte order mark and CRLF line ends", () => {
    expect(csvListEntries("\uFEFFphone\r\n+15555550130\r\n\r\n+15555550131\r\n")).toEqual([
      { line: 2, value: "+15555550130" },
      { line: 4, value: "+15555550131" },
    ]);
  });

  it("reads a byte order mark before a first line that is a number", () => {
    expect(csvListEntries("\uFEFF+15555550130")).toEqual([{ line: 1, value: "+15555550130" }]);
  });

  it("reads quoted cells: delimiters, doubled quotes and line breaks inside them", () => {
    const csv = [
      '"Phone","Note"',
      '"+1 (555) 555-0130","Doe, Jane"',
      ' "555-555-0131" ,"said ""stop""',
      'twice"',
      '"+15555550132",x',
    ].join("\n");
    expect(csvListEntries(csv)).toEqual([
      { line: 2, value: "+1 (555) 555-0130" },
      { line: 3, value: "555-555-0131" },
      { line: 5, value: "+15555550132" },
    ]);
  });

  it("reads semicolon- and tab-separated lists", () => {
    expect(csvListEntries("telefon;ad\n0532 123 45 67;Ali\n0533 765 43 21;Ayşe")).toEqual([
      { line: 2, value: "0532 123 45 67" },
      { line: 3, value: "0533 765 43 21" },
    ]);
    expect(csvListEntries("+15555550130\tAnn\n+15555550131\tBob")).toEqual([
      { line: 1, value: "+15555550130" },
      { line: 2, value: "+15555550131" },
    ]);
  });

  it("has nothing in a list of only a header and blank lines", () => {
    expect(csvListEntries("phone\n\n \r\n")).toEqual([]);
  });
});

describe("rowListEntries", () => {
  it("numbers rows by index + 1 and skips blank ones", () => {
    expect(rowListEntries([" +15555550130 ", "", "  ", "(555) 555-0131"])).toEqual([
      { line: 1, value: "+15555550130" },
      { line: 4, value: "(555) 555-0131" },
    ]);
  });
});

describe("planImport", () => {
  it("normalises national US formats in the default country", () => {
    const entries = rowListEntries(["(555) 555-0130", "555.555.0131", "1 555 555 0132"]);
    expect(plan(entries).numbers).toEqual(["+15555550130", "+15555550131", "+15555550132"]);
  });

  it("takes +90 Turkish numbers whatever the default country", () => {
    const entries = rowListEntries(["+90 532 123 45 67", "0090 533 765 43 21"]);
    expect(plan(entries, "US").numbers).toEqual(["+905321234567", "+905337654321"]);
    expect(plan(entries, "TR").numbers).toEqual(["+905321234567", "+905337654321"]);
  });

  it("reads a Turkish national number as Turkish with default TR, and rejects it with US", () => {
    const entries = rowListEntries(["0532 123 45 67"]);
    expect(plan(entries, "TR")).toEqual({
      total: 1,
      numbers: ["+905321234567"],
      duplicates: 0,
      invalid: [],
    });
    expect(plan(entries, "US")).toEqual({
      total: 1,
      numbers: [],
      duplicates: 0,
      invalid: [{ line: 1, value: "0532 123 45 67", reason: expect.any(String) }],
    });
  });

  it("counts a number given again, in any format, as a duplicate, keeping the first", () => {
    const csv = "+15555550130\n(555) 555-0130\n+15555550131\n555-555-0130\n+1 555 555 0131";
    expect(plan(csvListEntries(csv))).toEqual({
      total: 5,
      numbers: ["+15555550130", "+15555550131"],
      duplicates: 3,
      invalid: [],
    });
  });

  it("reports each invalid line with its line number, value and reason", () => {
    const csv = "phone\n+15555550130\nnot a number\n\n+1 555 555 0200\n,Ann\n12\n";
    const result = plan(csvListEntries(csv));
    expect(result.numbers).toEqual(["+15555550130"]);
    expect(result.total).toBe(5);
    expect(result.invalid).toEqual([
      { line: 3, value: "not a number", reason: "not a phone number" },
      { line: 5, value: "+1 555 555 0200", reason: "not a valid phone number" },
      { line: 6, value: "", reason: "empty" },
      { line: 7, value: "12", reason: expect.any(String) },
    ]);
  });

  it("cuts a very long invalid value short in the report", () => {
    const [invalid] = plan(rowListEntries(["9".repeat(500)])).invalid;
    expect(invalid.value).toBe(`${"9".repeat(100)}…`);
    expect(invalid.reason).toBe("too long");
  });

  it("takes 10,000 numbers and refuses 10,001, counting every line given", () => {
    const lines = (count: number) =>
      Array.from(
        { length: count },
        (_, i) => `+1555555${String(100 + (i % 100)).padStart(4, "0")}`,
      );
    const most = plan(rowListEntries(lines(MAX_IMPORT_NUMBERS)));
    expect(most.total).toBe(10_000);
    expect(most.numbers).toHaveLength(100);
    expect(most.duplicates).toBe(9_900);

    const csv = ["phone", ...lines(MAX_IMPORT_NUMBERS + 1)].join("\n");
    expect(planImport(csvListEntries(csv), "US")).toEqual({
      ok: false,
      reason: "at most 10,000 numbers per import; this one has 10,001",
    });
  });
});

describe("importReport", () => {
  it("counts the distinct numbers not added as suppressed already, so the counts add up", () => {
    const csv = "+15555550130\n+15555550131\n+15555550130\nbad\n+15555550132";
    const planned = plan(csvListEntries(csv));
    const report = importReport(planned, 1, false);
    expect(report).toEqual({
      total: 5,
      added: 1,
      alreadySuppressed: 2,
      duplicates: 1,
      invalid: [{ line: 4, value: "bad", reason: "not a phone number" }],
      dryRun: false,
    });
    const { total, added, alreadySuppressed, duplicates, invalid } = report;
    expect(added + alreadySuppressed + duplicates + invalid.length).toBe(total);
    expect(importReport(planned, 3, true)).toMatchObject({ added: 3, alreadySuppressed: 0 });
  });
});
