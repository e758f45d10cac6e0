// `synod review --html`: the comparison as a report document: regressions, warnings and gains
// as notices, the comparison itself, the head's stages with their figures, and the
// counterexamples new on the head to step through.
import { CounterexampleView, type ReportDocument } from "../../report/html/document.ts";
import type { ReviewDiff } from "./diff.ts";
import { headline, reviewText, type Sides } from "./format.ts";
import type { VerifyReport } from "./verify-report.ts";

export function reviewDocument(command: string, d: ReviewDiff, sides: Sides, head: VerifyReport): ReportDocument {
  const views = d.counterexamples.flatMap((c) => {
    const v = CounterexampleView.safeParse(c.view);
    return v.success ? [{ ...v.data, title: `${c.stage}: ${v.data.title}` }] : [];
  });
  return {
    title: "synod review",
    command,
    passed: d.regressions.length === 0,
    summary: [headline(d), `base ${sides.base}, head ${sides.head}`],
    notices: [...d.regressions.map((text) => ({ level: "failure" as const, text })), ...d.warnings.map((text) => ({ level: "warning" as const, text })), ...d.gains.map((text) => ({ level: "info" as const, text }))],
    stages: [
      { name: "comparison", title: "base against head", passed: d.regressions.length === 0, seconds: 0, checks: [], lines: reviewText(d, sides) },
      ...head.stages.map((s) => ({ name: s.name, title: `${s.title ?? ""} (head)`, passed: s.passed, seconds: s.seconds, checks: s.checks.map((c) => ({ name: c.name, passed: c.passed, detail: c.detail, seconds: c.seconds })), lines: s.lines ?? [] })),
    ],
    counterexamples: [...views.filter((v) => !v.expected), ...views.filter((v) => v.expected)],
  };
}
