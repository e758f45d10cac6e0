// Schedules on a target: a list of choices played against the commands possible at each step
// (checker/schedule-search.ts), or a list of commands replayed as they were saved. Each run gets
// a fresh cluster of the target and is closed at the end, whatever happened.
import { choosable, faultDelay } from "../checker/schedule-search.ts";
import type { Target } from "./target.ts";
import { TargetFault, TargetRun, type RunOptions, type TargetStep } from "./run.ts";
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

/** The kinds of command a schedule may leave out altogether (swarm testing). */
const SWARM = ["timeout", "duplicate", "lose", "crash"] as const;

/**
 * Swarm testing (Groce et al.): each schedule leaves some kinds of command out altogether, as its
 * second choice says, so that some schedules spend all their steps on the interleaving of
 * proposers and retries, where the bugs that need two ballots' votes in one quorum live, and
 * others on faults. A choice of 0 (where shrinking goes) leaves every kind out: the simplest run.
 */
export function swarmAllows(choices: readonly number[]): (c: TargetCommand) => boolean {
  const mask = choices.length > 1 ? choices[1]! % (1 << SWARM.length) : 0;
  const on = (k: (typeof SWARM)[number]) => (mask & (1 << SWARM.indexOf(k))) !== 0;
  return (c) => {
    if (c.kind === "timeout") return on("timeout");
    if (c.kind === "deliver" && c.keep) return on("duplicate");
    if (c.kind === "lose") return on("lose");
    if (c.kind === "crash") return on("crash");
    return true;
  };
}

/**
 * A target that cannot even create its cluster (it threw, answered late, declared bad
 * capabilities): a run whose one step, numbered 0, is that fault.
 */
async function started<M>(target: Target<M>, o: RunOptions): Promise<TargetRun<M> | TargetScheduleRun> {
  try {
    return await TargetRun.start(target, o);
  } catch (err) {
    if (!(err instanceof TargetFault)) throw err;
    const step: TargetStep = { step: 0, command: { kind: "propose", proposer: "-" }, description: "create the cluster", sent: [], learned: [], broken: [], fault: err.message, ok: false };
    return { steps: [step], failed: step, commands: [], chosen: false, whiteBox: false };
  }
}

/** Plays a schedule of choices until it ends, nothing is possible, or a step fails. */
export async function playChoices<M>(target: Target<M>, o: RunOptions, choices: readonly number[], track = false): Promise<TargetScheduleRun> {
  const run = await started(target, o);
  if (!(run instanceof TargetRun)) return run;
  const steps: TargetStep[] = [];
  const visited = track ? [run.stateKey()] : [];
  try {
    const faultsFrom = faultDelay(choices);
    const allowed = swarmAllows(choices);
    for (const [i, choice] of choices.entries()) {
      const commands = choosable(run.commands().filter(allowed), i, faultsFrom, isFault);
      if (commands.length === 0) break;
      const s = await run.step(commands[choice % commands.length]!);
      steps.push(s);
      if (track) visited.push(run.stateKey());
      if (!s.ok) break;
    }
    return judgedRun(run, o, steps, track ? visited : undefined);
  } finally {
    await run.close();
  }
}

/** Replays saved commands; stops at the first that fails (a command no longer possible is a fault of that step). */
export async function playCommands<M>(target: Target<M>, o: RunOptions, commands: readonly TargetCommand[]): Promise<TargetScheduleRun> {
  const run = await started(target, o);
  if (!(run instanceof TargetRun)) return run;
  const steps: TargetStep[] = [];
  try {
    for (const c of commands) {
      const s = await run.step(c);
      steps.push(s);
      if (!s.ok) break;
    }
    return judgedRun(run, o, steps);
  } finally {
    await run.close();
  }
}

/**
 * The run as it ended; a run no step failed is then judged whole (RunOptions.judgeRun), and a
 * rejection fails it at the step rejected, the steps after it dropped.
 */
export function judgedRun<M>(run: TargetRun<M>, o: RunOptions, stepsTaken: readonly TargetStep[], visited?: readonly string[]): TargetScheduleRun {
  let steps = stepsTaken;
  const failedStep = steps.at(-1);
  if (o.judgeRun && (failedStep === undefined || failedStep.ok)) {
    const r = o.judgeRun(run.events, run.roles);
    if (r !== null) {
      const at = steps[r.step - 1]!;
      const broken = { side: "impl" as const, kind: "step" as const, property: r.property, message: r.message };
      steps = [...steps.slice(0, r.step - 1), { ...at, broken: [...at.broken, broken], ok: false }];
    }
  }
  return result(run, steps, visited?.slice(0, steps.length + 1));
}

function result<M>(run: TargetRun<M>, steps: readonly TargetStep[], visited?: readonly string[]): TargetScheduleRun {
  const last = steps.at(-1);
  return { steps, failed: last && !last.ok ? last : null, commands: steps.map((s) => s.command), chosen: run.chosen, whiteBox: run.whiteBoxed, ...(visited ? { visited } : {}) };
}

/** What a failed step broke, as one comparable string. */
export function failureSignature(s: TargetStep): string {
  return s.fault !== null ? "fault" : JSON.stringify(s.broken.map((b) => b.property));
}
