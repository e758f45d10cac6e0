// `synod mbt --html`: the lockstep run as a report document; a failure re-run step by step
// with the model and the implementation side by side.
import type { ReportDocument } from "../report/html/document.ts";
import type { LockstepResult } from "../mbt/property.ts";
import type { ScheduleOptions } from "../mbt/schedule.ts";
import { caughtBy } from "../mbt/catalogue.ts";
import { violationOf } from "../mbt/trace.ts";
import { lockstepView } from "../report/lockstep-view.ts";

export async function mbtDocument(command: string, options: ScheduleOptions, r: LockstepResult, replay: string | undefined): Promise<ReportDocument> {
  const name = `implementation variant ${options.variant ?? "correct"}${options.shortcuts ? " with the TCP store's proposer shortcuts" : ""}, ${options.storage ?? "memory"} storage`;
  const failed = r.failure?.run.failed;
  const detail = failed ? `failed after ${r.runs} schedules: ${caughtBy(failed)} at step ${failed.step} of the shrunk schedule` : `${r.runs} schedules agreed at every step`;
  const lines = [`model config ${JSON.stringify(options.config)}`, `seed ${r.seed}, ${r.stepsRun.toLocaleString("en-US")} lockstep steps in ${r.seconds.toFixed(1)} s`, ...(replay ? [`replay it: ${replay}`] : [])];
  return {
    title: "synod mbt",
    command,
    passed: r.passed,
    summary: [`${name}: ${r.passed ? "PASS" : "FAIL"}`],
    notices: failed ? [{ level: "failure", text: detail }] : [],
    stages: [{ name: "model-based", title: name, passed: r.passed, seconds: r.seconds, checks: [{ name, passed: r.passed, detail, seconds: r.seconds }], lines }],
    counterexamples: r.failure
      ? [await lockstepView(options, r.failure.run.actions, { title: name, source: "synod mbt: the shrunk schedule", expected: false, violation: violationOf(r.failure.run.failed!), ...(replay ? { replay } : {}) })]
      : [],
  };
}
