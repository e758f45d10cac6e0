// Workers sharing one visited set (checker/shared-store.ts) on runs large enough for its table
// to grow several times while every worker inserts, and with as many workers as cores and more:
// the counts, depth and verdict of one thread, and progress judged over the edges of all.
import { describe, expect, it } from "vitest";
import { check } from "../../checker/check.ts";
import { definition as basicPaxos } from "../../model/basic-paxos/definition.ts";
import { definition as lamport } from "../../model/lamport/definition.ts";
import { definition as toy } from "./toy-definition.ts";

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
    // Each worker counts the transitions of each branch it took, over every level.
    expect(one.branches!.length).toBeGreaterThan(1);
    expect(two.branches).toEqual(one.branches);
  });

  it("report the figures of each level the workers end while they step through the levels", async () => {
    const config = lamport.parseConfig({ acceptors: 3, values: 2, ballots: 2 });
    const seen: { distinctStates: number; depth: number; transitions: number }[] = [];
    const two = await check({ definition: lamport, config }, { workers: 2, progressEveryMs: 2, onProgress: (s) => seen.push(s) });
    expect(seen.length).toBeGreaterThan(1);
    // Past the initial states: figures the workers wrote as levels ended, never past the run's own.
    expect(Math.max(...seen.map((s) => s.distinctStates))).toBeGreaterThan(seen[0]!.distinctStates);
    expect(Math.max(...seen.map((s) => s.transitions))).toBeGreaterThan(0);
    for (const [i, s] of seen.entries()) {
      expect(s.distinctStates).toBeLessThanOrEqual(two.stats.distinctStates);
      expect(s.depth).toBeLessThanOrEqual(two.stats.depth);
      if (i > 0) expect(s.distinctStates).toBeGreaterThanOrEqual(seen[i - 1]!.distinctStates);
    }
  });

  it("end at the same level in every worker when one finds a violation, however far ahead another is", async () => {
    // The worker that finds a violation early ends its level at once and may be into the next
    // one before the other has read how this one ended: repeated, so that an interleaving
    // that leaves one worker waiting for the other at a barrier shows as a timeout.
    const config = toy.parseConfig({ size: 4, reset: true });
    for (let i = 0; i < 60; i++) {
      const r = await check({ definition: toy, config }, { workers: 2 });
      expect(r.violation?.steps.map((s) => s.action)).toEqual(["right", "right", "reset"]);
    }
  }, 20_000);
});
