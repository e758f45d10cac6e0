// What `synod conformance` and the verify stage print: the figures of a run, transition
// coverage, and a divergence as numbered steps with what differed (mbt/report.ts wording).
import { formatSchedule } from "../mbt/report.ts";
import { coverageLines, neverDriven } from "./coverage.ts";
import type { ConformanceResult, Divergence } from "./run.ts";

const n = (x: number) => x.toLocaleString("en-US");

/** `1,839 paths, depth 6, 11,034 steps replayed, 6.1 s, 301 paths/s` */
export function figuresLine(r: ConformanceResult, depth: number): string {
  const rate = r.seconds > 0 ? Math.round(r.paths / r.seconds) : 0;
  return `${n(r.paths)} paths, depth ${depth}, ${n(r.transitions)} transitions checked, ${n(r.stepsReplayed)} steps replayed, ${r.seconds.toFixed(1)} s, ${n(rate)} paths/s`;
}

export function coverageReport(r: ConformanceResult): string[] {
  const never = neverDriven(r.coverage);
  return [
    "transition coverage (transitions of each branch the implementation was driven through):",
    ...coverageLines(r.coverage).map((l) => `  ${l}`),
    never.length === 0 ? "every branch was driven" : `never driven (${never.length}): ${never.join("; ")}`,
  ];
}

export function divergenceLines(d: Divergence): string[] {
  const failed = d.steps.length;
  const out = [`model and implementation part at step ${d.notPossible ? failed + 1 : failed} of this path:`, ...formatSchedule(d.steps)];
  if (d.notPossible) out.push(`${String(failed + 1).padStart(3)}. ${d.path[failed]?.branch ?? ""}: not possible on the implementation: ${d.notPossible}`);
  return out;
}
