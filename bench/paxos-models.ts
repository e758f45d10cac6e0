// The Basic Paxos configurations the bench runs: the default one (what `npm start` checks)
// one with a retry, and one larger (a proposer may also crash and restart), named by module and factory so that
// worker threads can build them. A configuration the model no longer accepts is skipped with
// a note rather than failing the bench.
import type { ModelSpec } from "../checker/packed-spec.ts";

export type BenchModel = { readonly name: string; readonly spec: ModelSpec };

const LARGER = { proposerCrashes: 1 };

export async function loadPaxosBenchModels(): Promise<BenchModel[]> {
  const { parseModelConfig } = await import("../model/config.ts");
  const module = new URL("../model/paxos-model.ts", import.meta.url).href;
  const out: BenchModel[] = [{ name: "basic paxos default", spec: { module, factory: "createPaxosModel", config: parseModelConfig({}) } }];
  // The default with one retry: the packed engine exhausts it (17.5 million states); the object engine's rows stop at their time bound.
  out.push({ name: "basic paxos +retry", spec: { module, factory: "createPaxosModel", config: parseModelConfig({ retries: 1 }) } });
  try {
    out.push({ name: "basic paxos +crash", spec: { module, factory: "createPaxosModel", config: parseModelConfig(LARGER) } });
  } catch (err) {
    console.error(`bench: skipping the larger Basic Paxos configuration: ${(err as Error).message}`);
  }
  return out;
}
