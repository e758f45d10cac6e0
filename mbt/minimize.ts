// After fast-check's shrinking, one more pass on the schedule itself. Choices are read against
// the commands possible at each point, so removing one shifts the meaning of those after it and
// fast-check often keeps steps the failure does not need. Here each step is removed in turn and
// the rest replayed as actions; a removal stays when the run still fails the same way
// (deterministic, so the seed and path still lead to the same minimized schedule).
import type { Action } from "../model/basic-paxos/actions.ts";
import { replayOnImpl, type StepOutcome } from "./lockstep.ts";
import { withStorage, type ScheduleOptions, type ScheduleRun } from "./schedule.ts";

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
  let best = run;
  for (let i = 0; i < best.actions.length - 1; ) {
    let removed = false;
    for (const candidate of withoutStep(best.actions, i)) {
      const r = await failureOf(o, candidate);
      if (r && failureSignature(r.failed!) === target) {
        best = r;
        removed = true;
        break;
      }
    }
    if (!removed) i++;
  }
  return best;
}

/** The schedule without step i; for a crash, also without the crash and the node's next restart (a restart alone is not possible). */
function withoutStep(actions: readonly Action[], i: number): Action[][] {
  const without = (...drop: number[]) => actions.filter((_, k) => !drop.includes(k));
  const a = actions[i]!;
  if (a.kind !== "crash") return [without(i)];
  const restart = actions.findIndex((b, k) => k > i && b.kind === "restart" && b.node === a.node);
  return restart < 0 ? [without(i)] : [without(i), without(i, restart)];
}
