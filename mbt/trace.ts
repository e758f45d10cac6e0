// A lockstep run saved as a synod-trace (checker/trace.ts): the model's config, the actions in
// the model's words, and an `impl` field naming the implementation variant, its storage and
// the fast-check seed and path, so that `synod replay` runs it on both sides again.
import type { Action } from "../model/basic-paxos/actions.ts";
import type { ModelConfig } from "../model/basic-paxos/config.ts";
import { BASIC_MODEL_NAME } from "../model/basic-paxos/paxos-model.ts";
import { TRACE_FORMAT, TRACE_VERSION, type Trace } from "../checker/trace.ts";
import type { StepOutcome } from "./lockstep.ts";
import type { StorageKind } from "./schedule.ts";

export type LockstepTraceMeta = { readonly config: ModelConfig; readonly variant: string; readonly storage: StorageKind; readonly seed?: number; readonly path?: string; readonly shortcuts?: boolean };

/**
 * The violation a failed step stands for: a divergence first, else the first broken property.
 * A step judged by invariants alone fails on a broken property only, whatever differs.
 */
export function violationOf(s: StepOutcome): NonNullable<Trace<Action>["violation"]> {
  const d = s.judge === "observables" ? s.differences[0] : undefined;
  if (d) return { kind: "divergence", property: "model-and-implementation-agree", message: `after step ${s.step}, ${d.observable}: model ${d.model}, implementation ${d.impl}` };
  const b = s.broken[0]!;
  return { kind: b.kind, property: b.property, message: `on the ${b.side === "impl" ? "implementation" : "model"}: ${b.message}` };
}

export function lockstepTrace(meta: LockstepTraceMeta, steps: readonly StepOutcome[]): Trace<Action> {
  const failed = steps.find((s) => !s.ok);
  const trace: Trace<Action> = {
    format: TRACE_FORMAT,
    version: TRACE_VERSION,
    model: BASIC_MODEL_NAME,
    config: meta.config,
    impl: { variant: meta.variant, storage: meta.storage, ...(meta.seed !== undefined ? { seed: meta.seed } : {}), ...(meta.path !== undefined ? { path: meta.path } : {}), ...(meta.shortcuts ? { shortcuts: true } : {}) },
    steps: steps.map((s) => ({ action: s.action, description: s.description, changes: [...s.changes] })),
  };
  if (failed) trace.violation = violationOf(failed);
  return trace;
}
