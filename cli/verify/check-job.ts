// One exhaustive check of Basic Paxos, correct or a catalogue variant, reduced to what the
// verify report needs. Runs in a worker thread (check-worker.ts) or inline.
import { check } from "../../checker/check.ts";
import type { Engine, ExploreStats, RunVerdict } from "../../checker/result.ts";
import type { ModelConfigInput } from "../../model/basic-paxos/config.ts";
import { definition } from "../../model/basic-paxos/definition.ts";

export type CheckJob = {
  readonly id: string;
  readonly config: ModelConfigInput;
  readonly variant?: string;
  /** One state per class of states equal up to renaming acceptors (sound: docs/model.md). */
  readonly symmetry?: boolean;
};

export type CheckSummary = {
  readonly id: string;
  readonly verdict: RunVerdict;
  readonly stats: ExploreStats;
  readonly violation?: { readonly property: string; readonly message: string; readonly length: number };
  readonly witnesses: readonly { readonly id: string; readonly reached: boolean }[];
  /** The engine that ran: packed where the encoding holds the run, else object. */
  readonly engine: Engine;
};

export async function runCheckJob(job: CheckJob): Promise<CheckSummary> {
  const config = definition.parseConfig(job.config);
  // check() picks the packed engine, or the object one where the packed encoding cannot hold the run.
  const result = await check({ definition, config, ...(job.variant !== undefined ? { variant: job.variant } : {}) }, { symmetry: job.symmetry ?? false });
  const v = result.violation;
  return {
    id: job.id,
    verdict: result.verdict,
    stats: result.stats,
    ...(v ? { violation: { property: v.property, message: v.message, length: v.steps.length } } : {}),
    witnesses: result.witnesses,
    engine: result.engine,
  };
}
