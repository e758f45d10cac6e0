// `synod check --html`: the run as a report document, one stage with its figures and, on a
// violation, the shortest counterexample to step through.
import type { Model } from "../checker/model.ts";
import type { ExploreResult } from "../checker/result.ts";
import type { ReportDocument } from "../report/html/document.ts";
import { modelRunView } from "../report/model-run-view.ts";
import { summary } from "./report.ts";

export function checkDocument(command: string, job: { model: Model<unknown, unknown>; mutant?: string }, result: ExploreResult<unknown, unknown> & { engine?: string }, tracePath: string | undefined): ReportDocument {
  const name = `${job.model.name}${job.mutant ? ` (mutant ${job.mutant})` : ""}`;
  const v = result.violation;
  const passed = result.verdict === "verified";
  const lines = [JSON.stringify(job.model.config), ...summary(result), ...(result.engine ? [`engine: ${result.engine}`] : []), ...(tracePath ? [`trace saved to ${tracePath}`] : [])];
  const detail = v ? `violation of ${v.property} (${v.kind}): ${v.message}` : result.verdict;
  return {
    title: "synod check",
    command,
    passed,
    summary: [`${name}: ${result.verdict}`],
    notices: v ? [{ level: "failure", text: detail }] : [],
    stages: [{ name: "check", title: name, passed, seconds: result.stats.seconds, checks: [{ name, passed, detail, seconds: result.stats.seconds }], lines }],
    counterexamples: v && v.steps.length > 0 ? [modelRunView(job.model, v, { title: name, source: "synod check: the shortest counterexample", expected: false, ...(tracePath ? { replay: `npx synod replay ${tracePath}` } : {}) })] : [],
  };
}
