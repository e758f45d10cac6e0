// One exhaustive check of Basic Paxos, correct or a catalogue variant, reduced to what the
// verify report needs. Runs in a worker thread (check-worker.ts) or inline.
import { explore } from "../../checker/explore.ts";
import { explorePacked } from "../../checker/explore-packed.ts";
import { PackOverflow } from "../../checker/packed-model.ts";
import type { Engine } from "../../checker/run.ts";
import type { RunVerdict } from "../../checker/result.ts";
import type { ExploreStats } from "../../checker/result.ts";
import { findVariant } from "../../model/catalogue.ts";
import type { ModelConfigInput } from "../../model/config.ts";
import { parseModelConfig } from "../../model/config.ts";
import { createPaxosModel } from "../../model/paxos-model.ts";
import { createPackedPaxos } from "../../model/packed/paxos.ts";

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

export function runCheckJob(job: CheckJob): CheckSummary {
  const variant = job.variant === undefined ? undefined : findVariant(job.variant);
  if (job.variant !== undefined && !variant) throw new Error(`no catalogue variant named ${job.variant}`);
  const { result, engine } = packedOrObject(job, variant);
  const v = result.violation;
  return {
    id: job.id,
    verdict: result.verdict,
    stats: result.stats,
    ...(v ? { violation: { property: v.property, message: v.message, length: v.steps.length } } : {}),
    witnesses: result.witnesses,
    engine,
  };
}

/** The packed engine, or the object one where the packed encoding cannot hold the run (as runCheck does). */
function packedOrObject(job: CheckJob, variant: ReturnType<typeof findVariant>) {
  const config = parseModelConfig(job.config);
  const options = { symmetry: job.symmetry ?? false };
  try {
    const packed = createPackedPaxos({ config, ...(job.variant !== undefined ? { variant: job.variant } : {}) });
    return { result: explorePacked(packed, options), engine: "packed" as Engine };
  } catch (err) {
    if (!(err instanceof PackOverflow)) throw err;
    return { result: explore(createPaxosModel(config, variant), options), engine: "object" as Engine };
  }
}
