// Workers load a run's model module before its clock starts (hosts.ts preloadWorkers). A module
// they cannot load must still fail the run with the reason, not hang it or lose the workers
// for the next run.
import { describe, expect, it } from "vitest";
import { check } from "../../checker/check.ts";
import { preloadWorkers } from "../../checker/hosts.ts";
import { definition as lamport } from "../../model/lamport/definition.ts";

const config = lamport.parseConfig({ acceptors: 3, values: 2, ballots: 1 });

describe("workers that load the model's module before the run", () => {
  it("fail a run whose module exports no definition with that reason, and run the next one", async () => {
    const notADefinition = new URL("../../checker/prng.ts", import.meta.url).href;
    await expect(check({ definition: { ...lamport, module: notADefinition }, config }, { workers: 2 })).rejects.toThrow(/prng\.ts exports no model definition/);
    const one = await check({ definition: lamport, config });
    const two = await check({ definition: lamport, config }, { workers: 2 });
    expect(two.verdict).toBe("verified");
    expect(two.stats).toMatchObject({ distinctStates: one.stats.distinctStates, transitions: one.stats.transitions, depth: one.stats.depth });
  });

  it("fail a run whose module does not exist with the import's error", async () => {
    const missing = new URL("../../model/no-such-model.ts", import.meta.url).href;
    await preloadWorkers(2, missing);
    await expect(check({ definition: { ...lamport, module: missing }, config }, { workers: 2 })).rejects.toThrow(/no-such-model/);
  });
});
