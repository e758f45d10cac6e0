// After fast-check's shrinking, one more pass on a failing target run: each step is removed in
// turn (a crash with the node's next restart) and the rest replayed as commands; a removal stays
// when the run still fails the same way. Deterministic targets give the same minimized run for
// the same seed and path.
import type { Target } from "./target.ts";
import type { RunOptions } from "./run.ts";
import type { TargetCommand } from "./command.ts";
import { failureSignature, playCommands, type TargetScheduleRun } from "./schedule.ts";

export async function minimizeTargetRun<M>(target: Target<M>, o: RunOptions, run: TargetScheduleRun): Promise<TargetScheduleRun> {
  if (!run.failed || run.failed.fault !== null) return run;
  const wanted = failureSignature(run.failed);
  let best = run;
  for (let i = 0; i < best.commands.length - 1; ) {
    let removed = false;
    for (const candidate of withoutStep(best.commands, i)) {
      const r = await playCommands(target, o, candidate);
      if (r.failed && r.failed.fault === null && failureSignature(r.failed) === wanted) {
        best = r;
        removed = true;
        break;
      }
    }
    if (!removed) i++;
  }
  return best;
}

function withoutStep(commands: readonly TargetCommand[], i: number): TargetCommand[][] {
  const without = (...drop: number[]) => commands.filter((_, k) => !drop.includes(k));
  const c = commands[i]!;
  if (c.kind !== "crash") return [without(i)];
  const restart = commands.findIndex((b, k) => k > i && b.kind === "restart" && b.node === c.node);
  return restart < 0 ? [without(i)] : [without(i), without(i, restart)];
}
