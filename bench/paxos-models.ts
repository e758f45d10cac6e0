// The Basic Paxos configurations the bench runs: the default one (what `npm start` checks,
// one retry with a higher ballot), the default without the retry, and that one with a proposer
// crash and restart, named by module and factory so that worker threads can build them. The
// bounds are spelled out so that a change of the defaults does not silently change the rows.
// A configuration the model no longer accepts is skipped with a note rather than failing the bench.
import type { ModelSpec } from "../checker/packed-spec.ts";

export type BenchModel = { readonly name: string; readonly spec: ModelSpec };

const CONFIGS = [
  // The packed engine exhausts it (17.5 million states); the object engine's rows stop at their time bound.
  { name: "basic paxos default (1 retry)", config: { retries: 1 } },
  { name: "basic paxos no retry", config: { retries: 0 } },
  { name: "basic paxos no retry +crash", config: { retries: 0, proposerCrashes: 1 } },
];

export async function loadPaxosBenchModels(): Promise<BenchModel[]> {
  const { parseModelConfig } = await import("../model/basic-paxos/config.ts");
  const module = new URL("../model/basic-paxos/paxos-model.ts", import.meta.url).href;
  const out: BenchModel[] = [];
  for (const { name, config } of CONFIGS) {
    try {
      out.push({ name, spec: { module, factory: "createPaxosModel", config: parseModelConfig(config) } });
    } catch (err) {
      console.error(`bench: skipping the Basic Paxos configuration "${name}": ${(err as Error).message}`);
    }
  }
  return out;
}
