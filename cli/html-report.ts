// The HTML report of a command run (--html FILE): the command's results as a report document
// (report/html/document.ts), rendered to one self-contained file.
import { writeFileSync } from "node:fs";
import type { CounterexampleView, ReportDocument, StageSection } from "../report/html/document.ts";
import { renderReport } from "../report/html/render.ts";
import type { CheckResult } from "./verify/stage.ts";

/** Renders and writes the report; returns its size in bytes. */
export function writeHtmlReport(path: string, doc: ReportDocument): number {
  const html = renderReport(doc);
  writeFileSync(path, html);
  return Buffer.byteLength(html);
}

/** A stage as verify ran it: its result, its title, and the lines it printed. */
export type StageRun = { readonly name: string; readonly title: string; readonly passed: boolean; readonly seconds: number; readonly checks: readonly CheckResult[]; readonly lines: readonly string[] };

/** Every counterexample of the stages, unexpected ones (real failures) first, each titled with its stage. */
export function stageCounterexamples(stages: readonly StageRun[]): CounterexampleView[] {
  const all = stages.flatMap((s) => s.checks.flatMap((c) => (c.counterexample ? [{ ...c.counterexample, title: `${s.name}: ${c.counterexample.title}` }] : [])));
  return [...all.filter((c) => !c.expected), ...all.filter((c) => c.expected)];
}

export function stageSection(s: StageRun): StageSection {
  return { name: s.name, title: s.title, passed: s.passed, seconds: s.seconds, checks: s.checks.map((c) => ({ name: c.name, passed: c.passed, detail: c.detail, seconds: c.seconds })), lines: [...s.lines] };
}

export function verifyDocument(command: string, stages: readonly StageRun[], seconds: number): ReportDocument {
  const passed = stages.every((s) => s.passed);
  return {
    title: "synod verify",
    command,
    passed,
    summary: [`synod verify: ${passed ? "PASS" : "FAIL"}, ${stages.filter((s) => s.passed).length}/${stages.length} stages passed in ${seconds.toFixed(1)} s`, ...stages.map((s) => `${s.passed ? "PASS" : "FAIL"} ${s.name} (${s.seconds.toFixed(1)} s)`)],
    notices: stages.flatMap((s) => s.checks.filter((c) => !c.passed).map((c) => ({ level: "failure" as const, text: `${s.name}: ${c.name}: ${c.detail}` }))),
    stages: stages.map(stageSection),
    counterexamples: stageCounterexamples(stages),
  };
}
