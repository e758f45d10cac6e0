// The one entry point for `synod check`: picks the engine for the options. One worker runs
// explore() in this thread; more run exploreParallel(), which needs the model named by a
// ModelSpec (module + factory + config) so that each worker can build it.
import { explore } from "./explore.ts";
import { exploreParallel } from "./explore-object-parallel.ts";
import type { Model } from "./model.ts";
import type { ModelSpec } from "./packed-spec.ts";
import type { ExploreOptions, ExploreResult } from "./result.ts";

export type CheckOptions = ExploreOptions & { readonly workers?: number };

export async function runCheck<S, A>(model: Model<S, A>, options: CheckOptions = {}, spec?: ModelSpec): Promise<ExploreResult<S, A>> {
  const { workers = 1, ...rest } = options;
  if (!Number.isInteger(workers) || workers < 1) throw new Error(`workers must be a positive integer, got ${workers}`);
  if (workers === 1) return explore(model, rest);
  if (!spec) throw new Error(`${model.name}: running with ${workers} workers needs the model's module and factory (a ModelSpec)`);
  return exploreParallel<S, A>(spec, { ...rest, workers });
}
