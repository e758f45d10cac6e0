// What Synod offers a team checking its own Paxos from code (docs/targets.md), as
// `import { ... } from "synod/target"`: the interface to implement, and the stages to run on it
// with the judges `synod mbt`, `synod conformance` and `synod verify` use (the invariants on
// every step, trace validation of every run, and lockstep with the model for a target that
// declares the model's behaviour), so a vitest test of an adapter says what CI says.
import type { Target } from "../target/target.ts";
import { checkTarget, type TargetMbtResult } from "../target/property.ts";
import { exploreTarget, type ExploreResult } from "../target/explore.ts";
import { defaultPlan, type Exploration } from "../target/plan.ts";
import { TargetConfig, type TargetConfigInput } from "../target/config.ts";
import { validateRun } from "../tracecheck/target-log.ts";
import { compareWithModel } from "../tracecheck/target-lockstep.ts";

export { defineTarget } from "../target/target.ts";
export type { Target, TargetCluster, Envelope, Effects } from "../target/target.ts";
export type { MeaningInput as Meaning, CapabilitiesInput as Capabilities, Roles, AcceptorState } from "../target/vocabulary.ts";
export { processTarget, type ProcessOptions } from "../target/process.ts";
export type { TargetMbtResult } from "../target/property.ts";
export type { ExploreResult, Exploration };
export { defaultPlan };

/** The budget of `synod mbt --target`: schedules, their length, the seed, shrinking. */
export const TARGET_MBT_BUDGET = { runs: 1000, seed: 1, maxSteps: 60, maxShrinkRuns: 1000 };

export type MbtOptions = { readonly config?: TargetConfigInput; readonly runs?: number; readonly seed?: number; readonly path?: string; readonly maxSteps?: number; readonly callTimeoutMs?: number };

/** Random schedules on the target, each step judged by the invariants and each run by trace validation. */
export function targetMbt<M>(target: Target<M>, o: MbtOptions = {}): Promise<TargetMbtResult> {
  const seed = o.seed ?? TARGET_MBT_BUDGET.seed;
  const budget = { ...TARGET_MBT_BUDGET, seed, ...(o.runs !== undefined ? { runs: o.runs } : {}), ...(o.maxSteps !== undefined ? { maxSteps: o.maxSteps } : {}), ...(o.path !== undefined ? { path: o.path } : {}) };
  return checkTarget(target, { config: TargetConfig.parse(o.config ?? {}), seed, judgeRun: validateRun, compareWith: compareWithModel, ...(o.callTimeoutMs ? { callTimeoutMs: o.callTimeoutMs } : {}) }, budget);
}

export type ExplorationOutcome = { readonly exploration: Exploration; readonly result: ExploreResult };

/** The bounded explorations of the plan (default: target/plan.ts), stopping at the first that fails. */
export async function targetConformance<M>(target: Target<M>, o: { readonly plan?: readonly Exploration[]; readonly callTimeoutMs?: number } = {}): Promise<ExplorationOutcome[]> {
  const out: ExplorationOutcome[] = [];
  for (const exploration of o.plan ?? defaultPlan) {
    const result = await exploreTarget(target, { config: exploration.config, depth: exploration.depth, seed: 1, judgeRun: validateRun, compareWith: compareWithModel, ...(o.callTimeoutMs ? { callTimeoutMs: o.callTimeoutMs } : {}) });
    out.push({ exploration, result });
    if (!result.passed) break;
  }
  return out;
}
