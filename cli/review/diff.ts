// What a change does to what Synod checks: two `synod verify --json` reports (base and head)
// compared, as data. Pure: no git, no processes. A regression is a check red on the head (a
// stage red), a catalogue entry no longer caught, a witness no longer reached, a transition
// branch no longer driven, or a check or stage that no longer runs; the head regresses when
// there is any. A catch that takes much more effort is a warning; figures that moved, and
// anything gained, are reported too.
import { z } from "zod";
import type { Figures, ReportCheck, ReportStage, VerifyReport } from "./verify-report.ts";

/** A catch is flagged as much slower from this factor of its base effort on... */
export const SLOWER_FACTOR = 2;
/** ...and when it grew by at least this much (a catch in 1 run that now takes 3 is noise). */
export const SLOWER_MIN_GROWTH = { runs: 10, states: 10_000 } as const;

export type CatalogueEntry = NonNullable<Figures["catalogue"]>;
export type CatalogueRow = { readonly stage: string; readonly name: string; readonly safe: boolean; readonly before: CatalogueEntry | null; readonly after: CatalogueEntry | null; readonly slower: boolean };
export type VerdictRow = { readonly stage: string; readonly check: string | null; readonly before: boolean | null; readonly after: boolean | null; readonly detail: string };
export type FigureRow = { readonly stage: string; readonly check: string; readonly figure: string; readonly before: number; readonly after: number };
export type Counterexample = { readonly stage: string; readonly check: string; readonly property: string; readonly message: string; readonly steps: number; readonly expected: boolean; readonly view: unknown };

export type ReviewDiff = {
  readonly regressions: readonly string[];
  readonly warnings: readonly string[];
  readonly gains: readonly string[];
  /** Per stage and per check whose verdict is not the same green on both sides. */
  readonly verdicts: readonly VerdictRow[];
  readonly stages: readonly { readonly name: string; readonly before: boolean | null; readonly after: boolean | null }[];
  readonly catalogue: readonly CatalogueRow[];
  readonly figures: readonly FigureRow[];
  readonly counterexamples: readonly Counterexample[];
};

const CounterexampleHead = z.object({ violation: z.object({ property: z.string(), message: z.string() }), steps: z.array(z.unknown()), expected: z.boolean() });

const verdict = (p: boolean) => (p ? "passes" : "fails");

export function diffReports(base: VerifyReport, head: VerifyReport): ReviewDiff {
  const regressions: string[] = [];
  const warnings: string[] = [];
  const gains: string[] = [];
  const verdicts: VerdictRow[] = [];
  const catalogue: CatalogueRow[] = [];
  const figures: FigureRow[] = [];
  const counterexamples: Counterexample[] = [];
  const stageNames = [...new Set([...base.stages.map((s) => s.name), ...head.stages.map((s) => s.name)])];
  const stages = stageNames.map((name) => {
    const b = base.stages.find((s) => s.name === name) ?? null;
    const h = head.stages.find((s) => s.name === name) ?? null;
    return { name, b, h };
  });
  for (const { name, b, h } of stages) {
    if (!h) {
      regressions.push(`stage ${name}: ran on base, missing on head`);
      verdicts.push({ stage: name, check: null, before: b!.passed, after: null, detail: "missing on head" });
      continue;
    }
    if (!b) gains.push(`stage ${name}: new on head, ${verdict(h.passed)}`);
    if (!h.passed || (b && !b.passed)) verdicts.push({ stage: name, check: null, before: b?.passed ?? null, after: h.passed, detail: "" });
    compareChecks(name, b, h, { regressions, warnings, gains, verdicts, catalogue, figures, counterexamples });
    compareCoverage(name, b, h, regressions, gains);
  }
  return { regressions, warnings, gains, verdicts, stages: stages.map(({ name, b, h }) => ({ name, before: b?.passed ?? null, after: h?.passed ?? null })), catalogue, figures, counterexamples };
}

type Out = { regressions: string[]; warnings: string[]; gains: string[]; verdicts: VerdictRow[]; catalogue: CatalogueRow[]; figures: FigureRow[]; counterexamples: Counterexample[] };

function compareChecks(stage: string, b: ReportStage | null, h: ReportStage, out: Out): void {
  const names = [...new Set([...(b?.checks ?? []).map((c) => c.name), ...h.checks.map((c) => c.name)])];
  for (const name of names) {
    const before = b?.checks.find((c) => c.name === name) ?? null;
    const after = h.checks.find((c) => c.name === name) ?? null;
    if (!after) {
      out.regressions.push(`${stage}: ${name}: ran on base, missing on head`);
      out.verdicts.push({ stage, check: name, before: before!.passed, after: null, detail: "missing on head" });
      continue;
    }
    if (!after.passed || (before && !before.passed)) out.verdicts.push({ stage, check: name, before: before?.passed ?? null, after: after.passed, detail: after.detail });
    const entry = compareCatalogue(stage, name, before, after, out);
    if (!after.passed && !entry) out.regressions.push(`${stage}: ${name}: ${before === null ? "new on head and fails" : before.passed ? "passed on base, fails on head" : "fails on head (failed on base too)"}: ${after.detail}`);
    else if (after.passed && before && !before.passed) out.gains.push(`${stage}: ${name}: failed on base, passes on head`);
    else if (after.passed && !before && b) out.gains.push(`${stage}: ${name}: new on head, passes`);
    compareWitnesses(stage, name, before?.figures, after.figures, out);
    compareFigures(stage, name, before?.figures, after.figures, out.figures);
    newCounterexample(stage, name, before, after, out.counterexamples);
  }
}

/** A catalogue entry's catch compared; true when it produced the regression line for a failing check. */
function compareCatalogue(stage: string, name: string, before: ReportCheck | null, after: ReportCheck, out: Out): boolean {
  const a = after.figures?.catalogue;
  if (!a) return false;
  const b = before?.figures?.catalogue ?? null;
  const slower = b !== null && b.caught && a.caught && a.effort >= SLOWER_FACTOR * b.effort && a.effort - b.effort >= SLOWER_MIN_GROWTH[a.effortUnit];
  out.catalogue.push({ stage, name, safe: a.safe, before: b, after: a, slower });
  if (slower) out.warnings.push(`${stage}: ${name}: caught much more slowly: after ${effort(a)} on head, ${effort(b!)} on base (${(a.effort / b!.effort).toFixed(1)}x)`);
  if (after.passed) return false;
  if (!a.safe && !a.caught) {
    out.regressions.push(`${stage}: ${name}: unsafe variant NOT caught on head in ${effort(a)}${b?.caught ? ` (caught on base by ${b.caughtBy} after ${effort(b)})` : ""}`);
    return true;
  }
  if (a.safe && a.caught && !(b?.caught ?? false)) {
    out.regressions.push(`${stage}: ${name}: safe look-alike flagged on head by ${a.caughtBy} after ${effort(a)}${b ? ` (passed on base, ${effort(b)})` : ""}`);
    return true;
  }
  return false;
}

export function effort(e: CatalogueEntry): string {
  return `${e.effort.toLocaleString("en-US")} ${e.effortUnit}`;
}

function compareWitnesses(stage: string, check: string, b: Figures | undefined, a: Figures | undefined, out: Out): void {
  if (!b?.witnesses || !a?.witnesses) return;
  for (const w of b.witnesses) {
    const now = a.witnesses.find((x) => x.id === w.id);
    if (w.reached && !now?.reached) out.regressions.push(`${stage}: ${check}: witness ${w.id} reached on base, ${now ? "NOT reached" : "no longer checked"} on head`);
  }
  for (const w of a.witnesses) if (w.reached && !b.witnesses.some((x) => x.id === w.id && x.reached)) out.gains.push(`${stage}: ${check}: witness ${w.id} reached on head, not on base`);
}

const FIGURES = [
  ["distinctStates", "distinct states"],
  ["transitions", "transitions"],
  ["depth", "depth"],
  ["paths", "paths"],
] as const;

function compareFigures(stage: string, check: string, b: Figures | undefined, a: Figures | undefined, rows: FigureRow[]): void {
  if (!b || !a || a.catalogue) return;
  for (const [key, figure] of FIGURES) {
    const before = b[key];
    const after = a[key];
    if (before !== undefined && after !== undefined) rows.push({ stage, check, figure, before, after });
  }
}

function compareCoverage(stage: string, b: ReportStage | null, h: ReportStage, regressions: string[], gains: string[]): void {
  const total = (s: ReportStage) => {
    const sum = new Map<string, number>();
    for (const c of s.checks) for (const [branch, n] of Object.entries(c.figures?.coverage ?? {})) sum.set(branch, (sum.get(branch) ?? 0) + n);
    return sum;
  };
  if (!b) return;
  const before = total(b);
  const after = total(h);
  if (before.size === 0 || after.size === 0) return;
  for (const [branch, n] of before) if (n > 0 && !(after.get(branch)! > 0)) regressions.push(`${stage}: coverage lost: branch "${branch}" driven ${n.toLocaleString("en-US")} times on base, never on head`);
  for (const [branch, n] of after) if (n > 0 && !(before.get(branch)! > 0)) gains.push(`${stage}: coverage gained: branch "${branch}" driven ${n.toLocaleString("en-US")} times on head, never on base`);
}

/** A counterexample on the head that the base did not have: a new check's, or one breaking another property. */
function newCounterexample(stage: string, check: string, before: ReportCheck | null, after: ReportCheck, out: Counterexample[]): void {
  const a = CounterexampleHead.safeParse(after.counterexample);
  if (!a.success) return;
  const b = CounterexampleHead.safeParse(before?.counterexample);
  if (b.success && b.data.violation.property === a.data.violation.property && b.data.steps.length === a.data.steps.length) return;
  out.push({ stage, check, property: a.data.violation.property, message: a.data.violation.message, steps: a.data.steps.length, expected: a.data.expected, view: after.counterexample });
}
