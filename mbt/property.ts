// The lockstep property under fast-check: for every generated schedule (schedule.ts), the
// implementation agrees with the model at every step and no invariant or step property
// breaks on either side. A failure comes back shrunk, with the seed and the path that replay it.
import fc from "fast-check";
import { runSchedule, type ScheduleOptions, type ScheduleRun } from "./schedule.ts";
import { minimizeSchedule } from "./minimize.ts";

export type PropertyBudget = {
  /** How many schedules fast-check generates (it stops at the first failure). */
  readonly runs: number;
  readonly seed: number;
  /** fast-check's path to one counterexample, to replay it without searching again. */
  readonly path?: string;
  /** Choices per schedule, at most. */
  readonly maxSteps: number;
  /** Schedules tried while shrinking a failure, at most. */
  readonly maxShrinkRuns: number;
};

export type LockstepResult = {
  readonly passed: boolean;
  /** Schedules run until the failure (or all of them). */
  readonly runs: number;
  /** Lockstep steps executed in all, shrinking included. */
  readonly stepsRun: number;
  readonly seconds: number;
  readonly seed: number;
  /** Distinct model states and transitions the generated schedules went through (shrinking not counted). */
  readonly coverage: { readonly states: number; readonly transitions: number };
  /**
   * The failure: fast-check's path to its shrunk choices, and the schedule those play, minimized
   * further step by step (minimize.ts); `run` is what to show and save.
   */
  readonly failure?: { readonly path: string; readonly shrinks: number; readonly choices: readonly number[]; readonly run: ScheduleRun };
};

/** Choices are read modulo the commands possible (a few dozen at most); a small range keeps shrinking short. */
const CHOICE_MAX = 63;

export function scheduleArbitrary(maxSteps: number): fc.Arbitrary<number[]> {
  return fc.array(fc.nat({ max: CHOICE_MAX }), { maxLength: maxSteps, size: "max" });
}

export async function checkLockstep(o: ScheduleOptions, budget: PropertyBudget): Promise<LockstepResult> {
  const t = performance.now();
  let stepsRun = 0;
  let shrinkRuns = -1; // counts evaluations after the first failure
  const states = new Set<string>();
  const transitions = new Set<string>();
  // With a path, fast-check starts at that counterexample: replay it as it is, no further shrinking.
  const maxShrinkRuns = budget.path ? 0 : budget.maxShrinkRuns;
  const property = fc.asyncProperty(scheduleArbitrary(budget.maxSteps), async (choices) => {
    // A deterministic bound on shrinking (not a time limit, so results do not depend on load):
    // past it every candidate passes, and fast-check keeps the smallest failure found so far.
    if (shrinkRuns >= maxShrinkRuns) return true;
    if (shrinkRuns >= 0) shrinkRuns++;
    const run = await runSchedule(o, choices, shrinkRuns < 0);
    stepsRun += run.steps.length;
    if (shrinkRuns < 0) {
      const visited = run.visited ?? [];
      for (const [i, key] of visited.entries()) {
        states.add(key);
        if (i > 0 && key !== visited[i - 1]) transitions.add(`${visited[i - 1]}>${key}`);
      }
    }
    if (run.failed !== null && shrinkRuns < 0) shrinkRuns = 0;
    return run.failed === null;
  });
  const details = await fc.check(property, { numRuns: budget.runs, seed: budget.seed, ...(budget.path ? { path: budget.path } : {}) });
  const base = { runs: details.numRuns, seed: details.seed, coverage: { states: states.size, transitions: transitions.size } };
  if (!details.failed) return { passed: true, ...base, stepsRun, seconds: (performance.now() - t) / 1000 };
  // A failed check without a counterexample is an error of the harness itself (or a timeout), not a finding.
  if (details.counterexample === null) throw details.errorInstance ?? new Error("fast-check failed without a counterexample");
  const [choices] = details.counterexample;
  const run = await minimizeSchedule(o, await runSchedule(o, choices));
  const failure = { path: details.counterexamplePath ?? "", shrinks: details.numShrinks, choices, run };
  return { passed: false, ...base, stepsRun, seconds: (performance.now() - t) / 1000, failure };
}
