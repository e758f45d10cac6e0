// The tasks of verify's pool by name: each runs one unit of a stage (a model-based run, a
// conformance run, a derivation check) in whichever thread the pool gives it.
import type { TaskJob, TaskOutcome } from "./job.ts";
import { runCorrect, runHandMade, runImplEntry, runOwnTimers, runThroughInterface } from "./mbt-stage.ts";
import { conformanceTask } from "./conformance-stage.ts";
import { derivationTask } from "./derivation-stage.ts";
import { boundsTask } from "./multi-paxos-stage.ts";

const tasks: Readonly<Record<string, (arg: string) => Promise<TaskOutcome>>> = {
  "model-based:correct": async (name) => (await runCorrect(name)).outcome,
  "model-based:impl": async (name) => (await runImplEntry(name)).outcome,
  "model-based:target": () => runThroughInterface(),
  "model-based:own-timers": runOwnTimers,
  "model-based:hand-made": runHandMade,
  conformance: conformanceTask,
  derivation: derivationTask,
  "multi-paxos:bounds": boundsTask,
};

export function runTask(job: TaskJob): Promise<TaskOutcome> {
  const run = tasks[job.task];
  if (!run) throw new Error(`verify: no task named ${job.task}`);
  return run(job.arg);
}
