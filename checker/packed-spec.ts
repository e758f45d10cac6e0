// How a worker thread rebuilds a PackedModel: functions cannot cross threads, so a packed
// model that may run in parallel is named by the module that exports its factory, the
// factory's name and a JSON config.
import type { PackedModel } from "./packed-model.ts";

export type PackedSpec = {
  /** A file: URL of the module. */
  readonly module: string;
  /** The exported factory: (config) => PackedModel. */
  readonly factory: string;
  readonly config: unknown;
};

/** The same naming for an object Model (exploreParallel). */
export type ModelSpec = PackedSpec;

/** What every exploration worker, packed or object, is started with. */
export type WorkerInit = {
  readonly spec: PackedSpec;
  readonly id: number;
  readonly workers: number;
  readonly symmetry: boolean;
  readonly maxMemoryBytes?: number;
  readonly maxSeconds?: number;
  readonly start: number;
};

export async function loadFromSpec<T>(spec: PackedSpec): Promise<T> {
  const mod = (await import(spec.module)) as Record<string, unknown>;
  const factory = mod[spec.factory];
  if (typeof factory !== "function") throw new Error(`${spec.module} exports no factory '${spec.factory}'`);
  return (factory as (config: unknown) => T)(spec.config);
}

export async function loadPacked<S, A>(spec: PackedSpec): Promise<PackedModel<S, A>> {
  return loadFromSpec<PackedModel<S, A>>(spec);
}
