// A generated schedule is a list of choice integers, each read against the commands possible
// at that point (the model's enabled actions, plus stutter deliveries: Lockstep.commands()):
// choice c picks command c mod n. Every schedule is therefore a behaviour the model allows,
// and fast-check's shrinking (fewer choices, smaller ones) keeps it one.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { Action } from "../model/basic-paxos/actions.ts";
import { canonicalKey } from "../checker/canonical-hash.ts";
import { choosable, faultDelay } from "../checker/schedule-search.ts";

export { faultDelay } from "../checker/schedule-search.ts";
import { createLockstep, type ImplStorage, type LockstepOptions, type StepOutcome } from "./lockstep.ts";

/** Where the implementation keeps its durable state: in memory, or a WAL file per node in a fresh temp directory. */
export type StorageKind = "memory" | "file";

export type ScheduleOptions = Omit<LockstepOptions, "storage"> & { readonly storage?: StorageKind };

export type ScheduleRun = {
  readonly steps: readonly StepOutcome[];
  /** The first step where model and implementation parted, if any (the last of `steps`). */
  readonly failed: StepOutcome | null;
  readonly actions: readonly Action[];
  /** The model states a generated run went through, the initial one first, by their canonical hash (not kept for replays). */
  readonly visited?: readonly string[];
};

/** Runs `f` with the storage the kind names: memory, or a fresh temp directory removed afterwards. */
export async function withStorage<T>(kind: StorageKind | undefined, f: (storage: ImplStorage) => Promise<T>): Promise<T> {
  if (kind !== "file") return f("memory");
  const dir = await mkdtemp(path.join(tmpdir(), "synod-mbt-"));
  try {
    return await f({ dir });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function isFault(a: Action): boolean {
  return a.kind === "crash" || a.kind === "lose" || a.kind === "restart-amnesia";
}

/** Plays the schedule in lockstep until it ends, no command is possible, or the two sides part. */
export function runSchedule(o: ScheduleOptions, choices: readonly number[], track = false): Promise<ScheduleRun> {
  return withStorage(o.storage, (storage) => play({ ...o, storage }, choices, track));
}

/** `track`: also keep the model states the run goes through (for coverage; hashing them costs). */
async function play(o: LockstepOptions, choices: readonly number[], track: boolean): Promise<ScheduleRun> {
  const ls = await createLockstep(o);
  const steps: StepOutcome[] = [];
  try {
    const faultsFrom = faultDelay(choices);
    const visited = track ? [canonicalKey(ls.model)] : [];
    for (const [i, choice] of choices.entries()) {
      const commands = choosable(ls.commands(), i, faultsFrom, isFault);
      if (commands.length === 0) break;
      const out = await ls.step(commands[choice % commands.length]!);
      steps.push(out);
      if (track) visited.push(canonicalKey(ls.model));
      if (!out.ok) return { steps, failed: out, actions: steps.map((s) => s.action), visited };
    }
    return { steps, failed: null, actions: steps.map((s) => s.action), visited };
  } finally {
    await ls.close();
  }
}
