// The Basic Paxos configurations the bench runs: the default one and one larger, named by
// module and factory so that worker threads can build them. Empty until the Basic Paxos
// model exists; the bench then measures only the reference model.
import type { ModelSpec } from "../checker/packed-spec.ts";

export type BenchModel = { readonly name: string; readonly spec: ModelSpec };

export async function loadPaxosBenchModels(): Promise<BenchModel[]> {
  return [];
}
