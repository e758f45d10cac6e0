// What a stage of `synod verify` is: named checks, each passed or not with a one-line reason.
// Stages live in files of their own (stages.ts lists them in the order verify runs them).
import type { CheckJob, CheckSummary } from "./check-job.ts";
import type { CounterexampleView } from "../../report/html/document.ts";

/**
 * The figures of a check, as data, for `synod review` to compare two revisions by (the JSON
 * report carries them); every field is optional, a check has those that mean something for it.
 */
export type CheckFigures = {
  readonly verdict?: string;
  readonly distinctStates?: number;
  readonly transitions?: number;
  readonly depth?: number;
  readonly witnesses?: readonly { readonly id: string; readonly reached: boolean }[];
  /**
   * A catalogue entry: whether it is a safe look-alike, whether it was caught, by what, the
   * effort it took (schedules run for the implementation's catalogue, distinct states explored
   * for the model's) and the length of its counterexample.
   */
  readonly catalogue?: { readonly safe: boolean; readonly caught: boolean; readonly caughtBy: string | null; readonly effort: number; readonly effortUnit: "runs" | "states"; readonly steps: number | null };
  /** Conformance: times each transition branch was driven. */
  readonly coverage?: Readonly<Record<string, number>>;
  readonly paths?: number;
  /** Schedules run (model-based). */
  readonly runs?: number;
};

export type CheckResult = {
  readonly name: string;
  readonly passed: boolean;
  readonly detail: string;
  readonly seconds: number;
  readonly figures?: CheckFigures;
  /** The run that broke a property (expected for an unsafe catalogue entry), to step through in the HTML report. */
  readonly counterexample?: CounterexampleView;
};
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

