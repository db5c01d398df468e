import { parseTask, type ClientDate, type ClientTask } from "../../../functions/domain/clientDocs";
import {
  COMPLETION_RETENTION_MS,
  completionTime,
  staleCompletions,
} from "../../../functions/domain/taskIndex";

const WRITTEN = new Date("2026-11-24T15:00:00Z");

function completedTask(fields: Record<string, unknown> = {}): ClientTask {
  const parsed = parseTask({ title: "Essay", assignedTo: "u1", completed: true, ...fields });
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

describe("completionTime", () => {
  it("takes the completedAt the app wrote, as written (instant or local)", () => {
    expect(
      completionTime(completedTask({ completedAt: "2026-11-20T10:00:00Z" }), undefined, WRITTEN),
    ).toEqual({ instant: new Date("2026-11-20T10:00:00Z") });
    expect(
      completionTime(completedTask({ completedAt: "2026-11-20T10:00" }), undefined, WRITTEN),
    ).toEqual({ local: "2026-11-20T10:00" });
  });

  it("uses the time of the completing write when the app wrote no completedAt", () => {
    expect(completionTime(completedTask(), undefined, WRITTEN)).toEqual({ instant: WRITTEN });
  });

  it("keeps the time already filed when a later write (a title edit) runs the sync again", () => {
    const filed: ClientDate = { instant: new Date("2026-11-21T08:00:00Z") };
    expect(completionTime(completedTask(), filed, WRITTEN)).toEqual(filed);
  });

  it("prefers the app's completedAt to what was filed (the app corrected it)", () => {
    const filed: ClientDate = { instant: new Date("2026-11-21T08:00:00Z") };
    const task = completedTask({ completedAt: "2026-11-22T09:00:00Z" });
    expect(completionTime(task, filed, WRITTEN)).toEqual({
      instant: new Date("2026-11-22T09:00:00Z"),
    });
  });

  it("treats an unparseable completedAt as absent", () => {
    expect(completionTime(completedTask({ completedAt: "yesterday" }), undefined, WRITTEN)).toEqual(
      { instant: WRITTEN },
    );
  });
});

describe("staleCompletions", () => {
  const newest: ClientDate = { instant: WRITTEN };
  const before = (ms: number): ClientDate => ({ instant: new Date(WRITTEN.getTime() - ms) });

  it("forgets completions older than the retention before the newest, and keeps the rest", () => {
    const filed = {
      recent: before(24 * 3_600_000),
      edge: before(COMPLETION_RETENTION_MS),
      old: before(COMPLETION_RETENTION_MS + 1),
      later: { instant: new Date(WRITTEN.getTime() + 3_600_000) },
    };
    expect(staleCompletions(filed, newest)).toEqual(["old"]);
  });

  it("places local times as if in UTC", () => {
    expect(
      staleCompletions(
        { a: { local: "2026-10-20T16:00" }, b: { local: "2026-10-20T14:00" } },
        newest,
      ),
    ).toEqual(["b"]);
  });

  it("forgets entries that are not dates", () => {
    expect(staleCompletions({ broken: undefined, fine: newest }, newest)).toEqual(["broken"]);
  });

  it("measures from a newest completion given as local time", () => {
    expect(
      staleCompletions(
        { a: before(COMPLETION_RETENTION_MS + 3_600_000) },
        { local: "2026-11-24T15:00" },
      ),
    ).toEqual(["a"]);
  });
});
