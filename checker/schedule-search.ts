// Random schedules under fast-check, for any system driven one command at a time: the model and
// impl/ in lockstep (mbt/), or an outside target (target/). A schedule is a list of choice
// integers, each read against the commands possible at that point (choice c picks command c mod
// n), so every schedule is a behaviour of the system and fast-check's shrinking (fewer choices,
// smaller ones) keeps it one. A failure comes back shrunk, with the seed and the path that replay it.
import fc from "fast-check";

export type ScheduleBudget = {
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

/** What a search needs to know of one played schedule. */
export type PlayedSchedule = {
  readonly failed: unknown;
  readonly steps: readonly unknown[];
  /** The states the run went through, the initial one first, by a canonical key (coverage). */
  readonly visited?: readonly string[];
};

export type ScheduleSearch<R extends PlayedSchedule> = {
  readonly passed: boolean;
  /** Schedules run until the failure (or all of them). */
  readonly runs: number;
  /** Steps executed in all, shrinking included. */
  readonly stepsRun: number;
  readonly seconds: number;
  readonly seed: number;
  /** Distinct states and transitions the generated schedules went through (shrinking not counted). */
  readonly coverage: { readonly states: number; readonly transitions: number };
  /** fast-check's path to its shrunk choices, and the run `minimize` made of them: what to show and save. */
  readonly failure?: { readonly path: string; readonly shrinks: number; readonly choices: readonly number[]; readonly run: R };
};

/** Choices are read modulo the commands possible (a few dozen at most); a small range keeps shrinking short. */
const CHOICE_MAX = 63;

export function scheduleArbitrary(maxSteps: number): fc.Arbitrary<number[]> {
  return fc.array(fc.nat({ max: CHOICE_MAX }), { maxLength: maxSteps, size: "max" });
}

/**
 * Swarm testing over time: a schedule holds its faults back for its first steps, as many as its
 * first choice says, so that faults also fall late in a run, after votes and higher promises, not
 * almost always in the first steps where the budget is spent. A choice of 0 (where shrinking
 * goes) holds nothing back.
 */
export function faultDelay(choices: readonly number[]): number {
  return choices.length > 0 ? choices[0]! % (choices.length + 1) : 0;
}

/** The commands schedule step `i` chooses among: faults held back early on (faultDelay), unless nothing else is possible. */
export function choosable<C>(all: readonly C[], i: number, faultsFrom: number, isFault: (c: C) => boolean): readonly C[] {
  if (i >= faultsFrom) return all;
  const held = all.filter((c) => !isFault(c));
  return held.length > 0 ? held : all;
}

/**
 * Searches `budget.runs` schedules; `play(choices, track)` plays one (tracking visited states when
 * asked), `minimize` shortens a failure further once fast-check has shrunk it.
 */
export async function searchSchedules<R extends PlayedSchedule>(play: (choices: readonly number[], track: boolean) => Promise<R>, minimize: (run: R) => Promise<R>, budget: ScheduleBudget): Promise<ScheduleSearch<R>> {
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
    const run = await play(choices, shrinkRuns < 0);
    stepsRun += run.steps.length;
    if (shrinkRuns < 0) {
      const visited = run.visited ?? [];
      for (const [i, key] of visited.entries()) {
        states.add(key);
        if (i > 0 && key !== visited[i - 1]) transitions.add(`${visited[i - 1]}>${key}`);
      }
    }
    const failed = run.failed !== null && run.failed !== undefined;
    if (failed && shrinkRuns < 0) shrinkRuns = 0;
    return !failed;
  });
  const details = await fc.check(property, { numRuns: budget.runs, seed: budget.seed, ...(budget.path ? { path: budget.path } : {}) });
  const base = { runs: details.numRuns, seed: details.seed, coverage: { states: states.size, transitions: transitions.size } };
  if (!details.failed) return { passed: true, ...base, stepsRun, seconds: (performance.now() - t) / 1000 };
  // A failed check without a counterexample is an error of the harness itself (or a timeout), not a finding.
  if (details.counterexample === null) throw details.errorInstance ?? new Error("fast-check failed without a counterexample");
  const [choices] = details.counterexample;
  const run = await minimize(await play(choices, false));
  const failure = { path: details.counterexamplePath ?? "", shrinks: details.numShrinks, choices, run };
  return { passed: false, ...base, stepsRun, seconds: (performance.now() - t) / 1000, failure };
}
