// One exhaustive check of Basic Paxos, correct or a catalogue variant, reduced to what the
// verify report needs: the verdict, the figures, and a violation's run as a view to step
// through in the HTML report (built here, where the states are, so only plain data crosses
// back from a worker). Runs in a worker thread (check-worker.ts) or inline.
import { check } from "../../checker/check.ts";
import type { Engine, ExploreStats, RunVerdict } from "../../checker/result.ts";
import type { ModelConfigInput } from "../../model/basic-paxos/config.ts";
import { definition } from "../../model/basic-paxos/definition.ts";
import { findVariantInfo } from "../../checker/definition.ts";
import type { CounterexampleView } from "../../report/html/document.ts";
import { modelRunView } from "../../report/model-run-view.ts";

export type CheckJob = {
  readonly id: string;
  readonly config: ModelConfigInput;
  readonly variant?: string;
  /** One state per class of states equal up to renaming acceptors (sound: docs/model.md). */
  readonly symmetry?: boolean;
  /** The encoding to explore (default: packed where it holds the run); set to compare the two. */
  readonly engine?: Engine;
  /** Rough CPU seconds on a CI machine, only to start the longest first (default 1). */
  readonly cost?: number;
};

export type CheckSummary = {
  readonly id: string;
  readonly verdict: RunVerdict;
  readonly stats: ExploreStats;
  readonly violation?: { readonly property: string; readonly message: string; readonly length: number };
  readonly witnesses: readonly { readonly id: string; readonly reached: boolean }[];
  /** Transitions per branch of the model's steps (transition coverage). */
  readonly branches?: readonly { readonly id: string; readonly transitions: number }[];
  /** The engine that ran: packed where the encoding holds the run, else object. */
  readonly engine: Engine;
  /** The violation's run, every state inspected (none for an unreached witness, which has no run). */
  readonly counterexample?: CounterexampleView;
};

export async function runCheckJob(job: CheckJob): Promise<CheckSummary> {
  const config = definition.parseConfig(job.config);
  // check() picks the packed engine, or the object one where the packed encoding cannot hold the run.
  const result = await check({ definition, config, ...(job.variant !== undefined ? { variant: job.variant } : {}) }, { symmetry: job.symmetry ?? false, ...(job.engine ? { engine: job.engine } : {}) });
  const v = result.violation;
  const variant = job.variant === undefined ? undefined : findVariantInfo(definition, job.variant);
  const view = v && v.steps.length > 0
    ? modelRunView(definition.create(config, job.variant), v, {
        title: variant ? variant.name : "correct Paxos",
        source: variant ? `catalogue: ${variant.safe ? "safe look-alike" : "unsafe variant"}` : "model-check",
        expected: variant !== undefined && !variant.safe,
        replay: checkCommand(job),
      })
    : undefined;
  return {
    id: job.id,
    verdict: result.verdict,
    stats: result.stats,
    ...(v ? { violation: { property: v.property, message: v.message, length: v.steps.length } } : {}),
    witnesses: result.witnesses,
    ...(result.branches ? { branches: result.branches } : {}),
    engine: result.engine,
    ...(view ? { counterexample: view } : {}),
  };
}

const kebab = (field: string) => field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The `synod check` command line that runs the same check: the variant and every bound the job sets. */
export function checkCommand(job: CheckJob): string {
  const flags = Object.entries(job.config).flatMap(([field, value]) => {
    if (typeof value === "number") return [`--${kebab(field)} ${value}`];
    if (field === "loss" || field === "duplication") return value === false ? [`--no-${field}`] : [];
    return value === true ? [`--${kebab(field)}`] : [];
  });
  return ["npx synod check", ...(job.variant ? [`--mutant ${job.variant}`] : []), ...flags, ...(job.symmetry ? ["--symmetry"] : []), ...(job.engine ? [`--engine ${job.engine}`] : [])].join(" ");
}
