// After fast-check's shrinking, one more pass on the schedule itself. Choices are read against
// the commands possible at each point, so removing one shifts the meaning of those after it and
// fast-check often keeps steps the failure does not need. Here steps are removed and the rest
// replayed as actions (checker/remove-steps.ts); a removal stays when the run still fails the
// same way (deterministic, so the seed and path still lead to the same minimized schedule).
import type { Action } from "../model/basic-paxos/actions.ts";
import { replayOnImpl, type StepOutcome } from "./lockstep.ts";
import { withStorage, type ScheduleOptions, type ScheduleRun } from "./schedule.ts";
import { removeSteps } from "../checker/remove-steps.ts";

/** What a failed step broke, as one comparable string: which observables differ and which properties broke where. */
export function failureSignature(s: StepOutcome): string {
  return JSON.stringify([s.differences.length > 0 && s.judge === "observables", s.broken.map((b) => `${b.side}:${b.property}`)]);
}

async function failureOf(o: ScheduleOptions, actions: readonly Action[]): Promise<ScheduleRun | null> {
  const r = await withStorage(o.storage, (storage) => replayOnImpl({ ...o, storage }, actions));
  if (r.outcome !== "parted") return null;
  return { steps: r.steps, failed: r.failed, actions: r.steps.map((s) => s.action) };
}

export async function minimizeSchedule(o: ScheduleOptions, run: ScheduleRun): Promise<ScheduleRun> {
  if (!run.failed) return run;
  const target = failureSignature(run.failed);
  const best = await removeSteps({ run, steps: run.actions }, async (candidate) => {
    const r = await failureOf(o, candidate);
    return r && failureSignature(r.failed!) === target ? { run: r, steps: r.actions } : null;
  });
  return best.run;
}
