// What a stage of `synod verify` is: named checks, each passed or not with a one-line reason.
// Stages live in files of their own (stages.ts lists them in the order verify runs them).
import type { CheckJob, CheckSummary } from "./check-job.ts";

export type CheckResult = { readonly name: string; readonly passed: boolean; readonly detail: string; readonly seconds: number };
export type StageResult = { readonly name: string; readonly passed: boolean; readonly seconds: number; readonly checks: readonly CheckResult[] };
/** The running jobs of every selected stage, by job id. */
export type JobResults = ReadonlyMap<string, Promise<CheckSummary>>;
export type Stage = {
  readonly name: string;
  readonly title: string;
  /** Exhaustive checks this stage needs, started on the worker pool before any stage runs. */
  readonly jobs: readonly CheckJob[];
  run(log: (line: string) => void, jobs: JobResults): Promise<StageResult>;
};

export function stage(name: string, title: string, jobs: readonly CheckJob[], checks: (log: (line: string) => void, jobs: JobResults) => Promise<CheckResult[]>): Stage {
  return {
    name,
    title,
    jobs,
    async run(log, results) {
      const t = performance.now();
      const done = await checks(log, results);
      return { name, passed: done.every((c) => c.passed), seconds: (performance.now() - t) / 1000, checks: done };
    },
  };
}

