// exploreParallel (object models over worker threads) must report what explore() reports.
import { describe, expect, it } from "vitest";
import { explore } from "../../checker/explore.ts";
import { exploreParallel } from "../../checker/explore-object-parallel.ts";
import { createLamportModel } from "../../model/lamport/model.ts";
import { toyModel, type ToyOptions } from "./toy-model.ts";

const toySpec = (config: ToyOptions) => ({ module: new URL("./toy-model.ts", import.meta.url).href, factory: "toyModel", config });

describe("exploreParallel (object models)", () => {
  it("gives explore()'s verdict, counts, depth and counterexample length on every kind of toy", async () => {
    const configs: ToyOptions[] = [{ size: 5 }, { size: 5, badCell: true }, { size: 5, reset: true }, { size: 4, trap: true }, { size: 4, impossibleWitness: true }];
    for (const config of configs) {
      const one = explore(toyModel(config));
      const two = await exploreParallel(toySpec(config), { workers: 2 });
      expect(two.verdict, JSON.stringify(config)).toBe(one.verdict);
      expect(two.violation?.kind).toBe(one.violation?.kind);
      expect(two.violation?.steps.length).toBe(one.violation?.steps.length);
      if (one.verdict === "verified") expect(two.stats).toMatchObject({ distinctStates: one.stats.distinctStates, transitions: one.stats.transitions, depth: one.stats.depth });
    }
  });

  it("gives TLC's figures for Paxos.tla at ballots 0..1, with symmetry too", async () => {
    const spec = { module: new URL("../../model/lamport/model.ts", import.meta.url).href, factory: "createLamportModel", config: { acceptors: 3, values: 2, ballots: 1 } };
    const two = await exploreParallel(spec, { workers: 2 });
    expect(two.verdict).toBe("verified");
    expect(two.stats).toMatchObject({ distinctStates: 3921, depth: 17 });
    const reduced = await exploreParallel(spec, { workers: 2, symmetry: true });
    expect(reduced.verdict).toBe("verified");
    expect(reduced.stats.distinctStates).toBe(explore(createLamportModel(spec.config), { symmetry: true }).stats.distinctStates);
    expect(reduced.stats.distinctStates).toBeLessThan(3921 / 4);
  });

  it("reduces by symmetry as explore() does", async () => {
    const config = { size: 6, mirror: true };
    const one = explore(toyModel(config), { symmetry: true });
    const two = await exploreParallel(toySpec(config), { workers: 2, symmetry: true });
    expect(two.stats.distinctStates).toBe(one.stats.distinctStates);
    expect(two.verdict).toBe(one.verdict);
  });
});
