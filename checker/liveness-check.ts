// How a check treats liveness (liveness.ts does the judging): what it refuses, and how the
// verdicts of the liveness properties become the run's verdict once every safety check held.
import type { Model } from "./model.ts";
import type { CheckOptions, Counterexample, LivenessResult, RunVerdict } from "./result.ts";

export { judgeLiveness } from "./liveness.ts";

/**
 * Why these options cannot judge the model's liveness, or undefined. Fairness is judged on the
 * whole graph of one thread, named action by named action: worker threads, shards and renaming
 * by symmetry each hide part of what it reads.
 */
export function livenessRefusal(model: Model<unknown, unknown>, o: CheckOptions, workers: number): string | undefined {
  if (!o.liveness) return undefined;
  if (!model.liveness || model.liveness.properties.length === 0) return `${model.name}: --liveness: the model declares no liveness properties`;
  if (workers > 1) return `${model.name}: --liveness is judged on one thread; drop --workers ${workers}`;
  if (o.shard) return `${model.name}: --liveness needs the whole graph; it cannot be judged on a shard`;
  if (o.symmetry) return `${model.name}: --liveness cannot run with --symmetry: weak fairness is judged per named action, and renaming acceptors renames the actions`;
  return undefined;
}

/**
 * The run's verdict when every safety check held: a violated liveness property makes it a
 * violation (its lasso is the counterexample), a bounded one makes it "bounded", else verified.
 */
export function livenessVerdict<S, A>(liveness: readonly LivenessResult<S, A>[] | undefined): { verdict: RunVerdict; violation?: Counterexample<S, A> } {
  const violated = liveness?.find((l) => l.verdict === "violated");
  if (violated) return { verdict: "violation", violation: violated.run! };
  if (liveness?.some((l) => l.verdict === "bounded")) return { verdict: "bounded" };
  return { verdict: "verified" };
}
