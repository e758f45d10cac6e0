// What a stage of `synod verify` is: named checks, each passed or not with a one-line reason.
// Stages live in files of their own (stages.ts lists them in the order verify runs them).
import { taskOf, type Job, type JobResults, type TaskJob } from "./job.ts";
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
/**
 * `seconds` is the time the stage's checks took, summed: stages overlap on the pool, so the
 * wall time from the start of verify until a stage is judged says little about the stage.
 */
export type StageResult = { readonly name: string; readonly passed: boolean; readonly seconds: number; readonly checks: readonly CheckResult[] };
export type { JobResults } from "./job.ts";
export type Stage = {
  readonly name: string;
  readonly title: string;
  /** The checks and tasks this stage needs, started on the worker pool before any stage runs. */
  readonly jobs: readonly Job[];
  run(log: (line: string) => void, jobs: JobResults): Promise<StageResult>;
};

export function stage(name: string, title: string, jobs: readonly Job[], checks: (log: (line: string) => void, jobs: JobResults) => Promise<CheckResult[]>): Stage {
  return {
    name,
    title,
    jobs,
    async run(log, results) {
      const done = await checks(log, results);
      return { name, passed: done.every((c) => c.passed), seconds: done.reduce((sum, c) => sum + c.seconds, 0), checks: done };
    },
  };
}


/** A stage's tasks, awaited in the order declared: each one's lines logged, its check kept. */
export async function collectTasks(tasks: readonly TaskJob[], results: JobResults, log: (line: string) => void): Promise<CheckResult[]> {
  const checks: CheckResult[] = [];
  for (const t of tasks) {
    const { check, lines } = await taskOf(results, t.id);
    for (const line of lines) log(line);
    checks.push(check);
  }
  return checks;
}
