// One exhaustive check of Basic Paxos, correct or a catalogue variant, reduced to what the
// verify report needs. Runs in a worker thread (check-worker.ts) or inline.
import { explore } from "../../checker/explore.ts";
import type { RunVerdict } from "../../checker/result.ts";
import type { ExploreStats } from "../../checker/result.ts";
import { findVariant } from "../../model/catalogue.ts";
import type { ModelConfigInput } from "../../model/config.ts";
import { parseModelConfig } from "../../model/config.ts";
import { createPaxosModel } from "../../model/paxos-model.ts";

export type CheckJob = { readonly id: string; readonly config: ModelConfigInput; readonly variant?: string };

export type CheckSummary = {
  readonly id: string;
  readonly verdict: RunVerdict;
  readonly stats: ExploreStats;
  readonly violation?: { readonly property: string; readonly message: string; readonly length: number };
  readonly witnesses: readonly { readonly id: string; readonly reached: boolean }[];
};

export function runCheckJob(job: CheckJob): CheckSummary {
  const variant = job.variant === undefined ? undefined : findVariant(job.variant);
  if (job.variant !== undefined && !variant) throw new Error(`no catalogue variant named ${job.variant}`);
  const result = explore(createPaxosModel(parseModelConfig(job.config), variant));
  const v = result.violation;
  return {
    id: job.id,
    verdict: result.verdict,
    stats: result.stats,
    ...(v ? { violation: { property: v.property, message: v.message, length: v.steps.length } } : {}),
    witnesses: result.witnesses,
  };
}
