// The comparison behind `synod review`, on two verify reports built here: every kind of
// regression makes the head regress and is named first, a much slower catch is flagged, gains
// and figures are reported, identical reports give no regression. (The end-to-end bar, with
// git and two real verify runs, is test/review/review.e2e.test.ts: npm run test:review.)
import { describe, expect, it } from "vitest";
import { diffReports, SLOWER_FACTOR } from "../../cli/review/diff.ts";
import { reviewMarkdown, reviewText } from "../../cli/review/format.ts";
import { parseVerifyReport, type ReportCheck, type VerifyReport } from "../../cli/review/verify-report.ts";

const check = (name: string, extra: Partial<ReportCheck> = {}): ReportCheck => ({ name, passed: true, detail: "ok", seconds: 1, ...extra });
const entry = (caught: boolean, effort: number, safe = false) => ({ safe, caught, caughtBy: caught ? "divergence" : null, effort, effortUnit: "runs" as const, steps: caught ? 4 : null });
const witnesses = (reached: boolean) => [{ id: "sometimes-value-chosen", reached: true }, { id: "sometimes-two-proposers-in-phase-2", reached }];
const view = (property: string) => ({ title: "t", source: "s", violation: { kind: "divergence", property, message: "m" }, expected: false, participants: ["p1"], initial: { model: { nodes: [], inFlight: [], facts: [] } }, steps: [], failedStep: 0 });

function report(o: { modelCheck?: Partial<ReportCheck>; correct?: Partial<ReportCheck>; offByOne?: Partial<ReportCheck>; coverage?: Record<string, number>; extraStage?: boolean } = {}): VerifyReport {
  const stages = [
    { name: "model-check", passed: o.modelCheck?.passed ?? true, seconds: 20, checks: [check("default configuration", { figures: { verdict: "verified", distinctStates: 1000, transitions: 5000, depth: 20, witnesses: witnesses(true) }, ...o.modelCheck })] },
    {
      name: "model-based",
      passed: (o.correct?.passed ?? true) && (o.offByOne?.passed ?? true),
      seconds: 30,
      checks: [check("lockstep correct (memory)", { figures: { runs: 1000 }, ...o.correct }), check("impl promise-off-by-one", { figures: { runs: 8, catalogue: entry(true, 8) }, ...o.offByOne })],
    },
    { name: "conformance", passed: true, seconds: 10, checks: [check("a lone proposer", { figures: { coverage: o.coverage ?? { propose: 5, lose: 2 }, paths: 100, depth: 9 } })] },
    ...(o.extraStage ? [{ name: "trace-validation", passed: true, seconds: 0.1, checks: [check("real run validates")] }] : []),
  ];
  return { passed: stages.every((s) => s.passed), seconds: 60, stages };
}

describe("diffReports", () => {
  it("finds no regression between identical reports, and says so first", () => {
    const d = diffReports(report(), report());
    expect(d.regressions).toEqual([]);
    expect(d.warnings).toEqual([]);
    expect(reviewText(d, { base: "main", head: "HEAD" })[0]).toMatch(/^synod review: no regression/);
    expect(d.figures).toContainEqual({ stage: "model-check", check: "default configuration", figure: "distinct states", before: 1000, after: 1000 });
  });

  it("a check red on the head regresses, and its reason comes first, naming stage and check", () => {
    const d = diffReports(report(), report({ correct: { passed: false, detail: "FAILED after 3 schedules: divergence at step 4", counterexample: view("model-and-implementation-agree") } }));
    expect(d.regressions).toEqual(["model-based: lockstep correct (memory): passed on base, fails on head: FAILED after 3 schedules: divergence at step 4"]);
    expect(d.stages.find((s) => s.name === "model-based")).toEqual({ name: "model-based", before: true, after: false });
    expect(d.counterexamples.map((c) => `${c.stage}: ${c.check}: ${c.property}`)).toEqual(["model-based: lockstep correct (memory): model-and-implementation-agree"]);
    const text = reviewText(d, { base: "main", head: "HEAD", only: ["model-based"] });
    expect(text.slice(0, 2)).toEqual(["synod review: REGRESSION: the head regresses (1 reason):", "  model-based: lockstep correct (memory): passed on base, fails on head: FAILED after 3 schedules: divergence at step 4"]);
    expect(text).toContain("  model-based        PASS -> FAIL");
    expect(reviewMarkdown(d, { base: "main", head: "HEAD" })).toContain("### Regressions\n\n- model-based: lockstep correct (memory): passed on base, fails on head");
  });

  it("an unsafe catalogue entry no longer caught regresses, with how it was caught on the base", () => {
    const d = diffReports(report(), report({ offByOne: { passed: false, detail: "unsafe: NOT caught in 1000 runs", figures: { runs: 1000, catalogue: entry(false, 1000) } } }));
    expect(d.regressions).toEqual(["model-based: impl promise-off-by-one: unsafe variant NOT caught on head in 1,000 runs (caught on base by divergence after 8 runs)"]);
    expect(d.catalogue[0]).toMatchObject({ name: "impl promise-off-by-one", before: { caught: true }, after: { caught: false }, slower: false });
  });

  it("a safe look-alike flagged on the head regresses", () => {
    const safe = { offByOne: { figures: { runs: 1000, catalogue: entry(false, 1000, true) } } };
    const d = diffReports(report(safe), report({ offByOne: { passed: false, detail: "FALSE ALARM", figures: { runs: 3, catalogue: entry(true, 3, true) } } }));
    expect(d.regressions).toEqual(["model-based: impl promise-off-by-one: safe look-alike flagged on head by divergence after 3 runs (passed on base, 1,000 runs)"]);
  });

  it(`a catch that needs ${SLOWER_FACTOR}x the effort (and 10 runs more) is flagged, not a regression`, () => {
    const d = diffReports(report(), report({ offByOne: { figures: { runs: 40, catalogue: entry(true, 40) } } }));
    expect(d.regressions).toEqual([]);
    expect(d.warnings).toEqual(["model-based: impl promise-off-by-one: caught much more slowly: after 40 runs on head, 8 runs on base (5.0x)"]);
    expect(reviewText(d, { base: "b", head: "h" })).toContain("  model-based: impl promise-off-by-one: caught by divergence, 8 runs, 4 steps -> caught by divergence, 40 runs, 4 steps  SLOWER");
    // 8 -> 12 runs is noise, not slower.
    expect(diffReports(report(), report({ offByOne: { figures: { runs: 12, catalogue: entry(true, 12) } } })).warnings).toEqual([]);
  });

  it("a witness no longer reached and a branch no longer driven regress; gains are reported", () => {
    const d = diffReports(report(), report({ modelCheck: { figures: { verdict: "verified", distinctStates: 900, transitions: 4000, depth: 19, witnesses: witnesses(false) } }, coverage: { propose: 5, lose: 0, crash: 3 } }));
    expect(d.regressions).toEqual([
      "model-check: default configuration: witness sometimes-two-proposers-in-phase-2 reached on base, NOT reached on head",
      'conformance: coverage lost: branch "lose" driven 2 times on base, never on head',
    ]);
    expect(d.gains).toEqual(['conformance: coverage gained: branch "crash" driven 3 times on head, never on base']);
    expect(reviewText(d, { base: "b", head: "h" })).toContain("  model-check: default configuration: distinct states 1,000 -> 900 (-10.0%)");
  });

  it("a stage or check that ran on the base and not on the head regresses", () => {
    const d = diffReports(report({ extraStage: true }), report());
    expect(d.regressions).toEqual(["stage trace-validation: ran on base, missing on head"]);
    const head = report();
    head.stages[1] = { ...head.stages[1]!, checks: head.stages[1]!.checks.slice(0, 1) };
    expect(diffReports(report(), head).regressions).toEqual(["model-based: impl promise-off-by-one: ran on base, missing on head"]);
  });

  it("compares what both reports have: a base without figures (an older revision) compares verdicts only", () => {
    const old = report();
    const bare: VerifyReport = { ...old, stages: old.stages.map((s) => ({ ...s, checks: s.checks.map(({ figures: _f, ...c }) => c) })) };
    expect(diffReports(bare, report()).regressions).toEqual([]);
    expect(diffReports(bare, report()).figures).toEqual([]);
  });
});

describe("parseVerifyReport", () => {
  it("reads verify's JSON, and names the bad field or says it is not JSON", () => {
    expect(parseVerifyReport(JSON.stringify(report()), "base").stages).toHaveLength(3);
    expect(() => parseVerifyReport("synod verify: PASS", "base main")).toThrow(/^base main: synod verify --json printed no JSON report/);
    expect(() => parseVerifyReport(JSON.stringify({ passed: true, seconds: 1, stages: [{ name: "x", passed: "yes" }] }), "head")).toThrow(/^head: stages\.0\.passed: /);
  });
});
