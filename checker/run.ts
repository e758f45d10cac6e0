// The one entry point for `synod check`: picks the engine for the options. The packed engine
// (explorePacked) runs when the model has a packed encoding and the options allow it; else
// the object engine: explore() in this thread with one worker, exploreParallel() with more,
// which needs the model named by a ModelSpec (module + factory + config) so that each worker
// can build it. The result says which engine ran, and why not the packed one.
import { explore } from "./explore.ts";
import { exploreParallel } from "./explore-object-parallel.ts";
import { explorePacked } from "./explore-packed.ts";
import type { Model } from "./model.ts";
import { PackOverflow, type PackedModel } from "./packed-model.ts";
import type { ModelSpec } from "./packed-spec.ts";
import type { ExploreOptions, ExploreResult } from "./result.ts";

export type Engine = "object" | "packed";

export type CheckOptions = ExploreOptions & {
  readonly workers?: number;
  /** Force an engine; by default the packed one where it applies, else the object one. */
  readonly engine?: Engine;
};

export type CheckResult<S, A> = ExploreResult<S, A> & {
  readonly engine: Engine;
  /** Why the object engine ran although the model has a packed encoding. */
  readonly engineNote?: string;
};

export class EngineError extends Error {
  override readonly name = "EngineError";
}

export async function runCheck<S, A>(model: Model<S, A>, options: CheckOptions = {}, spec?: ModelSpec, packed?: () => PackedModel<S, A>): Promise<CheckResult<S, A>> {
  const { workers = 1, engine, ...rest } = options;
  if (!Number.isInteger(workers) || workers < 1) throw new Error(`workers must be a positive integer, got ${workers}`);
  if (engine === "packed" && !packed) throw new EngineError(`${model.name}: no packed encoding; use --engine object`);
  if (packed && engine !== "object") {
    // The packed engine checks progress in one thread only (it needs the whole graph).
    if (workers > 1 && model.progress) {
      if (engine === "packed") throw new EngineError(`${model.name}: the packed engine checks progress with one worker only; drop --workers or use --engine object`);
      return { ...(await runObject(model, workers, rest, spec)), engine: "object", engineNote: "the packed engine checks progress with one worker only" };
    }
    try {
      return { ...explorePacked(packed(), rest), engine: "packed" };
    } catch (err) {
      if (!(err instanceof PackOverflow)) throw err;
      if (engine === "packed") throw new EngineError(`${model.name}: the packed encoding cannot hold this run: ${err.message}`);
      return { ...(await runObject(model, workers, rest, spec)), engine: "object", engineNote: `the packed encoding cannot hold this run (${err.message})` };
    }
  }
  return { ...(await runObject(model, workers, rest, spec)), engine: "object" };
}

async function runObject<S, A>(model: Model<S, A>, workers: number, options: ExploreOptions, spec?: ModelSpec): Promise<ExploreResult<S, A>> {
  if (workers === 1) return explore(model, options);
  if (!spec) throw new Error(`${model.name}: running with ${workers} workers needs the model's module and factory (a ModelSpec)`);
  return exploreParallel<S, A>(spec, { ...options, workers });
}
