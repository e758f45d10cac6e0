// Parallel exploration over worker threads must report what one worker reports.
import { describe, expect, it } from "vitest";
import { explorePacked } from "../../checker/explore-packed.ts";
import { explorePackedParallel } from "../../checker/explore-parallel.ts";
import { createPackedLamport } from "../../model/lamport/packed.ts";
import { lamportPackedSpec } from "../../model/lamport/packed-spec.ts";
import { createPackedIgnoreVotes } from "../lamport/broken-packed.ts";

const config = { acceptors: 3, values: 2, ballots: 1 };

describe("explorePackedParallel", () => {
  it("finds the same counts, depth and verdict as one worker, with and without symmetry", async () => {
    for (const symmetry of [false, true]) {
      const one = explorePacked(createPackedLamport(config), { symmetry });
      const two = await explorePackedParallel(lamportPackedSpec(config), { workers: 2, symmetry });
      expect(two.verdict).toBe(one.verdict);
      expect(two.witnesses).toEqual(one.witnesses);
      expect(two.stats).toMatchObject({ distinctStates: one.stats.distinctStates, transitions: one.stats.transitions, depth: one.stats.depth });
    }
  });

  it("finds a shortest counterexample of a broken model, as one worker does", async () => {
    const spec = { module: new URL("../lamport/broken-packed.ts", import.meta.url).href, factory: "createPackedIgnoreVotes", config };
    const one = explorePacked(createPackedIgnoreVotes(config));
    const two = await explorePackedParallel(spec, { workers: 2 });
    expect(two.verdict).toBe("violation");
    expect(two.violation!.property).toBe(one.violation!.property);
    expect(two.violation!.steps).toHaveLength(one.violation!.steps.length);
  });

  it("ends with incomplete when a worker's memory share runs out", async () => {
    const result = await explorePackedParallel(lamportPackedSpec({ ...config, ballots: 2 }), { workers: 2, maxMemoryBytes: 4_000_000 });
    expect(result.verdict).toBe("incomplete");
    expect(result.incompleteReason).toMatch(/memory budget/);
  });
});
