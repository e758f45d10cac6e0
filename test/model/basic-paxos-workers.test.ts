// Basic Paxos on two workers, packed and as objects: the same counts, depth, verdict, progress
// judgement and shortest counterexample as one thread, so that --workers is a speed choice only.
// The object engine on workers runs in basic-paxos-workers.deep.test.ts (npm run test:deep).
import { describe, expect, it } from "vitest";
import { check } from "../../checker/check.ts";
import { definition } from "../../model/basic-paxos/definition.ts";

const small = definition.parseConfig({ retries: 0, losses: 0, duplication: false });

describe("Basic Paxos on workers", () => {
  it("verifies with the counts, depth and witnesses of one thread, progress judged over both workers", async () => {
    const one = await check({ definition, config: small });
    for (const engine of ["packed"] as const) {
      const two = await check({ definition, config: small }, { engine, workers: 2 });
      expect(two.verdict, engine).toBe("verified");
      expect(two.stats).toMatchObject({ distinctStates: one.stats.distinctStates, transitions: one.stats.transitions, depth: one.stats.depth });
      expect(two.witnesses).toEqual(one.witnesses);
    }
  });

  it("finds a step violation and an invariant violation with the shortest run of one thread", async () => {
    for (const variant of ["acceptor-state-lost", "quorum-n-over-2"]) {
      const v = definition.variants.find((x) => x.name === variant)!;
      const config = definition.parseConfig({ retries: 0, losses: 0, ...v.config });
      const one = await check({ definition, config, variant });
      const two = await check({ definition, config, variant }, { workers: 2 });
      expect(two.violation?.property, variant).toBe(one.violation!.property);
      expect(two.violation!.kind).toBe(one.violation!.kind);
      expect(two.violation!.steps).toHaveLength(one.violation!.steps.length);
    }
  });
});
