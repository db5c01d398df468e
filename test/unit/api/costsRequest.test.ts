import { getCostReportRequest } from "../../../functions/api/requests/costs";

const MAY = { startDate: "2018-05-01T00:00:00Z", endDate: "2018-06-01T00:00:00Z" };

/** The field paths zod names for a request, as the callable reports them. */
function issuePaths(request: unknown): string[] {
  const parsed = getCostReportRequest.safeParse(request);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join("."));
}

describe("getCostReportRequest", () => {
  it.each([
    ["a month", { month: "2018-05", groupBy: "provider" }],
    ["a range", { ...MAY, groupBy: "campaign" }],
    [
      "a range with offsets",
      { startDate: "2018-05-01T03:00:00+03:00", endDate: MAY.endDate, groupBy: "country" },
    ],
    [
      "366 days",
      { startDate: "2024-01-01T00:00:00Z", endDate: "2025-01-01T00:00:00Z", groupBy: "type" },
    ],
  ])("accepts %s", (_name, request) => {
    expect(issuePaths(request)).toEqual([]);
  });

  it.each([
    ["no fields", {}, ["groupBy"]],
    ["no range", { groupBy: "type" }, ["month"]],
    ["month 13", { month: "2018-13", groupBy: "type" }, ["month"]],
    ["month 0", { month: "2018-00", groupBy: "type" }, ["month"]],
    ["a month with a day", { month: "2018-05-01", groupBy: "type" }, ["month"]],
    ["a month as a number", { month: 201805, groupBy: "type" }, ["month"]],
    ["a month and dates", { month: "2018-05", ...MAY, groupBy: "type" }, ["month"]],
    ["a start without an end", { startDate: MAY.startDate, groupBy: "type" }, ["endDate"]],
    ["an end without a start", { endDate: MAY.endDate, groupBy: "type" }, ["startDate"]],
    [
      "an end before the start",
      { startDate: MAY.endDate, endDate: MAY.startDate, groupBy: "type" },
      ["endDate"],
    ],
    [
      "a date without a zone",
      { ...MAY, startDate: "2018-05-01T00:00:00", groupBy: "type" },
      ["startDate"],
    ],
    [
      "367 days",
      { startDate: "2018-01-01T00:00:00Z", endDate: "2019-01-03T00:00:00Z", groupBy: "type" },
      ["endDate"],
    ],
    ["an unknown grouping", { month: "2018-05", groupBy: "user" }, ["groupBy"]],
    ["an extra field", { month: "2018-05", groupBy: "type", currency: "EUR" }, [""]],
    ["a string", "2018-05", [""]],
    ["null", null, [""]],
  ])("refuses %s, naming the field", (_name, request, paths) => {
    expect(issuePaths(request)).toEqual(paths);
  });
});
