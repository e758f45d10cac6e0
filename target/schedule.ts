// Schedules on a target: a list of choices played against the commands possible at each step
// (checker/schedule-search.ts), or a list of commands replayed as they were saved. Each run gets
// a fresh cluster of the target and is closed at the end, whatever happened.
import { choosable, faultDelay } from "../checker/schedule-search.ts";
import type { Target } from "./target.ts";
import { TargetRun, type RunOptions, type TargetStep } from "./run.ts";
import { isFault, type TargetCommand } from "./command.ts";

export type TargetScheduleRun = {
  readonly steps: readonly TargetStep[];
  /** The step that failed (a broken property or a fault of the target), the last of `steps`. */
  readonly failed: TargetStep | null;
  readonly commands: readonly TargetCommand[];
  /** A value was chosen by the end of the run: the run got somewhere. */
  readonly chosen: boolean;
  /** The target exposed its acceptors' state. */
  readonly whiteBox: boolean;
  /** Observable states the run went through, the initial one first (coverage). */
  readonly visited?: readonly string[];
};

/** Plays a schedule of choices until it ends, nothing is possible, or a step fails. */
export async function playChoices<M>(target: Target<M>, o: RunOptions, choices: readonly number[], track = false): Promise<TargetScheduleRun> {
  const run = await TargetRun.start(target, o);
  const steps: TargetStep[] = [];
  const visited = track ? [run.stateKey()] : [];
  try {
    const faultsFrom = faultDelay(choices);
    for (const [i, choice] of choices.entries()) {
      const commands = choosable(run.commands(), i, faultsFrom, isFault);
      if (commands.length === 0) break;
      const s = await run.step(commands[choice % commands.length]!);
      steps.push(s);
      if (track) visited.push(run.stateKey());
      if (!s.ok) break;
    }
    return result(run, steps, track ? visited : undefined);
  } finally {
    await run.close();
  }
}

/** Replays saved commands; stops at the first that fails (a command no longer possible is a fault of that step). */
export async function playCommands<M>(target: Target<M>, o: RunOptions, commands: readonly TargetCommand[]): Promise<TargetScheduleRun> {
  const run = await TargetRun.start(target, o);
  const steps: TargetStep[] = [];
  try {
    for (const c of commands) {
      const s = await run.step(c);
      steps.push(s);
      if (!s.ok) break;
    }
    return result(run, steps);
  } finally {
    await run.close();
  }
}

function result<M>(run: TargetRun<M>, steps: readonly TargetStep[], visited?: readonly string[]): TargetScheduleRun {
  const last = steps.at(-1);
  return { steps, failed: last && !last.ok ? last : null, commands: steps.map((s) => s.command), chosen: run.chosen, whiteBox: run.whiteBoxed, ...(visited ? { visited } : {}) };
}

/** What a failed step broke, as one comparable string. */
export function failureSignature(s: TargetStep): string {
  return s.fault !== null ? "fault" : JSON.stringify(s.broken.map((b) => b.property));
}
