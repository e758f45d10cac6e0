// Model-based testing of a target: random schedules of Synod's commands (fast-check, shrinking,
// seed and path replay: checker/schedule-search.ts), every step judged by the invariants on what
// the target did. Also counts the runs that chose a value, so a target that never decides
// anything (a pass that means nothing) is visible as such.
import { searchSchedules, type ScheduleBudget, type ScheduleSearch } from "../checker/schedule-search.ts";
import type { Target } from "./target.ts";
import type { RunOptions } from "./run.ts";
import { playChoices, type TargetScheduleRun } from "./schedule.ts";
import { minimizeTargetRun } from "./minimize.ts";

export type TargetMbtResult = ScheduleSearch<TargetScheduleRun> & {
  /** Generated runs (shrinking not counted) in which a value was chosen. */
  readonly runsChoosing: number;
  /** The target exposed its acceptors' state, so they were judged too (white box). */
  readonly whiteBox: boolean;
};

export async function checkTarget<M>(target: Target<M>, o: RunOptions, budget: ScheduleBudget): Promise<TargetMbtResult> {
  let runsChoosing = 0;
  let whiteBox = false;
  let searching = true;
  let fault: { readonly choices: string; readonly run: TargetScheduleRun } | null = null;
  const r = await searchSchedules(
    async (choices, track) => {
      // A broken contract is not shrunk (each candidate would wait out the same failure again):
      // every other schedule passes from then on, and the failing one comes back as it was.
      if (fault) return fault.choices === choices.join() ? fault.run : { steps: [], failed: null, commands: [], chosen: false, whiteBox };
      const run = await playChoices(target, o, choices, track);
      if (run.failed?.fault != null) fault = { choices: choices.join(), run };
      if (track && searching && run.chosen) runsChoosing++;
      whiteBox = run.whiteBox;
      return run;
    },
    (run) => ((searching = false), minimizeTargetRun(target, o, run)),
    budget,
  );
  return { ...r, runsChoosing, whiteBox };
}
