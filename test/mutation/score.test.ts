// npm run mutation's verdict (scripts/mutation-score.ts) and its configuration: cheap checks,
// the mutation run itself is nightly (docs/mutation.md).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, basename } from "node:path";
import { describe, expect, it } from "vitest";
import { Equivalents, mergeReports, scoreOf, type MutationReport } from "../../scripts/mutation-score.ts";
import { mutationChecks } from "../../cli/verify/mutation-profile.ts";

const mutant = (id: string, status: string, line: number, replacement = "false") => ({ id, mutatorName: "BooleanLiteral", replacement, status, location: { start: { line, column: 1 }, end: { line, column: 5 } } });
const report = (mutants: ReturnType<typeof mutant>[]) => ({ files: { "a.ts": { mutants } } }) as MutationReport;

describe("the mutation score", () => {
  it("counts killed and timed out over the mutants not written down as equivalent", () => {
    const r = report([mutant("1", "Killed", 1), mutant("2", "Timeout", 2), mutant("3", "Survived", 3), mutant("4", "Survived", 4), mutant("5", "Ignored", 5)]);
    const s = scoreOf(r, [{ file: "a.ts", line: 3, mutator: "BooleanLiteral", replacement: "false", reason: "the flag is read nowhere" }]);
    expect(s).toMatchObject({ mutants: 4, killed: 1, timedOut: 1, survived: 2, equivalent: 1, ignored: 1 });
    expect(s.score).toBeCloseTo(200 / 3);
    expect(s.undetected.map((u) => u.line)).toEqual([4]);
  });

  it("says when an equivalent matches no surviving mutant", () => {
    const s = scoreOf(report([mutant("1", "Killed", 3)]), [{ file: "a.ts", line: 3, mutator: "BooleanLiteral", replacement: "false", reason: "the flag is read nowhere" }]);
    expect(s.stale).toHaveLength(1);
    expect(s.equivalent).toBe(0);
  });

  it("says nothing of an equivalent on a line the report did not mutate (a report of part of the code)", () => {
    const s = scoreOf(report([mutant("1", "Killed", 3)]), [{ file: "a.ts", line: 9, mutator: "BooleanLiteral", replacement: "false", reason: "the flag is read nowhere" }, { file: "b.ts", line: 3, mutator: "BooleanLiteral", replacement: "false", reason: "the flag is read nowhere" }]);
    expect(s.stale).toHaveLength(0);
  });

  it("counts apart the equivalents in code only a bug variant runs", () => {
    const s = scoreOf(report([mutant("1", "Survived", 3), mutant("2", "Survived", 4)]), [
      { file: "a.ts", line: 3, mutator: "BooleanLiteral", replacement: "false", reason: "the flag is read nowhere" },
      { file: "a.ts", line: 4, mutator: "BooleanLiteral", replacement: "false", reason: "another form of the variant's bug", scope: "variant" },
    ]);
    expect(s).toMatchObject({ equivalent: 2, equivalentInVariants: 1 });
  });

  it("counts a mutant no check covers as not killed", () => {
    expect(scoreOf(report([mutant("1", "NoCoverage", 1), mutant("2", "Killed", 2)]), []).score).toBe(50);
  });

  it("judges several reports as one, a mutant run again taking the later report's result, a file edited in between only the later's", () => {
    const first = report([mutant("1", "Survived", 1), mutant("2", "NoCoverage", 2), mutant("3", "Killed", 3)]);
    const later = { files: { "a.ts": { mutants: [mutant("9", "Killed", 2)] }, "b.ts": { mutants: [mutant("1", "Killed", 1)] } } } as MutationReport;
    const merged = mergeReports([first, later]);
    expect(merged.files["a.ts"]!.mutants.map((m) => [m.location.start.line, m.status])).toEqual([[1, "Survived"], [2, "Killed"], [3, "Killed"]]);
    expect(merged.files["b.ts"]!.mutants).toHaveLength(1);
    // The source changed in between: the earlier report's places are gone.
    const edited = { files: { "a.ts": { source: "edited", mutants: [mutant("9", "Killed", 7)] } } } as MutationReport;
    expect(mergeReports([first, edited]).files["a.ts"]!.mutants.map((m) => m.location.start.line)).toEqual([7]);
  });
});

describe("the mutation configuration", () => {
  const config = JSON.parse(readFileSync("stryker.config.json", "utf8")) as { mutate: string[] };

  // The patterns are files, line ranges of a file, or `folder/*.ts`.
  const matches = (pattern: string) => {
    const path = pattern.replace(/:\d+-\d+$/, "");
    if (basename(path) !== "*.ts") return existsSync(path) ? [path] : [];
    return readdirSync(dirname(path)).filter((f) => f.endsWith(".ts"));
  };

  it("mutates files that exist, each pattern at least one", () => {
    for (const pattern of config.mutate) expect(matches(pattern), pattern).not.toHaveLength(0);
  });

  it("writes equivalents down with reasons, in the schema the verdict reads", () => {
    expect(() => Equivalents.parse(JSON.parse(readFileSync("docs/mutation-equivalents.json", "utf8")))).not.toThrow();
  });

  it("runs the encodings comparison, the correct model, conformance, lockstep and both catalogues", () => {
    const names = mutationChecks.map((c) => c.name.split(":")[0]);
    for (const kind of ["encodings agree", "catalogue", "model-check", "conformance", "model-based"]) expect(names).toContain(kind);
    expect(existsSync("test/mutation/profile.mutation.ts")).toBe(true);
  });
});
