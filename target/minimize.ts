// After fast-check's shrinking, one more pass on a failing target run (checker/remove-steps.ts):
// a removal stays when the run still fails the same way. Deterministic targets give the same
// minimized run for the same seed and path.
import { removeSteps } from "../checker/remove-steps.ts";
import type { Target } from "./target.ts";
import type { RunOptions } from "./run.ts";
import { failureSignature, playCommands, type TargetScheduleRun } from "./schedule.ts";

export async function minimizeTargetRun<M>(target: Target<M>, o: RunOptions, run: TargetScheduleRun): Promise<TargetScheduleRun> {
  if (!run.failed || run.failed.fault !== null) return run;
  const wanted = failureSignature(run.failed);
  const best = await removeSteps({ run, steps: run.commands }, async (candidate) => {
    const r = await playCommands(target, o, candidate);
    return r.failed && r.failed.fault === null && failureSignature(r.failed) === wanted ? { run: r, steps: r.commands } : null;
  });
  return best.run;
}
