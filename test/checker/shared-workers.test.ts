// Workers sharing one visited set (checker/shared-store.ts) on runs large enough for its table
// to grow several times while every worker inserts, and with as many workers as cores and more:
// the counts, depth and verdict of one thread, and progress judged over the edges of all.
import { describe, expect, it } from "vitest";
import { check } from "../../checker/check.ts";
import { definition as basicPaxos } from "../../model/basic-paxos/definition.ts";
import { definition as lamport } from "../../model/lamport/definition.ts";

describe("workers sharing one visited set", () => {
  it("explore Paxos.tla 0..2 as one thread does, on 2 and 3 workers", async () => {
    const config = lamport.parseConfig({ acceptors: 3, values: 2, ballots: 2 });
    const one = await check({ definition: lamport, config });
    expect(one.stats.distinctStates).toBeGreaterThan(100_000);
    for (const workers of [2, 3]) {
      const many = await check({ definition: lamport, config }, { workers });
      expect(many.verdict, `${workers} workers`).toBe("verified");
      expect(many.stats).toMatchObject({ distinctStates: one.stats.distinctStates, transitions: one.stats.transitions, depth: one.stats.depth });
      expect(many.witnesses).toEqual(one.witnesses);
    }
  });

  it("judge progress over every worker's edges, on Basic Paxos with a retry-free run", async () => {
    const config = basicPaxos.parseConfig({ retries: 0 });
    const one = await check({ definition: basicPaxos, config });
    const two = await check({ definition: basicPaxos, config }, { workers: 2 });
    expect(two.verdict).toBe(one.verdict);
    expect(two.stats).toMatchObject({ distinctStates: one.stats.distinctStates, transitions: one.stats.transitions, depth: one.stats.depth });
  });
});
